import { AppError } from "../../../core/index.js";
import { CustomModel, type CustomVariant, selectCustomVariant, type VariantScore } from "./custom-model.js";
import { FEATURE_GROUPS, HISTORY_MONTHS } from "./features.js";
import { type ForecastConfig, parseForecastConfig } from "./forecast-config.js";
import { type ForecastModel, LagBaseline, RidgeForecaster } from "./models.js";
import { loadPanel, type PanelFiles, type SalesPanel } from "./panel.js";

/** One forecast: the month (YYYY-MM-DD), the item, the predicted sales. */
export interface ForecastRow {
  readonly dates: string;
  readonly item_id: string;
  readonly prediction: number;
}

/** A forecast run: its rows, the fitted model, and the panel it read. */
export interface Forecast {
  readonly config: ForecastConfig;
  readonly rows: ForecastRow[];
  readonly model: ForecastModel;
  readonly panel: SalesPanel;
  readonly testStart: number;
  /** How CustomModel's variant was chosen (rolling-origin R² per variant), when it applies. */
  readonly validation?: readonly VariantScore[];
}

/** Only the files the model and its features need (a model is never given data it did not ask for). */
function neededFiles(config: ForecastConfig): PanelFiles {
  const needs = new Set<string>(config.features.flatMap((f) => FEATURE_GROUPS[f].needs));
  if (config.model === "CustomModel") for (const f of ["marketing", "price", "stock"]) needs.add(f);
  const files: Record<string, string> = { sales: config.data.sales };
  for (const n of needs) files[n] = config.data[n as keyof PanelFiles]!;
  return files as unknown as PanelFiles;
}

function createModel(config: ForecastConfig, variant?: CustomVariant): ForecastModel {
  switch (config.model) {
    case "PrevMonthSale":
      return LagBaseline.prevMonthSale();
    case "SameMonthLastYearSales":
      return LagBaseline.sameMonthLastYear();
    case "Ridge": {
      const alpha = config.params.alpha ?? 1;
      if (typeof alpha !== "number" || !(alpha >= 0))
        throw new AppError("INVALID_CONFIG", "params.alpha must be a number ≥ 0", [
          { field: "params.alpha", reason: "must be a number ≥ 0" },
        ]);
      return new RidgeForecaster(config.features, alpha);
    }
    case "CustomModel":
      return new CustomModel(variant);
  }
}

/** One-step-ahead forecasts of months [from, to) with a model fitted on months before `from`. */
function forecastMonths(
  model: ForecastModel,
  panel: SalesPanel,
  from: number,
  to: number,
): { i: number; t: number; p: number }[] {
  model.fit(panel, from);
  const out: { i: number; t: number; p: number }[] = [];
  for (let i = 0; i < panel.items.length; i++)
    for (let t = from; t < to; t++) out.push({ i, t, p: model.predict(i, t) });
  return out;
}

/** Runs a forecast config: loads the data, fits the model on the months before start_test, forecasts the rest. */
export async function runForecast(rawConfig: unknown, baseDir?: string): Promise<Forecast> {
  // Parsing is idempotent (resolved paths stay as they are), so a parsed config may be passed again.
  const config = parseForecastConfig(rawConfig, baseDir);
  const panel = await loadPanel(neededFiles(config));
  const testStart = panel.months.indexOf(config.start_test);
  if (testStart < 0) {
    throw new AppError(
      "INVALID_CONFIG",
      `start_test ${config.start_test} is not a month of the sales file (${panel.months[0]} … ${panel.months.at(-1)})`,
      [{ field: "start_test", reason: "not a month of the sales file" }],
    );
  }
  const history =
    config.model === "PrevMonthSale" ? 1 : config.model === "SameMonthLastYearSales" ? 12 : HISTORY_MONTHS + 1;
  if (testStart < history) {
    throw new AppError(
      "INVALID_CONFIG",
      `start_test ${config.start_test} leaves ${testStart} months of history; ${config.model} needs at least ${history}`,
      [{ field: "start_test", reason: `needs ${history} months of history` }],
    );
  }
  let validation: VariantScore[] | undefined;
  if (config.model === "CustomModel") validation = selectCustomVariant(panel, testStart);
  const variant: CustomVariant | undefined = validation?.[0]?.variant;
  const model = createModel(config, variant);
  const rows = forecastMonths(model, panel, testStart, panel.months.length).map(({ i, t, p }) => ({
    dates: panel.months[t]!,
    item_id: panel.items[i]!,
    prediction: p,
  }));
  return { config, rows, model, panel, testStart, ...(validation ? { validation } : {}) };
}

/** The course's make_predictions(config): rows {dates, item_id, prediction}, items in file order, months ascending. */
export async function makePredictions(config: unknown, baseDir?: string): Promise<ForecastRow[]> {
  return (await runForecast(config, baseDir)).rows;
}
