import { join } from "node:path";
import { meanAbsoluteError, meanAbsolutePercentageError, r2Score } from "atelier/ml";
import { readCsvRecords } from "../../../data/index.js";
import type { FeatureGroup } from "./features.js";
import type { ModelName } from "./forecast-config.js";
import { type ForecastRow, runForecast } from "./make-predictions.js";

/** Every model and feature set docs/forecasting.md reports on. */
export const SCORED_CONFIGS: readonly { model: ModelName; features: FeatureGroup[] }[] = [
  { model: "PrevMonthSale", features: [] },
  { model: "SameMonthLastYearSales", features: [] },
  { model: "Ridge", features: ["past_sales"] },
  { model: "Ridge", features: ["past_sales", "marketing"] },
  { model: "Ridge", features: ["past_sales", "marketing", "price"] },
  { model: "Ridge", features: ["past_sales", "marketing", "price", "stock"] },
  { model: "Ridge", features: ["past_sales", "marketing", "price", "stock", "objectives"] },
  { model: "CustomModel", features: [] },
];

/** R², MAE and MAPE of forecasts against the actual sales (a map from "item|YYYY-MM-DD"). */
export function scoreRows(
  rows: readonly ForecastRow[],
  actual: ReadonlyMap<string, number>,
): { r2: number; mae: number; mape: number } {
  const y = rows.map((r) => {
    const v = actual.get(`${r.item_id}|${r.dates}`);
    if (v === undefined) throw new Error(`no actual sales for ${r.item_id} ${r.dates}`);
    return v;
  });
  const p = rows.map((r) => r.prediction);
  return { r2: r2Score(y, p), mae: meanAbsoluteError(y, p), mape: meanAbsolutePercentageError(y, p) };
}

/** Actual sales from a file with dates,item_id,sales columns (e.g. sales_to_predict.csv). */
export async function readActualSales(path: string): Promise<Map<string, number>> {
  return new Map((await readCsvRecords(path)).map((r) => [`${r.item_id}|${r.dates}`, Number(r.sales)]));
}

/** The markdown score table of every scored config on the course's test months (start 2023-07-01). */
export async function renderScoreTable(dataDir: string): Promise<string> {
  const data = Object.fromEntries(
    ["sales", "marketing", "price", "stock", "objectives"].map((f) => [f, join(dataDir, `${f}.csv`)]),
  );
  const actual = await readActualSales(join(dataDir, "sales_to_predict.csv"));
  const lines = ["| model | features | R² | MAE | MAPE |", "| --- | --- | --- | --- | --- |"];
  for (const { model, features } of SCORED_CONFIGS) {
    const { rows } = await runForecast({ data, start_test: "2023-07-01", model, features });
    const s = scoreRows(rows, actual);
    lines.push(
      `| ${model} | ${features.join(", ") || "—"} | ${s.r2.toFixed(4)} | ${s.mae.toFixed(1)} | ${(100 * s.mape).toFixed(2)}% |`,
    );
  }
  return lines.join("\n");
}
