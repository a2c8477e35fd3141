import { afterAll } from "vitest";
import { createTestDatabase } from "../../test/support/postgres.js";
import { type Database, migrateToLatest, openDatabase } from "../store/index.js";
import { predictionLogRepositorySuite } from "./prediction-log-repository.suite.js";
import { predictionLogMigrations } from "./prediction-log-tables.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function migrated(url: string): Promise<Database> {
  const database = await openDatabase(url);
  await migrateToLatest(database, predictionLogMigrations);
  cleanups.unshift(() => database.close());
  return database;
}

predictionLogRepositorySuite("sqlite", () => migrated("sqlite::memory:"));

predictionLogRepositorySuite("postgres", async () => {
  const { url, drop } = await createTestDatabase("predlog");
  cleanups.push(drop);
  return migrated(url);
});
