import { randomUUID } from "node:crypto";
import { AppError, type Clock, isAppError, type Principal, systemClock } from "../core/index.js";
import type { Database } from "../store/index.js";
import { checkNewApiKey, checkNewUser, MAX_PASSWORD_LENGTH, type NewApiKey, type NewUser } from "./account-rules.js";
import { AccountsRepository } from "./accounts-repository.js";
import { generateApiKey, hashSecret, parseApiKey, sameHash } from "./api-key-format.js";
import type { AccessToken, ApiKey, Page, PageRequest, User } from "./entities.js";
import { DEFAULT_LOGIN_LIMITS, type LoginLimits, LoginThrottle } from "./login-throttle.js";
import { PasswordHasher } from "./password-hasher.js";
import { TokenIssuer } from "./token-issuer.js";
import { VerificationCache } from "./verification-cache.js";

/** How long a verified API key is trusted without asking the store: the bound on revocation delay across replicas. */
export const API_KEY_CACHE_MS = 2_000;
/** last_used_at is written at most this often per key, so serving does not turn into a stream of writes. */
const LAST_USED_PRECISION_MS = 60_000;

export interface AccountsOptions {
  /** HS256 signing secret (JWT_SECRET or the generated one: see loadJwtSecret). */
  readonly jwtSecret: string;
  /** Access-token lifetime (JWT_TTL_SECONDS, default 3600). */
  readonly tokenTtlSeconds?: number;
  readonly clock?: Clock;
  readonly apiKeyCacheMs?: number;
  readonly loginLimits?: LoginLimits;
}

/** The one message for every failed password login, so it never tells whether the username exists. */
export const BAD_CREDENTIALS = "Incorrect username or password";

/**
 * Users, passwords, access tokens and API keys. Passwords are argon2id hashes; an unknown username is checked
 * against a dummy hash so both failure paths take the same time. Verification of tokens and keys is cached in
 * memory (TokenIssuer, API_KEY_CACHE_MS) because it runs on every authenticated request.
 */
export class AccountsService {
  private readonly keyCache = new VerificationCache<Principal>();

  private constructor(
    private readonly repo: AccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenIssuer,
    private readonly throttle: LoginThrottle,
    private readonly clock: Clock,
    private readonly keyCacheMs: number,
  ) {}

  /** Opens the service on a migrated database (see accountsMigrations). */
  static async open(database: Database, options: AccountsOptions): Promise<AccountsService> {
    const clock = options.clock ?? systemClock;
    return new AccountsService(
      new AccountsRepository(database),
      await PasswordHasher.create(),
      await TokenIssuer.create(options.jwtSecret, options.tokenTtlSeconds ?? 3600, clock),
      new LoginThrottle(options.loginLimits ?? DEFAULT_LOGIN_LIMITS, clock),
      clock,
      options.apiKeyCacheMs ?? API_KEY_CACHE_MS,
    );
  }

  /** Creates a user; INVALID_INPUT naming bad fields, CONFLICT when the username is taken. */
  async createUser(input: NewUser): Promise<User> {
    checkNewUser(input);
    const user = {
      id: randomUUID(),
      username: input.username,
      role: input.role,
      createdAt: this.clock.now(),
      disabled: false,
    };
    await this.repo.insertUser({ ...user, passwordHash: await this.hasher.hash(input.password) });
    return user;
  }

  listUsers(request?: PageRequest): Promise<Page<User>> {
    return this.repo.listUsers(request);
  }

  hasUsers(): Promise<boolean> {
    return this.repo.hasUsers();
  }

  /** Disables or re-enables a user's password login; NOT_FOUND for an unknown username. */
  async setUserDisabled(username: string, disabled: boolean): Promise<User> {
    const user = await this.repo.setUserDisabled(username, disabled);
    if (!user) throw new AppError("NOT_FOUND", `No user "${username}"`);
    return user;
  }

  /**
   * The user whose password this is; UNAUTHENTICATED with BAD_CREDENTIALS otherwise. Unknown, disabled and
   * wrong-password cases all run one argon2 verification, so their timing does not reveal which one it was.
   */
  async authenticate(username: string, password: string): Promise<User> {
    if (typeof password !== "string" || password.length > MAX_PASSWORD_LENGTH)
      throw new AppError("UNAUTHENTICATED", BAD_CREDENTIALS);
    const stored = typeof username === "string" ? await this.repo.findUserByUsername(username) : undefined;
    const ok = stored
      ? await this.hasher.verify(stored.passwordHash, password)
      : await this.hasher.verifyNothing(password);
    if (!ok || !stored || stored.disabled) throw new AppError("UNAUTHENTICATED", BAD_CREDENTIALS);
    const { passwordHash: _, ...user } = stored;
    return user;
  }

