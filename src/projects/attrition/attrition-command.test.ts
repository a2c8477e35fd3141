import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { migrateToLatest, openDatabase } from "../../store/index.js";
import type { Tracker } from "../../tracking/index.js";
import { registerAttritionCommand } from "./attrition-command.js";
import { attritionMigrations } from "./employees-repository.js";
import { employeesToCsv, generateEmployees } from "./generator.js";

const home = mkdtempSync(join(tmpdir(), "atelier-attrition-cli-"));
const url = `sqlite:${join(home, "atelier.db")}`;

/** Runs `atelier attrition …` in-process on a SQLite file; answers what it printed and the exit code it set. */
async function attrition(...args: string[]): Promise<{ stdout: string; exitCode: number | undefined }> {
  const program = new Command("atelier").exitOverride();
  registerAttritionCommand(program, {
    openDatabase: async () => {
      const database = await openDatabase(url);
      await migrateToLatest(database, attritionMigrations);
      return database;
    },
    openTracker: async () => {
      throw new Error("no tracker in this test");
    },
  } as { openDatabase: () => ReturnType<typeof openDatabase>; openTracker: () => Promise<Tracker> });
  let stdout = "";
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  process.exitCode = undefined;
  try {
    await program.parseAsync(["node", "atelier", "attrition", ...args]);
  } finally {
    write.mockRestore();
  }
  const exitCode = process.exitCode as number | undefined;
  process.exitCode = undefined;
  return { stdout, exitCode };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("atelier attrition", () => {
  it("generate writes the seeded data set to a file or to stdout", async () => {
    const out = join(home, "employees.csv");
    await attrition("generate", "--rows", "50", "--seed", "3", "--out", out);
    expect(readFileSync(out, "utf8")).toBe(employeesToCsv(generateEmployees({ rows: 50, seed: 3 })));
    expect((await attrition("generate", "--rows", "5", "--seed", "3")).stdout).toBe(
      employeesToCsv(generateEmployees({ rows: 5, seed: 3 })),
    );
  });

  it("load-data reports every row, lists bad lines and exits 1 when some were rejected", async () => {
    const lines = employeesToCsv(generateEmployees({ rows: 10, seed: 9 }))
      .trimEnd()
      .split("\n");
    const file = join(home, "some-bad.csv");
    const bad = lines[4]!.split(",");
    bad[0] = "77";
    bad[2] = "other"; // gender
    writeFileSync(file, `${[...lines, bad.join(",")].join("\n")}\n`);
    const first = await attrition("load-data", file);
    expect(first.stdout).toBe(
      "11 rows: 10 inserted, 0 updated, 0 unchanged, 1 rejected\n  line 12: gender: must be one of female, male\n",
    );
    expect(first.exitCode).toBe(1);
    const json = JSON.parse((await attrition("load-data", file, "--json")).stdout);
    expect(json).toMatchObject({ rows: 11, inserted: 0, unchanged: 10, rejected: [{ line: 12, employeeId: "77" }] });
    const good = join(home, "good.csv");
    writeFileSync(good, `${lines.join("\n")}\n`);
    expect(await attrition("load-data", good)).toEqual({
      stdout: "10 rows: 0 inserted, 0 updated, 10 unchanged, 0 rejected\n",
      exitCode: undefined,
    });
  });
});
