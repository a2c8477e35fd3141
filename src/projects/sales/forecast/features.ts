import { AppError } from "../../../core/index.js";
import { computeGrowth, computeLag, computeRollingMean, type SalesFrameRow } from "./frame-features.js";
import type { SalesPanel } from "./panel.js";

/** The feature groups a config can ask for, and the data file each one needs. */
export const FEATURE_GROUPS = {
  past_sales: { needs: [] },
  marketing: { needs: ["marketing"] },
  price: { needs: ["price"] },
  stock: { needs: ["stock"] },
  objectives: { needs: ["objectives"] },
} as const satisfies Record<string, { needs: readonly string[] }>;

export type FeatureGroup = keyof typeof FEATURE_GROUPS;

/** Months of sales history the past_sales features need (growth compares M-1..M-3 with M-13..M-15). */
export const HISTORY_MONTHS = 15;

/** A feature table: one row per (item, month), item-major, NaN where a feature has no value yet. */
export interface FeatureTable {
  readonly names: readonly string[];
  /** values[(i * months + t) * names.length + f] */
  readonly values: Float64Array;
  readonly months: number;
}

const toNumber = (v: number | null) => (v === null ? Number.NaN : v);

/**
 * Sales still available in month t: refills up to and including t minus sales strictly before t (stock starts at 0,
 * refills are planned in advance). A result ≤ 0 means the item was out of stock at the start of the month.
 */
export function availableStock(panel: SalesPanel, i: number, t: number): number {
  const stock = panel.stock![i]!;
  const sales = panel.sales[i]!;
  let s = 0;
  for (let k = 0; k <= t; k++) s += stock[k]!;
  for (let k = 0; k < t; k++) s -= sales[k]!;
  return s;
}

/** True when the item ended month t with no stock (a rupture: sales were capped, and the next month rebounds). */
export function rupture(panel: SalesPanel, i: number, t: number): boolean {
  return availableStock(panel, i, t) - panel.sales[i]![t]! <= 1e-6;
}

/** June of a fiscal year whose objective the sales team could just reach: the gap (objective − sales Jul..May), else 0. */
function junePushGap(panel: SalesPanel, i: number, t: number): number {
  const month = panel.months[t]!;
  if (month.slice(5, 7) !== "06") return 0;
  const objective = panel.objectives![i]!.get(Number(month.slice(0, 4)));
  if (objective === undefined || t < 11) return 0;
  let sold = 0;
  for (let k = t - 11; k < t; k++) sold += panel.sales[i]![k]!;
  const gap = objective - sold;
  // No push when already reached, or when more than 20% of the objective is left to sell.
  return gap > 0 && gap <= 0.2 * objective ? gap : 0;
}

/**
 * Builds the features of every (item, month). Sales of month M are never read for row M: the past_sales features
 * come from the frame functions (computeLag, computeRollingMean, computeGrowth), which only look back; exogenous
 * series are planned, so month M's (and, for price, M+1's) values are known when predicting M.
 */
export function buildFeatures(panel: SalesPanel, groups: readonly FeatureGroup[]): FeatureTable {
  for (const g of groups) {
    for (const need of FEATURE_GROUPS[g].needs) {
      if (!panel[need as "marketing"])
        throw new AppError("INVALID_CONFIG", `Feature ${g} needs the ${need} data file`, [
          { field: `data.${need}`, reason: `required by feature ${g}` },
        ]);
    }
  }
  const I = panel.items.length;
  const T = panel.months.length;
  const df: SalesFrameRow[] = [];
  for (let i = 0; i < I; i++)
    for (let t = 0; t < T; t++)
      df.push({ dates: panel.months[t]!, item_id: panel.items[i]!, sales: panel.sales[i]![t]! });
  const columns: [string, ArrayLike<number>][] = [];
  const lag12 = computeLag(df, 12).map(toNumber);
  if (groups.includes("past_sales")) {
    for (let k = 1; k <= 12; k++) columns.push([`lag_${k}`, k === 12 ? lag12 : computeLag(df, k).map(toNumber)]);
    columns.push(["rolling_mean_3", computeRollingMean(df, 3).map(toNumber)]);
    columns.push(["rolling_mean_12", computeRollingMean(df, 12).map(toNumber)]);
    const growth = computeGrowth(df).map(toNumber);
    columns.push(["growth", growth]);
    columns.push(["lag_12_x_growth", growth.map((g, r) => g * lag12[r]!)]);
  }
  const perRow = (f: (i: number, t: number) => number) => {
    const out = new Float64Array(I * T);
    for (let i = 0; i < I; i++) for (let t = 0; t < T; t++) out[i * T + t] = f(i, t);
    return out;
  };
  if (groups.includes("marketing")) {
    const m = perRow((i, t) => panel.marketing![i]![t]!);
    columns.push(["marketing", m]);
    columns.push(["marketing_x_lag_12", m.map((v, r) => v * lag12[r]!)]);
  }
  if (groups.includes("price")) {
    const price = panel.price!;
    const next = perRow((i, t) => (t + 1 < T ? price[i]![t + 1]! / price[i]![t]! - 1 : 0));
    const prev = perRow((i, t) => (t > 0 ? price[i]![t]! / price[i]![t - 1]! - 1 : 0));
    columns.push(["price_change_next", next], ["price_change_prev", prev]);
    columns.push(["price_change_next_x_lag_12", next.map((v, r) => v * lag12[r]!)]);
    columns.push(["price_change_prev_x_lag_12", prev.map((v, r) => v * lag12[r]!)]);
  }
  if (groups.includes("stock")) {
    const rebound = perRow((i, t) => (t > 0 && rupture(panel, i, t - 1) ? 1 : 0));
    columns.push(
      ["rupture_last_month", rebound],
      ["rupture_last_month_x_lag_1", rebound.map((v, r) => v * toNumber(r % T > 0 ? df[r - 1]!.sales : null))],
    );
  }
  if (groups.includes("objectives")) {
    const june = perRow((i, t) => junePushGap(panel, i, t));
    columns.push(["june_push_gap", june]);
    columns.push([
      "july_after_push",
      perRow((i, t) => (t > 0 && junePushGap(panel, i, t - 1) > 0 ? panel.sales[i]![t - 1]! : 0)),
    ]);
  }
  const F = columns.length;
  const values = new Float64Array(I * T * F);
  columns.forEach(([, col], f) => {
    for (let r = 0; r < I * T; r++) values[r * F + f] = col[r]!;
  });
  return { names: columns.map(([n]) => n), values, months: T };
}

/** The feature vector of (item i, month t). */
export function featureRow(table: FeatureTable, i: number, t: number): Float64Array {
  const F = table.names.length;
  const r = i * table.months + t;
  return table.values.subarray(r * F, (r + 1) * F);
}