  /**
   * The /token flow: throttled authentication (RATE_LIMITED with details.retryAfterSeconds after too many
   * failures for the username or the client address), then an access token.
   */
  async login(username: string, password: string, address: string): Promise<AccessToken> {
    const attempt = this.throttle.begin(String(username), address);
    let user: User;
    try {
      user = await this.authenticate(username, password);
    } catch (error) {
      // Only a refused password counts; a store outage is not the caller's failure.
      if (!isAppError(error) || error.code !== "UNAUTHENTICATED") this.throttle.release(attempt);
      throw error;
    }
    this.throttle.succeeded(attempt);
    return this.issueToken(user);
  }

  /** A JWT for `user` (claims sub, name, role, iat, exp). */
  issueToken(user: Pick<User, "id" | "username" | "role">): Promise<AccessToken> {
    return this.tokens.issue({ sub: user.id, name: user.username, role: user.role });
  }

  /** The principal of a bearer JWT; UNAUTHENTICATED when invalid or expired. Synchronous on a cache hit. */
  verifyToken(token: string): Principal | Promise<Principal> {
    return this.tokens.verify(token);
  }

  /** Creates an API key; the returned `secret` (the full `atk_…` key) is shown once and never stored. */
  async createApiKey(input: NewApiKey, createdBy: Principal): Promise<{ key: ApiKey; secret: string }> {
    const scopes = checkNewApiKey(input);
    const generated = generateApiKey();
    const key: ApiKey = {
      id: randomUUID(),
      name: input.name.trim(),
      prefix: generated.prefix,
      role: input.role,
      scopes,
      createdBy: createdBy.name,
      createdAt: this.clock.now(),
      revokedAt: null,
      lastUsedAt: null,
    };
    await this.repo.insertApiKey({ ...key, secretHash: hashSecret(generated.secret) });
    return { key, secret: generated.key };
  }

  listApiKeys(request?: PageRequest): Promise<Page<ApiKey>> {
    return this.repo.listApiKeys(request);
  }

  /**
   * Revokes a key (idempotent: a second call keeps the first time). This process forgets the key at once; other
   * replicas within API_KEY_CACHE_MS (2 s). NOT_FOUND for an unknown id.
   */
  async revokeApiKey(id: string): Promise<ApiKey> {
    const key = await this.repo.revokeApiKey(id, this.clock.now());
    if (!key) throw new AppError("NOT_FOUND", `No API key ${id}`);
    this.keyCache.deleteWhere((p) => p.id === id);
    return key;
  }

  /**
   * The principal of an API key; UNAUTHENTICATED when malformed, unknown, wrong or revoked. A verified key is
   * cached for API_KEY_CACHE_MS, during which checking it again is a synchronous Map lookup.
   */
  verifyApiKey(presented: string): Principal | Promise<Principal> {
    return this.keyCache.get(presented, this.clock.now().getTime()) ?? this.verifyApiKeySlow(presented);
  }

  private async verifyApiKeySlow(presented: string): Promise<Principal> {
    const parsed = parseApiKey(presented);
    if (!parsed) throw new AppError("UNAUTHENTICATED", "Malformed API key");
    const stored = await this.repo.findApiKeyByPrefix(parsed.prefix);
    if (!stored || !sameHash(hashSecret(parsed.secret), stored.secretHash))
      throw new AppError("UNAUTHENTICATED", "Invalid API key");
    if (stored.revokedAt) throw new AppError("UNAUTHENTICATED", "API key revoked");
    const now = this.clock.now();
    if (!stored.lastUsedAt || now.getTime() - stored.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS)
      await this.repo.touchApiKey(stored.id, now);
    const principal: Principal = {
      id: stored.id,
      name: stored.name,
      kind: "apiKey",
      role: stored.role,
      ...(stored.scopes.length ? { scopes: stored.scopes } : {}),
    };
    this.keyCache.set(presented, principal, now.getTime() + this.keyCacheMs);
    return principal;
  }
}
