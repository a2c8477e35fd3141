import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../..", import.meta.url).pathname;
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "silent" },
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
