import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { createTestDatabase } from "../../test/support/postgres.js";
import { migrateToLatest, openDatabase } from "../store/index.js";
import { accountsMigrations } from "./accounts-migrations.js";
import { AccountsRepository } from "./accounts-repository.js";
import { accountsRepositorySuite } from "./accounts-repository.suite.js";

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
});

async function openOn(url: string) {
  const database = await openDatabase(url);
  await migrateToLatest(database, accountsMigrations);
  return { repo: new AccountsRepository(database), close: () => database.close() };
}

accountsRepositorySuite("sqlite", () => openOn(`sqlite:${join(mkdtempSync(join(tmpdir(), "atelier-acc-")), "a.db")}`));

accountsRepositorySuite("postgres", async () => {
  const { url, drop } = await createTestDatabase("accounts");
  drops.push(drop);
  return openOn(url);
});
