import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import {
  DEFAULT_MIGRATION_TABLE,
  Kysely,
  type Migration,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
} from "kysely";
import pg from "pg";
import { AppError } from "../core/index.js";

/** Which SQL engine a database URL selects. */
export type DialectName = "sqlite" | "postgres";

/**
 * An open database: one Kysely instance per process. Modules extend its schema type with
 * `database.db.withTables<TheirTables>()` in their repositories; only `store` and repositories speak SQL.
 */
export interface Database {
  // biome-ignore lint/suspicious/noExplicitAny: each repository narrows the schema with withTables<T>().
  readonly db: Kysely<any>;
  readonly dialect: DialectName;
  readonly url: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Max pooled connections for PostgreSQL (default 10). */
  readonly poolSize?: number;
}

// BIGINT (int8) holds epoch milliseconds and counters: parse it as a JS number (exact below 2^53).
pg.types.setTypeParser(20, (v) => Number(v));
// NUMERIC as number too: Atelier stores metrics and sales as double precision, numerics only from aggregates.
pg.types.setTypeParser(1700, (v) => Number(v));

/** Parses `sqlite:PATH` (a file, or `sqlite::memory:`) or `postgres://…` into a dialect and a target. */
export function parseDatabaseUrl(url: string): { dialect: DialectName; target: string } {
  if (url.startsWith("sqlite:")) {
    const target = url.slice("sqlite:".length).replace(/^\/\//, "");
    if (!target) throw new AppError("INVALID_CONFIG", `Database URL "${url}" has no file path (sqlite:PATH)`);
    return { dialect: "sqlite", target };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: "postgres", target: url };
  throw new AppError("INVALID_CONFIG", `Database URL "${url}" must start with sqlite: or postgres://`);
}

/** Opens the database a URL names: better-sqlite3 in WAL mode, or a pg pool. */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const { dialect, target } = parseDatabaseUrl(url);
  if (dialect === "sqlite") {
    const memory = target === ":memory:";
    if (!memory) mkdirSync(dirname(resolve(target)), { recursive: true });
    const sqlite = new SQLite(memory ? ":memory:" : target);
    sqlite.pragma("journal_mode = WAL");
    // NORMAL in WAL mode: a commit survives a process crash (SIGKILL); only an OS crash may lose the last commits.
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, dialect, url, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: target, max: options.poolSize ?? 10 });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on("error", () => {});
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new AppError("STORE_UNAVAILABLE", `Cannot connect to PostgreSQL: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
  return { db, dialect, url, close: () => db.destroy() };
}

/** Names of the migrations already applied to a database (none when Kysely's table does not exist yet). */
async function appliedMigrations(database: Database): Promise<string[]> {
  const tables = await database.db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === DEFAULT_MIGRATION_TABLE)) return [];
  const rows = await database.db.selectFrom(DEFAULT_MIGRATION_TABLE).select("name").execute();
  return rows.map((r) => String(r.name));
}

const alreadyApplied: Migration = { up: async () => {} };

/**
 * Runs every migration not yet applied, in name order. Each module owns its migrations (named
 * `NNNN-module-what`) and main.ts passes the union, so both dialects run the same files.
 * A module may also migrate its own list alone on the shared database (the sales store opened on DATABASE_URL):
 * migrations applied from other lists are then left alone instead of being reported missing, and a module's new
 * migration may sort before another module's applied ones.
 */
export async function migrateToLatest(
  database: Database,
  migrations: Readonly<Record<string, Migration>>,
): Promise<string[]> {
  const others = Object.fromEntries((await appliedMigrations(database)).map((name) => [name, alreadyApplied]));
  const migrator = new Migrator({
    db: database.db,
    allowUnorderedMigrations: true,
    provider: { getMigrations: async () => ({ ...others, ...migrations }) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new AppError("STORE_UNAVAILABLE", `Migration ${failed} failed: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** True when a Kysely instance speaks PostgreSQL (for the few DDL details that differ, e.g. jsonb). */
// biome-ignore lint/suspicious/noExplicitAny: works on any schema.
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
