import { basename } from "node:path";
import { meanAbsoluteError, meanAbsolutePercentageError, r2Score } from "atelier/ml";
import { isAppError } from "../../../core/index.js";
import { toCsv } from "../../../data/index.js";
import { shouldPromote, type Tracker } from "../../../tracking/index.js";
import type { Forecast } from "./make-predictions.js";

/** The registered model forecasts are promoted to. */
export const FORECAST_MODEL_NAME = "sales-forecast";

/** What logging a forecast did. */
export interface TrackedForecast {
  readonly runId: string;
  readonly r2?: number;
  readonly mae?: number;
  readonly mape?: number;
  /** The registered version when the run was promoted to production. */
  readonly version?: number;
  readonly promoted: boolean;
  readonly productionR2?: number;
}

/** The signature of a saved forecasting model: it answers an item and a month. */
const SIGNATURE = {
  inputs: [
    { name: "item_id", type: "string" as const },
    { name: "month", type: "string" as const },
  ],
  output: { type: "number" as const, name: "sales" },
};

/**
 * Logs a forecast run: config, features and learned params; R², MAE and MAPE on the test months when their actual
 * sales are in the sales file; per-item errors and the predictions as artifacts. When the promotion gate says the
 * run beats production's R² (by 0.01), its model is registered as the next `sales-forecast` version and production
 * moves to it.
 */
export async function trackForecast(
  tracker: Tracker,
  forecast: Forecast,
  predictionsCsv: string,
): Promise<TrackedForecast> {
  const { config, rows, panel } = forecast;
  const datasets = Object.entries(config.data).map(([name, path]) => ({
    name: `${name}:${basename(path as string)}`,
    path: path as string,
  }));
  return tracker.withRun(
    {
      experiment: config.experiment,
      name: `${config.model}${config.features.length ? ` [${config.features.join(", ")}]` : ""}`,
      tags: { project: "sales", model: config.model },
      datasets,
    },
    async (run) => {
      await run.logParams({
        model: config.model,
        features: config.features.join(",") || "none",
        start_test: config.start_test,
        ...forecast.model.describe(),
      });
      await run.logArtifact("predictions.csv", Buffer.from(predictionsCsv));
      const actual = rows.map((r) => panel.sales[panel.items.indexOf(r.item_id)]![panel.months.indexOf(r.dates)]!);
      if (!actual.every(Number.isFinite)) return { runId: run.id, promoted: false };
      const predicted = rows.map((r) => r.prediction);
      const scores = {
        r2: r2Score(actual, predicted),
        mae: meanAbsoluteError(actual, predicted),
        mape: meanAbsolutePercentageError(actual, predicted),
      };
      await run.logMetrics(scores);
      await run.logArtifact(
        "per_item_errors.csv",
        Buffer.from(toCsv(["item_id", "mae", "mape"], perItemErrors(rows, actual))),
      );
      const production = await productionR2(tracker);
      if (!shouldPromote(scores.r2, production))
        return {
          runId: run.id,
          ...scores,
          promoted: false,
          ...(production === undefined ? {} : { productionR2: production }),
        };
      const logged = await run.logModel(
        { toJSON: () => forecast.model.toJSON() },
        {
          signature: SIGNATURE,
          inputExample: { item_id: panel.items[0], month: panel.months.at(-1)!.slice(0, 7) },
          name: FORECAST_MODEL_NAME,
          description: run.name,
        },
      );
      const version = logged.version!.version;
      await tracker.setAlias(
        FORECAST_MODEL_NAME,
        "production",
        version,
        `R² ${scores.r2.toFixed(4)} on the test months${production === undefined ? " (first model)" : ` beats ${production.toFixed(4)}`}`,
      );
      return {
        runId: run.id,
        ...scores,
        version,
        promoted: true,
        ...(production === undefined ? {} : { productionR2: production }),
      };
    },
  );
}

function perItemErrors(
  rows: Forecast["rows"],
  actual: readonly number[],
): { item_id: string; mae: number; mape: number }[] {
  const byItem = new Map<string, { abs: number; pct: number; n: number }>();
  rows.forEach((r, k) => {
    const e = byItem.get(r.item_id) ?? { abs: 0, pct: 0, n: 0 };
    const err = Math.abs(r.prediction - actual[k]!);
    e.abs += err;
    e.pct += err / Math.max(Math.abs(actual[k]!), Number.EPSILON);
    e.n++;
    byItem.set(r.item_id, e);
  });
  return [...byItem].map(([item_id, e]) => ({ item_id, mae: e.abs / e.n, mape: e.pct / e.n }));
}

/** Production's R² (from its version's metrics), or undefined when nothing is in production yet. */
async function productionR2(tracker: Tracker): Promise<number | undefined> {
  try {
    const resolved = await tracker.resolve(FORECAST_MODEL_NAME, "production");
    return resolved.modelVersion?.metrics.r2;
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return undefined;
    throw error;
  }
}

/** Every run of a forecast experiment, ranked by R² (runs without it last). */
export async function rankForecastRuns(tracker: Tracker, experiment = "sales-forecast") {
  const out = [];
  let pageToken: string | undefined;
  do {
    const page = await tracker.searchRuns({
      experiments: [experiment],
      orderBy: ["metrics.r2 DESC"],
      pageSize: 200,
      ...(pageToken ? { pageToken } : {}),
    });
    out.push(...page.items);
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return out.map((run) => ({
    runId: run.id,
    name: run.name,
    status: run.status,
    startTime: run.startTime,
    r2: run.metrics.r2?.value,
    mae: run.metrics.mae?.value,
    mape: run.metrics.mape?.value,
  }));
}
