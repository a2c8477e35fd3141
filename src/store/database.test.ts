import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/support/postgres.js";
import { isPostgres, migrateToLatest, openDatabase, parseDatabaseUrl } from "./database.js";

const migrations = {
  "0001-test-things": {
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable("things")
        .addColumn("id", "integer", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("value", "double precision")
        .execute();
    },
  },
};

describe("parseDatabaseUrl", () => {
  it("selects the dialect from the URL and names a bad one", () => {
    expect(parseDatabaseUrl("sqlite:./x.db")).toEqual({ dialect: "sqlite", target: "./x.db" });
    expect(parseDatabaseUrl("postgres://u@h/db").dialect).toBe("postgres");
    expect(() => parseDatabaseUrl("mysql://x")).toThrow(/sqlite: or postgres/);
  });
});

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.each(["sqlite", "postgres"] as const)("openDatabase on %s", (dialect) => {
  it("migrates once, round-trips bigint and double values, and reports the dialect", async () => {
    let url: string;
    if (dialect === "sqlite") url = `sqlite:${join(mkdtempSync(join(tmpdir(), "atelier-db-")), "a.db")}`;
    else {
      const t = await createTestDatabase();
      cleanups.push(t.drop);
      url = t.url;
    }
    const database = await openDatabase(url);
    try {
      expect(database.dialect).toBe(dialect);
      expect(isPostgres(database.db)).toBe(dialect === "postgres");
      expect(await migrateToLatest(database, migrations)).toEqual(["0001-test-things"]);
      expect(await migrateToLatest(database, migrations)).toEqual([]);
      const at = Date.UTC(2026, 10, 24, 12, 0, 0, 123);
      await database.db.insertInto("things").values({ id: 1, name: "a", at, value: 0.1 }).execute();
      const row = await database.db.selectFrom("things").selectAll().executeTakeFirstOrThrow();
      expect(row).toEqual({ id: 1, name: "a", at, value: 0.1 });
      const count = await sql<{ n: number }>`select count(*) as n from things`.execute(database.db);
      expect(Number(count.rows[0]?.n)).toBe(1);
    } finally {
      await database.close();
    }
  });
});

describe("migrateToLatest with several modules on one database", () => {
  it("lets a module migrate its own list alone, before or after the union, in any name order", async () => {
    const url = `sqlite:${join(mkdtempSync(join(tmpdir(), "atelier-db-")), "m.db")}`;
    const table = (name: string) => ({
      up: async (db: Kysely<any>) => {
        await db.schema.createTable(name).addColumn("id", "integer").execute();
      },
    });
    const sales = { "0001-sales-a": table("sales_a") };
    const tracking = { "0201-tracking-a": table("tracking_a") };
    const accounts = { "0101-accounts-a": table("accounts_a") };
    const database = await openDatabase(url);
    try {
      expect(await migrateToLatest(database, { ...sales, ...tracking })).toEqual(["0001-sales-a", "0201-tracking-a"]);
      expect(await migrateToLatest(database, sales)).toEqual([]);
      expect(await migrateToLatest(database, { ...sales, ...tracking, ...accounts })).toEqual(["0101-accounts-a"]);
      expect(await migrateToLatest(database, sales)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});

describe("openDatabase failures", () => {
  it("reports an unreachable PostgreSQL as STORE_UNAVAILABLE", async () => {
    await expect(openDatabase("postgres://nobody:x@127.0.0.1:1/none")).rejects.toMatchObject({
      code: "STORE_UNAVAILABLE",
    });
  });
});
