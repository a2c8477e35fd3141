import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { createTestDatabase } from "../../test/support/postgres.js";
import { registrySuite } from "./registry.suite.js";
import { trackingSuite } from "./tracking.suite.js";

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
});

const sqlite = async () => `sqlite:${join(mkdtempSync(join(tmpdir(), "atelier-tracking-db-")), "a.db")}`;
const postgres = async () => {
  const { url, drop } = await createTestDatabase("tracking");
  drops.push(drop);
  return url;
};

trackingSuite("sqlite", sqlite);
trackingSuite("postgres", postgres);
registrySuite("sqlite", sqlite);
registrySuite("postgres", postgres);
