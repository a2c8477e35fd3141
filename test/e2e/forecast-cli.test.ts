import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../..", import.meta.url).pathname;
/** A fresh local store (database, artifacts) for the command to log into. */
function freshStore(): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), "atelier-fc-home-"));
  return {
    DATA_DIR: home,
    DATABASE_URL: `sqlite:${join(home, "atelier.db")}`,
    ARTIFACT_STORE_URL: `file:${join(home, "artifacts")}`,
    LOG_LEVEL: "silent",
  };
}
const run = (args: string[], store = freshStore()) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...store },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe("atelier forecast", () => {
  it("writes dates,item_id,prediction equal to the course's expected baseline", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "atelier-fc-")), "out.csv");
    const { code, stdout } = await run([
      "forecast",
      "--config",
      "examples/forecast/same-month-last-year-sales.json",
      "--out",
      out,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/300 forecasts written/);
    const expected = readFileSync(join(ROOT, "data/td2_forecast/prediction_same_month_last_year.csv"), "utf8");
    const parse = (csv: string) =>
      csv
        .trim()
        .split("\n")
        .map((l) => l.split(","))
        .map(([d, i, p]) => [d, i, p === "prediction" ? p : Number(p)]);
    expect(parse(readFileSync(out, "utf8"))).toEqual(parse(expected));
  });

  it("logs every run to tracking, promotes through the gate and ranks runs by R²", async () => {
    const dir = mkdtempSync(join(tmpdir(), "atelier-fc-"));
    const store = freshStore();
    const ridge = await run(
      ["forecast", "--config", "examples/forecast/ridge-past-sales.json", "--out", join(dir, "r.csv")],
      store,
    );
    expect(ridge.code).toBe(0);
    expect(ridge.stdout).toMatch(/R² 0\.85\d\d/);
    expect(ridge.stdout).toMatch(/registered as sales-forecast version 1 and promoted to production/);
    const custom = await run(
      ["forecast", "--config", "examples/forecast/custom-model.json", "--out", join(dir, "c.csv"), "--json"],
      store,
    );
    const summary = JSON.parse(custom.stdout);
    expect(summary).toMatchObject({ model: "CustomModel", promoted: true, version: 2 });
    expect(summary.r2).toBeGreaterThan(0.88);
    // The same model again cannot beat itself by 0.01: logged, not promoted.
    const again = await run(
      ["forecast", "--config", "examples/forecast/custom-model.json", "--out", join(dir, "c2.csv")],
      store,
    );
    expect(again.stdout).toMatch(/not promoted: production's R² is 0\.93/);
    const baseline = await run(
      ["forecast", "--config", "examples/forecast/same-month-last-year-sales.json", "--out", join(dir, "b.csv")],
      store,
    );
    expect(baseline.stdout).toMatch(/not promoted/);
    const compare = await run(["forecast", "compare", "--json"], store);
    const ranked = JSON.parse(compare.stdout) as { name: string; r2: number }[];
    expect(ranked).toHaveLength(4);
    expect(ranked.map((r) => r.r2)).toEqual([...ranked.map((r) => r.r2)].sort((a, b) => b - a));
    expect(ranked[ranked.length - 1]!.name).toBe("SameMonthLastYearSales");
    const table = await run(["forecast", "compare"], store);
    expect(table.stdout.split("\n")[0]).toMatch(/^rank\s+R²\s+MAE\s+MAPE\s+run/);
  }, 180_000);

  it("exits 2 naming every wrong config field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "atelier-fc-"));
    const config = join(dir, "bad.json");
    writeFileSync(config, JSON.stringify({ data: {}, start_test: "July", model: "Magic" }));
    const { code, stderr } = await run(["forecast", "--config", config, "--out", join(dir, "o.csv")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/data\.sales/);
    expect(stderr).toMatch(/start_test/);
    expect(stderr).toMatch(/model/);
  });
});
