import { weekMonthShares } from "../../data/index.js";
import { tagOutliers } from "./outliers.js";
import type { RawSale } from "./sales-rows.js";
import { VegetableNameCleaner } from "./vegetable-names.js";

/** A cleaned weekly sale: one English vegetable name, raw spellings of the same week added up. */
export interface WeeklySale {
  readonly yearWeek: number;
  readonly vegetable: string;
  readonly sales: number;
  readonly isOutlier: boolean;
}

/** Sales of one vegetable in one calendar month (YYYYMM). */
export interface MonthlySale {
  readonly yearMonth: number;
  readonly vegetable: string;
  readonly sales: number;
}

/** A raw spelling that matched no vegetable, with how many rows and how much it sold. */
export interface UnknownVegetable {
  readonly vegetable: string;
  readonly rows: number;
  readonly sales: number;
}

/**
 * Rounds away float noise from adding sevenths: to 1e-6, which keeps every digit a sale can meaningfully have
 * (toPrecision would do the same at ten times the cost, and this runs on every read after a write).
 */
export function tidy(x: number): number {
  return Math.abs(x) < 1e9 ? Math.round(x * 1e6) / 1e6 : x;
}

/** Orders cleaned weekly sales by week, then vegetable. */
export function compareWeekly(a: WeeklySale, b: WeeklySale): number {
  return a.yearWeek - b.yearWeek || (a.vegetable < b.vegetable ? -1 : a.vegetable > b.vegetable ? 1 : 0);
}

/** Orders monthly sales by month, then vegetable. */
export function compareMonthly(a: MonthlySale, b: MonthlySale): number {
  return a.yearMonth - b.yearMonth || (a.vegetable < b.vegetable ? -1 : a.vegetable > b.vegetable ? 1 : 0);
}

/** One vegetable's weekly sums → its cleaned weekly sales in week order, outliers tagged among its own weeks. */
export function vegetableWeekly(vegetable: string, weeks: ReadonlyMap<number, number>, outlierK = 5): WeeklySale[] {
  const entries = [...weeks].sort((a, b) => a[0] - b[0]);
  const flags = tagOutliers(
    entries.map(([, s]) => s),
    outlierK,
  );
  return entries.map(([yearWeek, sales], i) => ({ yearWeek, vegetable, sales: tidy(sales), isOutlier: flags[i]! }));
}

/** Raw rows → cleaned weekly sales (sorted by week then vegetable) and the spellings that matched nothing. */
export function cleanWeekly(
  raw: Iterable<RawSale>,
  cleaner = new VegetableNameCleaner(),
  outlierK = 5,
): { weekly: WeeklySale[]; unknown: UnknownVegetable[] } {
  const byVegetable = new Map<string, Map<number, number>>();
  const unknown = new Map<string, { rows: number; sales: number }>();
  for (const row of raw) {
    const name = cleaner.clean(row.vegetable);
    if (name === null) {
      const u = unknown.get(row.vegetable) ?? { rows: 0, sales: 0 };
      u.rows++;
      u.sales += row.sales;
      unknown.set(row.vegetable, u);
      continue;
    }
    let weeks = byVegetable.get(name);
    if (!weeks) {
      weeks = new Map();
      byVegetable.set(name, weeks);
    }
    weeks.set(row.yearWeek, (weeks.get(row.yearWeek) ?? 0) + row.sales);
  }
  const weekly = [...byVegetable].flatMap(([vegetable, weeks]) => vegetableWeekly(vegetable, weeks, outlierK));
  weekly.sort(compareWeekly);
  const unknownList = [...unknown.entries()]
    .map(([vegetable, u]) => ({ vegetable, rows: u.rows, sales: tidy(u.sales) }))
    .sort((a, b) => (a.vegetable < b.vegetable ? -1 : 1));
  return { weekly, unknown: unknownList };
}

/**
 * One vegetable's weeks (ascending) and their sales → its months (ascending) and their sales, leaving out the weeks
 * `skip` flags. A week spanning two months gives n/7 of its sales to the month holding n of its days. Weeks ascend, so
 * months come out in order: one pass, no lookups.
 */
export function monthsOfWeeks(
  weeks: ArrayLike<number>,
  sales: ArrayLike<number>,
  skip?: ArrayLike<boolean>,
): { months: number[]; sales: number[] } {
  const months: number[] = [];
  const totals: number[] = [];
  for (let i = 0; i < weeks.length; i++) {
    if (skip?.[i]) continue;
    for (const share of weekMonthShares(weeks[i]!)) {
      const v = (sales[i]! * share.days) / 7;
      if (months.length > 0 && months[months.length - 1] === share.yearMonth) totals[totals.length - 1]! += v;
      else {
        months.push(share.yearMonth);
        totals.push(v);
      }
    }
  }
  for (let k = 0; k < totals.length; k++) totals[k] = tidy(totals[k]!);
  return { months, sales: totals };
}

/**
 * Cleaned weekly sales → monthly sales (202005 tomato 70 → 202001: 50, 202002: 20). With `removeOutliers`, outlier
 * weeks are left out first. Sorted by year_month then vegetable.
 */
export function toMonthly(weekly: Iterable<WeeklySale>, removeOutliers: boolean): MonthlySale[] {
  const byVegetable = new Map<string, WeeklySale[]>();
  for (const w of weekly) {
    let list = byVegetable.get(w.vegetable);
    if (!list) {
      list = [];
      byVegetable.set(w.vegetable, list);
    }
    list.push(w);
  }
  const out: MonthlySale[] = [];
  for (const [vegetable, list] of byVegetable) {
    list.sort((a, b) => a.yearWeek - b.yearWeek);
    const { months, sales } = monthsOfWeeks(
      list.map((w) => w.yearWeek),
      list.map((w) => w.sales),
      list.map((w) => removeOutliers && w.isOutlier),
    );
    months.forEach((yearMonth, k) => {
      out.push({ yearMonth, vegetable, sales: sales[k]! });
    });
  }
  return out.sort(compareMonthly);
}
