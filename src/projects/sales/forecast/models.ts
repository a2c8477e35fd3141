import { loadModel, Matrix, Ridge, type SavedModel } from "atelier/ml";
import { AppError } from "../../../core/index.js";
import { availableStock, buildFeatures, type FeatureGroup, type FeatureTable, featureRow } from "./features.js";
import type { ModelName } from "./forecast-config.js";
import type { SalesPanel } from "./panel.js";

/** A forecasting model over a panel: fitted on months before the test start, predicting one (item, month) at a time. */
export interface ForecastModel {
  readonly name: ModelName;
  /** Fits on every month t < `until` that has the history the features need. */
  fit(panel: SalesPanel, until: number): this;
  /** The forecast of item i for month t, using only sales before t. */
  predict(i: number, t: number): number;
  /** What was chosen and learned, for tracking (params must be flat strings or numbers). */
  describe(): Record<string, string | number>;
  /** Uses what was learned on another panel (e.g. the same data extended by a month, at serving time). */
  attach(panel: SalesPanel): this;
  /** What was learned, as data (see saved-forecast-model.ts). */
  toJSON(): SavedForecastModel;
}

/** A fitted forecasting model saved as data: the model's name, its settings and what it learned. No code. */
export type SavedForecastModel =
  | { readonly model: "PrevMonthSale" | "SameMonthLastYearSales" }
  | { readonly model: "Ridge"; readonly groups: readonly FeatureGroup[]; readonly ridge: SavedModel }
  | {
      readonly model: "Generative";
      readonly variant: { excludeRuptures: boolean; huber: number };
      readonly theta: readonly number[];
    }
  | {
      readonly model: "CustomModel";
      readonly variant: { excludeRuptures: boolean; huber: number; weight: number };
      readonly generative: SavedForecastModel;
      readonly ridge: SavedForecastModel | null;
    };

/**
 * A forecast never exceeds the stock available that month; when refills are unknown (a month beyond the data, at
 * serving time) there is no cap.
 */
export function capByStock(p: number, panel: SalesPanel, i: number, t: number): number {
  const stock = availableStock(panel, i, t);
  return Number.isFinite(stock) ? Math.min(p, Math.max(0, stock)) : p;
}

export function sale(panel: SalesPanel, i: number, t: number): number {
  const v = panel.sales[i]![t];
  if (v === undefined || !Number.isFinite(v)) {
    throw new AppError(
      "MISSING_FEATURES",
      `No sales for ${panel.items[i]} in ${panel.months[t] ?? `month index ${t}`}: not enough history before the test months`,
    );
  }
  return v;
}

/** A baseline that predicts the sales of `lag` months before: PrevMonthSale (M-1), SameMonthLastYearSales (M-12). */
export class LagBaseline implements ForecastModel {
  private panel: SalesPanel | undefined;

  private constructor(
    readonly name: "PrevMonthSale" | "SameMonthLastYearSales",
    private readonly lag: number,
  ) {}

  /** Predicts last month's sales (M-1). */
  static prevMonthSale(): LagBaseline {
    return new LagBaseline("PrevMonthSale", 1);
  }

  /** Predicts the sales of the same month a year before (M-12). */
  static sameMonthLastYear(): LagBaseline {
    return new LagBaseline("SameMonthLastYearSales", 12);
  }

  fit(panel: SalesPanel): this {
    return this.attach(panel);
  }
  attach(panel: SalesPanel): this {
    this.panel = panel;
    return this;
  }
  toJSON(): SavedForecastModel {
    return { model: this.name };
  }
  predict(i: number, t: number): number {
    return sale(this.panel!, i, t - this.lag);
  }
  describe() {
    return {};
  }
}

/** Training rows: (i, t) with t < until, finite features and finite sales, minus any excluded. */
export function trainingRows(
  panel: SalesPanel,
  table: FeatureTable,
  until: number,
  exclude?: (i: number, t: number) => boolean,
): [number, number][] {
  const rows: [number, number][] = [];
  for (let i = 0; i < panel.items.length; i++) {
    for (let t = 0; t < until; t++) {
      if (!Number.isFinite(panel.sales[i]![t]!) || exclude?.(i, t)) continue;
      if (featureRow(table, i, t).every(Number.isFinite)) rows.push([i, t]);
    }
  }
  if (rows.length === 0)
    throw new AppError(
      "MISSING_FEATURES",
      "No training month has the history the features need: start_test is too early",
    );
  return rows;
}

export function requireRow(table: FeatureTable, panel: SalesPanel, i: number, t: number): Float64Array {
  const x = featureRow(table, i, t);
  if (!x.every(Number.isFinite)) {
    throw new AppError(
      "MISSING_FEATURES",
      `Not enough history to build the features of ${panel.items[i]} for ${panel.months[t]}`,
    );
  }
  return x;
}

/**
 * Ridge regression (scikit-learn's defaults: alpha 1, intercept, unscaled features) on the chosen feature groups.
 * With the stock group, a forecast never exceeds the stock available that month (refills are planned, so known).
 */
export class RidgeForecaster implements ForecastModel {
  readonly name = "Ridge" as const;
  private panel: SalesPanel | undefined;
  private table: FeatureTable | undefined;
  private readonly ridge: Ridge;

  constructor(
    private readonly groups: readonly FeatureGroup[],
    alpha = 1,
    fitted?: Ridge,
  ) {
    this.ridge = fitted ?? new Ridge({ alpha });
  }

  /** A Ridge forecaster from its saved form. */
  static fromJSON(saved: { groups: readonly FeatureGroup[]; ridge: SavedModel }): RidgeForecaster {
    const ridge = loadModel<Ridge>(saved.ridge);
    return new RidgeForecaster(saved.groups, ridge.params.alpha, ridge);
  }

  attach(panel: SalesPanel): this {
    this.panel = panel;
    this.table = buildFeatures(panel, this.groups);
    return this;
  }

  toJSON(): SavedForecastModel {
    return { model: "Ridge", groups: this.groups, ridge: this.ridge.toJSON() };
  }

  fit(panel: SalesPanel, until: number): this {
    this.attach(panel);
    const rows = trainingRows(panel, this.table!, until);
    const F = this.table!.names.length;
    const X = new Float64Array(rows.length * F);
    const y = new Float64Array(rows.length);
    rows.forEach(([i, t], r) => {
      X.set(featureRow(this.table!, i, t), r * F);
      y[r] = panel.sales[i]![t]!;
    });
    this.ridge.fit(new Matrix(rows.length, F, X), y);
    return this;
  }

  predict(i: number, t: number): number {
    const x = requireRow(this.table!, this.panel!, i, t);
    let p = this.ridge.predict(new Matrix(1, x.length, x.slice()))[0]!;
    if (this.groups.includes("stock")) p = capByStock(p, this.panel!, i, t);
    return Math.max(0, p);
  }

  describe() {
    return { alpha: this.ridge.params.alpha, features: this.table?.names.join(",") ?? "" };
  }
}
