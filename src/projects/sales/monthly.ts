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
  const weekly: WeeklySale[] = [];
  for (const [vegetable, weeks] of byVegetable) {
    const entries = [...weeks.entries()];
    const flags = tagOutliers(
      entries.map(([, s]) => s),
      outlierK,
    );
    entries.forEach(([yearWeek, sales], i) => {
      weekly.push({ yearWeek, vegetable, sales: tidy(sales), isOutlier: flags[i]! });
    });
  }
  weekly.sort(
    (a, b) => a.yearWeek - b.yearWeek || (a.vegetable < b.vegetable ? -1 : a.vegetable > b.vegetable ? 1 : 0),
  );
  const unknownList = [...unknown.entries()]
    .map(([vegetable, u]) => ({ vegetable, rows: u.rows, sales: tidy(u.sales) }))
    .sort((a, b) => (a.vegetable < b.vegetable ? -1 : 1));
  return { weekly, unknown: unknownList };
}

/**
 * Cleaned weekly sales → monthly sales. A week spanning two months gives n/7 of its sales to the month holding n of
 * its days (202005 tomato 70 → 202001: 50, 202002: 20). With `removeOutliers`, outlier weeks are left out first.
 * Sorted by year_month then vegetable.
 */
export function toMonthly(weekly: Iterable<WeeklySale>, removeOutliers: boolean): MonthlySale[] {
  // Numeric keys (month × vegetable index) keep this loop free of string building.
  const vegetables: string[] = [];
  const vegetableIndex = new Map<string, number>();
  const sums = new Map<number, number>();
  for (const w of weekly) {
    if (removeOutliers && w.isOutlier) continue;
    let v = vegetableIndex.get(w.vegetable);
    if (v === undefined) {
      v = vegetables.length;
      vegetables.push(w.vegetable);
      vegetableIndex.set(w.vegetable, v);
    }
    for (const share of weekMonthShares(w.yearWeek)) {
      const key = share.yearMonth * 65536 + v;
      sums.set(key, (sums.get(key) ?? 0) + (w.sales * share.days) / 7);
    }
  }
  const out: MonthlySale[] = [];
  for (const [key, sales] of sums) {
    out.push({ yearMonth: Math.floor(key / 65536), vegetable: vegetables[key % 65536]!, sales: tidy(sales) });
  }
  return out.sort(
    (a, b) => a.yearMonth - b.yearMonth || (a.vegetable < b.vegetable ? -1 : a.vegetable > b.vegetable ? 1 : 0),
  );
}
