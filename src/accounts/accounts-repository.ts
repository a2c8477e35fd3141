import type { Kysely } from "kysely";
import { AppError, type Role } from "../core/index.js";
import type { Database } from "../store/index.js";
import type { ApiKey, Page, PageRequest, User } from "./entities.js";
import { decodePageToken, encodePageToken, pageSizeOf } from "./page-token.js";

type AccountsTables = {
  accounts_users: {
    id: string;
    username: string;
    role: string;
    password_hash: string;
    created_at: number;
    disabled: number;
  };
  accounts_api_keys: {
    id: string;
    name: string;
    prefix: string;
    secret_hash: string;
    role: string;
    scopes: string;
    created_by: string;
    created_at: number;
    revoked_at: number | null;
    last_used_at: number | null;
  };
};

type UserRow = AccountsTables["accounts_users"];
type ApiKeyRow = AccountsTables["accounts_api_keys"];

/** A user with its argon2id hash: only the service sees it, never a route. */
export interface StoredUser extends User {
  readonly passwordHash: string;
}

/** An API key with the SHA-256 (hex) of its secret. */
export interface StoredApiKey extends ApiKey {
  readonly secretHash: string;
}

const toUser = (r: UserRow): StoredUser => ({
  id: r.id,
  username: r.username,
  role: r.role as Role,
  createdAt: new Date(Number(r.created_at)),
  disabled: Number(r.disabled) !== 0,
  passwordHash: r.password_hash,
});

const withoutHash = ({ passwordHash: _, ...user }: StoredUser): User => user;

const toApiKey = (r: ApiKeyRow): StoredApiKey => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  role: r.role as Role,
  scopes: JSON.parse(r.scopes) as string[],
  createdBy: r.created_by,
  createdAt: new Date(Number(r.created_at)),
  revokedAt: r.revoked_at === null ? null : new Date(Number(r.revoked_at)),
  lastUsedAt: r.last_used_at === null ? null : new Date(Number(r.last_used_at)),
  secretHash: r.secret_hash,
});

const withoutSecret = ({ secretHash: _, ...key }: StoredApiKey): ApiKey => key;

/** True for a unique-constraint violation on SQLite or PostgreSQL. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

/** Users and API keys in SQLite or PostgreSQL (tables accounts_users and accounts_api_keys). */
export class AccountsRepository {
  private readonly db: Kysely<AccountsTables>;

  constructor(database: Database) {
    this.db = database.db.withTables<AccountsTables>() as unknown as Kysely<AccountsTables>;
  }

  /** Stores a new user; CONFLICT when the username is taken. */
  async insertUser(user: StoredUser): Promise<void> {
    try {
      await this.db
        .insertInto("accounts_users")
        .values({
          id: user.id,
          username: user.username,
          role: user.role,
          password_hash: user.passwordHash,
          created_at: user.createdAt.getTime(),
          disabled: user.disabled ? 1 : 0,
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("CONFLICT", `User "${user.username}" already exists`);
      throw error;
    }
  }

  async findUserByUsername(username: string): Promise<StoredUser | undefined> {
    const row = await this.db
      .selectFrom("accounts_users")
      .selectAll()
      .where("username", "=", username)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async findUserById(id: string): Promise<StoredUser | undefined> {
    const row = await this.db.selectFrom("accounts_users").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toUser(row);
  }

  /** True when at least one user exists (the first-start admin is created only on an empty table). */
  async hasUsers(): Promise<boolean> {
    return (await this.db.selectFrom("accounts_users").select("id").limit(1).executeTakeFirst()) !== undefined;
  }

  /** Users in username (byte) order. */
  async listUsers(request: PageRequest = {}): Promise<Page<User>> {
    const size = pageSizeOf(request.pageSize);
    let query = this.db.selectFrom("accounts_users").selectAll();
    if (request.pageToken) {
      const [after] = decodePageToken(request.pageToken, ["string"]) as [string];
      query = query.where("username", ">", after);
    }
    const rows = await query
      .orderBy("username")
      .limit(size + 1)
      .execute();
    const items = rows.slice(0, size).map((r) => withoutHash(toUser(r)));
    return rows.length > size ? { items, nextPageToken: encodePageToken([items[size - 1]!.username]) } : { items };
  }

  /** Sets the disabled flag; the user after the change, or undefined when there is no such user. */
  async setUserDisabled(username: string, disabled: boolean): Promise<User | undefined> {
    await this.db
      .updateTable("accounts_users")
      .set({ disabled: disabled ? 1 : 0 })
      .where("username", "=", username)
      .execute();
    const user = await this.findUserByUsername(username);
    return user && withoutHash(user);
  }

  async insertApiKey(key: StoredApiKey): Promise<void> {
    await this.db
      .insertInto("accounts_api_keys")
      .values({
        id: key.id,
        name: key.name,
        prefix: key.prefix,
        secret_hash: key.secretHash,
        role: key.role,
        scopes: JSON.stringify(key.scopes),
        created_by: key.createdBy,
        created_at: key.createdAt.getTime(),
        revoked_at: key.revokedAt?.getTime() ?? null,
        last_used_at: key.lastUsedAt?.getTime() ?? null,
      })
      .execute();
  }

  async findApiKeyByPrefix(prefix: string): Promise<StoredApiKey | undefined> {
    const row = await this.db
      .selectFrom("accounts_api_keys")
      .selectAll()
      .where("prefix", "=", prefix)
      .executeTakeFirst();
    return row && toApiKey(row);
  }

  async findApiKeyById(id: string): Promise<ApiKey | undefined> {
    const row = await this.db.selectFrom("accounts_api_keys").selectAll().where("id", "=", id).executeTakeFirst();
    return row && withoutSecret(toApiKey(row));
  }

  /** API keys, oldest first (creation time, then id), revoked ones included. */
  async listApiKeys(request: PageRequest = {}): Promise<Page<ApiKey>> {
    const size = pageSizeOf(request.pageSize);
    let query = this.db.selectFrom("accounts_api_keys").selectAll();
    if (request.pageToken) {
      const [at, id] = decodePageToken(request.pageToken, ["number", "string"]) as [number, string];
      query = query.where((eb) =>
        eb.or([eb("created_at", ">", at), eb.and([eb("created_at", "=", at), eb("id", ">", id)])]),
      );
    }
    const rows = await query
      .orderBy("created_at")
      .orderBy("id")
      .limit(size + 1)
      .execute();
    const items = rows.slice(0, size).map((r) => withoutSecret(toApiKey(r)));
    if (rows.length <= size) return { items };
    const last = items[size - 1]!;
    return { items, nextPageToken: encodePageToken([last.createdAt.getTime(), last.id]) };
  }

  /** Marks a key revoked at `at` unless it already is (the first revocation time is kept); undefined if unknown. */
  async revokeApiKey(id: string, at: Date): Promise<ApiKey | undefined> {
    await this.db
      .updateTable("accounts_api_keys")
      .set({ revoked_at: at.getTime() })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .execute();
    return this.findApiKeyById(id);
  }

  /** Records that a key was accepted at `at`. */
  async touchApiKey(id: string, at: Date): Promise<void> {
    await this.db.updateTable("accounts_api_keys").set({ last_used_at: at.getTime() }).where("id", "=", id).execute();
  }
}
