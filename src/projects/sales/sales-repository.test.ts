import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { createTestDatabase } from "../../../test/support/postgres.js";
import { openSalesRepository } from "./open-sales-repository.js";
import { salesRepositorySuite } from "./sales-repository.suite.js";

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
});

const tempPath = (file: string) => join(mkdtempSync(join(tmpdir(), "atelier-sales-")), file);

salesRepositorySuite("csv", async () => {
  const url = `csv:${tempPath("sales.csv")}`;
  return { repo: await openSalesRepository(url), reopen: () => openSalesRepository(url) };
});

salesRepositorySuite("sqlite", async () => {
  const url = `sqlite:${tempPath("sales.db")}`;
  return { repo: await openSalesRepository(url), reopen: () => openSalesRepository(url) };
});

salesRepositorySuite("postgres", async () => {
  const { url, drop } = await createTestDatabase("sales");
  drops.push(drop);
  return { repo: await openSalesRepository(url), reopen: () => openSalesRepository(url) };
});
