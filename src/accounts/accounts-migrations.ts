import { type Kysely, type Migration, sql } from "kysely";
import { isPostgres } from "../store/index.js";

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
type AnyDb = Kysely<any>;

/** Byte-order text in both dialects, so keyset pages sort the same on SQLite and PostgreSQL. */
const byteOrderText = (db: AnyDb) => (isPostgres(db) ? sql`text collate "C"` : sql`text`);

/** The accounts module's tables: users and API keys. Times are epoch milliseconds (bigint). */
export const accountsMigrations: Record<string, Migration> = {
  "0101-accounts-users": {
    up: async (db: AnyDb) => {
      await db.schema
        .createTable("accounts_users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("username", byteOrderText(db), (c) => c.notNull().unique())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
    },
    down: async (db: AnyDb) => {
      await db.schema.dropTable("accounts_users").ifExists().execute();
    },
  },
  "0102-accounts-api-keys": {
    up: async (db: AnyDb) => {
      await db.schema
        .createTable("accounts_api_keys")
        .addColumn("id", byteOrderText(db), (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("prefix", "text", (c) => c.notNull().unique())
        .addColumn("secret_hash", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        // A JSON array of strings; text rather than jsonb so both dialects read it the same way.
        .addColumn("scopes", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("revoked_at", "bigint")
        .addColumn("last_used_at", "bigint")
        .execute();
      await db.schema
        .createIndex("accounts_api_keys_listing")
        .on("accounts_api_keys")
        .columns(["created_at", "id"])
        .execute();
    },
    down: async (db: AnyDb) => {
      await db.schema.dropTable("accounts_api_keys").ifExists().execute();
    },
  },
};
