import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { renderDataModel } from "../scripts/generate-data-model.js";
import { renderFieldTable } from "../src/projects/attrition/field-table.js";
import { openDatabase } from "../src/store/index.js";
import { createTestDatabase } from "./support/postgres.js";

const ROOT = new URL("..", import.meta.url).pathname;
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

/** The tables docs/data-model.md lists. */
const documentedTables = () => [...read("docs/data-model.md").matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]!).sort();

describe("generated database and data-set docs stay true", () => {
  it("docs/data-model.md is the live schema (run `npm run docs:generate` after adding or changing a migration)", async () => {
    const doc = await renderDataModel();
    expect(read("docs/data-model.md")).toBe(doc);
    // Every table is in the diagram and described.
    expect(doc).not.toContain("no description yet");
    expect(doc).toContain("attrition_employees {");
  });

  it("docs/attrition.md lists the data set's columns as the code defines them", () => {
    expect(read("docs/attrition.md")).toContain(`<!-- fields -->\n${renderFieldTable()}\n<!-- /fields -->`);
  });

  it("`atelier db create` makes exactly the documented tables on an empty PostgreSQL and SQLite", async () => {
    const pg = await createTestDatabase("dbcreate");
    const home = mkdtempSync(join(tmpdir(), "atelier-dbcreate-"));
    try {
      for (const url of [pg.url, `sqlite:${join(home, "atelier.db")}`]) {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ["--import", "tsx", "src/main.ts", "db", "create"],
          { cwd: ROOT, env: { ...process.env, DATA_DIR: home, DATABASE_URL: url, LOG_LEVEL: "silent" } },
        );
        expect(stdout).toMatch(/^applied: 0001-sales-raw, .*0501-attrition-employees/);
        const database = await openDatabase(url);
        try {
          const query = url.startsWith("sqlite:")
            ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
            : sql<{
                name: string;
              }>`select table_name as name from information_schema.tables where table_schema = 'public'`;
          const tables = (await query.execute(database.db)).rows.map((r) => r.name).sort();
          expect(tables).toEqual(documentedTables());
        } finally {
          await database.close();
        }
      }
    } finally {
      await pg.drop();
    }
  }, 60_000);
});
