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

/** Rounds away float noise from adding sevenths (12 significant digits). */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
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
  const sums = new Map<string, { yearMonth: number; vegetable: string; sales: number }>();
  for (const w of weekly) {
    if (removeOutliers && w.isOutlier) continue;
    for (const share of weekMonthShares(w.yearWeek)) {
      const key = `${share.yearMonth}|${w.vegetable}`;
      let m = sums.get(key);
      if (!m) {
        m = { yearMonth: share.yearMonth, vegetable: w.vegetable, sales: 0 };
        sums.set(key, m);
      }
      m.sales += (w.sales * share.days) / 7;
    }
  }
  return [...sums.values()]
    .map((m) => ({ yearMonth: m.yearMonth, vegetable: m.vegetable, sales: tidy(m.sales) }))
    .sort((a, b) => a.yearMonth - b.yearMonth || (a.vegetable < b.vegetable ? -1 : a.vegetable > b.vegetable ? 1 : 0));
}
