import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { createTestDatabase } from "../../../test/support/postgres.js";
import { type Database, migrateToLatest, openDatabase } from "../../store/index.js";
import { attritionMigrations } from "./employees-repository.js";
import { employeesRepositorySuite } from "./employees-repository.suite.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function migrated(url: string, drop?: () => Promise<void>): Promise<Database> {
  const database = await openDatabase(url);
  await migrateToLatest(database, attritionMigrations);
  cleanups.push(async () => {
    await database.close();
    await drop?.();
  });
  return database;
}

employeesRepositorySuite("sqlite", () =>
  migrated(`sqlite:${join(mkdtempSync(join(tmpdir(), "atelier-attrition-")), "atelier.db")}`),
);

employeesRepositorySuite("postgres", async () => {
  const { url, drop } = await createTestDatabase("attrition");
  return migrated(url, drop);
});
