import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { r2Score } from "atelier/ml";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppError } from "../../../core/index.js";
import { readCsvRecords } from "../../../data/index.js";
import { readForecastConfig } from "./forecast-config.js";
import { type ForecastRow, makePredictions, runForecast } from "./make-predictions.js";
import { withSales } from "./panel.js";

const DATA = new URL("../../../../data/td2_forecast/", import.meta.url).pathname;
const allData = {
  sales: join(DATA, "sales.csv"),
  marketing: join(DATA, "marketing.csv"),
  price: join(DATA, "price.csv"),
  stock: join(DATA, "stock.csv"),
  objectives: join(DATA, "objectives.csv"),
};
const config = (model: string, features: string[] = [], data: Record<string, string> = allData) => ({
  data,
  start_test: "2023-07-01",
  model,
  features,
});

let truth: Map<string, number>;
beforeAll(async () => {
  truth = new Map(
    (await readCsvRecords(join(DATA, "sales_to_predict.csv"))).map((r) => [`${r.item_id}|${r.dates}`, Number(r.sales)]),
  );
});

function score(rows: readonly ForecastRow[]): number {
  const y = rows.map((r) => truth.get(`${r.item_id}|${r.dates}`)!);
  return r2Score(
    y,
    rows.map((r) => r.prediction),
  );
}

describe("baselines", () => {
  it.each([
    ["PrevMonthSale", "prediction_prev_month.csv"],
    ["SameMonthLastYearSales", "prediction_same_month_last_year.csv"],
  ])("%s equals the course's expected output exactly", async (model, file) => {
    const expected = await readCsvRecords(join(DATA, file));
    const rows = await makePredictions(config(model));
    expect(rows).toHaveLength(300);
    expect(rows.map((r) => [r.dates, r.item_id, r.prediction])).toEqual(
      expected.map((e) => [e.dates, e.item_id, Number(e.prediction)]),
    );
  });

  it("orders items as they first appear in the sales file, months ascending within an item", async () => {
    const rows = await makePredictions(config("PrevMonthSale"));
    expect(rows.slice(0, 7).map((r) => `${r.item_id} ${r.dates}`)).toEqual([
      "item_0 2023-07-01",
      "item_0 2023-08-01",
      "item_0 2023-09-01",
      "item_0 2023-10-01",
      "item_0 2023-11-01",
      "item_0 2023-12-01",
      "item_1 2023-07-01",
    ]);
  });
});

describe("required scores on the test months", () => {
  it("Ridge on past_sales reaches R² ≥ 0.8405", async () => {
    expect(score(await makePredictions(config("Ridge", ["past_sales"])))).toBeGreaterThanOrEqual(0.8405);
  });

  it("Ridge on past_sales and marketing reaches R² > 0.8410", async () => {
    expect(score(await makePredictions(config("Ridge", ["past_sales", "marketing"])))).toBeGreaterThan(0.841);
  });

  it("CustomModel with all data reaches R² ≥ 0.8446 and aims past 0.88", async () => {
    const forecast = await runForecast(
      config("CustomModel", ["past_sales", "marketing", "price", "stock", "objectives"]),
    );
    const r2 = score(forecast.rows);
    expect(r2).toBeGreaterThanOrEqual(0.8446);
    expect(r2).toBeGreaterThan(0.88);
    // The variant was chosen on months before the test start only.
    expect(forecast.validation?.length).toBeGreaterThan(1);
  });
});

describe("no leak", () => {
  it.each([
    ["Ridge", ["past_sales", "marketing", "price", "stock", "objectives"]],
    ["CustomModel", []],
    ["PrevMonthSale", []],
  ])("changing month M's sales leaves %s's forecast of month M unchanged", async (model, features) => {
    const base = await runForecast(config(model, features));
    const { panel, testStart } = base;
    for (const t of [testStart, testStart + 3]) {
      const i = 7;
      const poisoned = withSales(panel, i, t, panel.sales[i]![t]! * 10 + 12345);
      base.model.fit(poisoned, testStart);
      const before = base.rows.find((r) => r.item_id === panel.items[i] && r.dates === panel.months[t])!.prediction;
      expect(base.model.predict(i, t)).toBe(before);
      // …while the month after does see it (the feature really reads earlier months).
      const next = base.rows.find((r) => r.item_id === panel.items[i] && r.dates === panel.months[t + 1])!.prediction;
      expect(base.model.predict(i, t + 1)).not.toBe(next);
    }
  });
});

describe("config errors", () => {
  const dir = mkdtempSync(join(tmpdir(), "atelier-forecast-"));
  const write = (name: string, value: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
    return path;
  };
  const error = (fn: () => unknown): AppError => {
    try {
      fn();
    } catch (e) {
      return e as AppError;
    }
    throw new Error("expected an error");
  };

  it("names each wrong field", () => {
    const e = error(() =>
      readForecastConfig(
        write("bad.json", { data: {}, start_test: "2023-07-15", model: "Prophet", features: ["weather"] }),
      ),
    );
    expect(e.code).toBe("INVALID_CONFIG");
    const fields = (e.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(["data.sales", "features.0", "model", "start_test"]);
  });

  it("asks for the data file a feature needs, and refuses features on a baseline", () => {
    const e = error(() =>
      readForecastConfig(
        write("a.json", {
          data: { sales: "sales.csv" },
          start_test: "2023-07-01",
          model: "Ridge",
          features: ["marketing"],
        }),
      ),
    );
    expect(e.details).toEqual([{ field: "data.marketing", reason: "required by the chosen features" }]);
    const b = error(() =>
      readForecastConfig(
        write("b.json", {
          data: { sales: "s.csv" },
          start_test: "2023-07-01",
          model: "PrevMonthSale",
          features: ["past_sales"],
        }),
      ),
    );
    expect(b.message).toMatch(/baseline and takes no features/);
  });

  it("resolves relative paths from the config's folder and names a missing file", async () => {
    const path = write("rel.json", {
      data: { sales: "nowhere/sales.csv" },
      start_test: "2023-07-01",
      model: "PrevMonthSale",
      features: [],
    });
    const c = readForecastConfig(path);
    expect(c.data.sales).toBe(join(dir, "nowhere/sales.csv"));
    await expect(makePredictions(c)).rejects.toThrow(join(dir, "nowhere/sales.csv"));
  });

  it("rejects a start_test outside the data or without enough history", async () => {
    await expect(makePredictions({ ...config("PrevMonthSale"), start_test: "2030-01-01" })).rejects.toThrow(
      /not a month of the sales file/,
    );
    await expect(makePredictions({ ...config("Ridge", ["past_sales"]), start_test: "2020-06-01" })).rejects.toThrow(
      /months of history/,
    );
    expect(error(() => readForecastConfig(write("x.json", "{not json"))).message).toMatch(/not valid JSON/);
    expect(error(() => readForecastConfig(join(dir, "missing.json"))).message).toMatch(/not found/);
  });
});
