import { AppError } from "../../../core/index.js";
import { CustomModel } from "./custom-model.js";
import { GenerativeModel } from "./generative-model.js";
import { type ForecastModel, LagBaseline, RidgeForecaster, type SavedForecastModel } from "./models.js";
import type { SalesPanel } from "./panel.js";

/** Rebuilds a fitted forecasting model from its saved form (the registry's `sales-forecast` artifact). */
export function loadForecastModel(saved: SavedForecastModel): ForecastModel {
  switch (saved?.model) {
    case "PrevMonthSale":
      return LagBaseline.prevMonthSale();
    case "SameMonthLastYearSales":
      return LagBaseline.sameMonthLastYear();
    case "Ridge":
      return RidgeForecaster.fromJSON(saved);
    case "Generative":
      return GenerativeModel.fromJSON(saved);
    case "CustomModel":
      return CustomModel.fromJSON(saved);
    default:
      throw new AppError(
        "INVALID_INPUT",
        `Not a saved forecasting model: ${JSON.stringify((saved as { model?: unknown })?.model)}`,
      );
  }
}

function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/**
 * The panel with one more month after its last: sales unknown; no planned marketing, unchanged price and unknown
 * stock refills (so no stock cap). Serving uses it to forecast the month right after the data.
 */
export function extendPanel(panel: SalesPanel): SalesPanel {
  const grow = (series: readonly Float64Array[] | undefined, fill: (s: Float64Array) => number) =>
    series?.map((s) => {
      const out = new Float64Array(s.length + 1);
      out.set(s);
      out[s.length] = fill(s);
      return out;
    });
  const extended: { -readonly [K in keyof SalesPanel]: SalesPanel[K] } = {
    ...panel,
    months: [...panel.months, nextMonth(panel.months.at(-1)!)],
    sales: grow(panel.sales, () => Number.NaN)!,
  };
  if (panel.marketing) extended.marketing = grow(panel.marketing, () => 0);
  if (panel.price) extended.price = grow(panel.price, (s) => s[s.length - 1]!);
  if (panel.stock) extended.stock = grow(panel.stock, () => Number.NaN);
  return extended;
}

/** What the forecast of one item and month assumed about data it did not have. */
export interface OneForecast {
  readonly itemId: string;
  readonly month: string;
  readonly prediction: number;
  readonly assumptions: readonly string[];
}

/**
 * Forecasts one item for one month (YYYY-MM) with a fitted model: any month of the data after the first 15, one step
 * ahead, or the month right after the data (then with the assumptions extendPanel makes, listed in the answer).
 */
export function forecastOne(model: ForecastModel, panel: SalesPanel, itemId: string, month: string): OneForecast {
  const i = panel.items.indexOf(itemId);
  if (i < 0)
    throw new AppError("NOT_FOUND", `Unknown item "${itemId}"`, [
      { field: "item_id", reason: "not in the sales data" },
    ]);
  const key = `${month}-01`;
  let target = panel;
  const assumptions: string[] = [];
  if (key === nextMonth(panel.months.at(-1)!)) {
    target = extendPanel(panel);
    assumptions.push(
      `${month} is after the data: no planned marketing, price unchanged, stock refills unknown (no stock cap)`,
    );
  }
  const t = target.months.indexOf(key);
  if (t < 0) {
    throw new AppError(
      "MISSING_FEATURES",
      `No data to forecast ${month}: the data covers ${panel.months[0]!.slice(0, 7)} to ${panel.months.at(-1)!.slice(0, 7)} and one month after`,
      [{ field: "month", reason: "outside the data and the month after it" }],
    );
  }
  model.attach(target);
  return { itemId, month, prediction: model.predict(i, t), assumptions };
}
