import { AppError } from "../../core/index.js";
import { weekMonthShares } from "../../data/index.js";
import type { MonthlySale, WeeklySale } from "./monthly.js";

/** The ways a vegetable's next months can be forecast; the one with the best backtest is used. */
export const VEGETABLE_METHODS = ["seasonal-index", "seasonal-growth", "recent-mean", "last-year"] as const;
export type VegetableMethod = (typeof VEGETABLE_METHODS)[number];

/** One forecast month of a vegetable, with the method that made it. */
export interface VegetableForecast {
  readonly yearMonth: number;
  readonly vegetable: string;
  readonly sales: number;
  readonly method: VegetableMethod;
}

function shift(ym: number, k: number): number {
  const index = Math.floor(ym / 100) * 12 + (ym % 100) - 1 + k;
  return Math.floor(index / 12) * 100 + (index % 12) + 1;
}

function daysInMonth(ym: number): number {
  return new Date(Date.UTC(Math.floor(ym / 100), ym % 100, 0)).getUTCDate();
}

/** Months of a vegetable whose every day is covered by a stored week (the first and last months are often partial). */
export function completeMonths(weekly: readonly WeeklySale[], vegetable: string): Set<number> {
  const covered = new Map<number, number>();
  for (const w of weekly) {
    if (w.vegetable !== vegetable) continue;
    for (const s of weekMonthShares(w.yearWeek)) covered.set(s.yearMonth, (covered.get(s.yearMonth) ?? 0) + s.days);
  }
  return new Set([...covered].filter(([ym, days]) => days >= daysInMonth(ym)).map(([ym]) => ym));
}

type Series = ReadonlyMap<number, number>;

function mean(values: readonly (number | undefined)[]): number | undefined {
  if (values.length === 0 || values.some((v) => v === undefined)) return undefined;
  return (values as number[]).reduce((a, b) => a + b, 0) / values.length;
}

/** One method's forecast of month `ym` from the series (every month before `ym`), or undefined without enough history. */
function predictWith(method: VegetableMethod, s: Series, ym: number): number | undefined {
  const back = (from: number, n: number) => Array.from({ length: n }, (_, k) => s.get(shift(from, -k)));
  switch (method) {
    case "recent-mean":
      return mean(back(shift(ym, -1), 3));
    case "last-year":
      return s.get(shift(ym, -12));
    case "seasonal-growth": {
      const recent = mean(back(shift(ym, -1), 3));
      const yearAgo = mean(back(shift(ym, -13), 3));
      const same = s.get(shift(ym, -12));
      return recent !== undefined && yearAgo && same !== undefined ? (same * recent) / yearAgo : undefined;
    }
    case "seasonal-index": {
      // Level of the last twelve months × how this calendar month compares with its year, averaged over past years.
      const level = mean(back(shift(ym, -1), 12));
      if (level === undefined) return undefined;
      const ratios: number[] = [];
      for (let y = 1; y <= 5; y++) {
        const same = s.get(shift(ym, -12 * y));
        const around = mean(back(shift(ym, -12 * y + 6), 12));
        if (same !== undefined && around) ratios.push(same / around);
      }
      return ratios.length ? level * (ratios.reduce((a, b) => a + b, 0) / ratios.length) : undefined;
    }
  }
}

/** Mean absolute percentage error of each method over one-step forecasts of the series' last `window` months. */
export function backtestMethods(series: Series, window = 24): Map<VegetableMethod, number> {
  const months = [...series.keys()].sort((a, b) => a - b);
  const out = new Map<VegetableMethod, number>();
  for (const method of VEGETABLE_METHODS) {
    let err = 0;
    let n = 0;
    for (const ym of months.slice(-window)) {
      const visible = new Map([...series].filter(([m]) => m < ym));
      const p = predictWith(method, visible, ym);
      const actual = series.get(ym)!;
      if (p === undefined || actual === 0) continue;
      err += Math.abs(p - actual) / actual;
      n++;
    }
    if (n >= Math.min(6, window)) out.set(method, err / n);
  }
  return out;
}

/**
 * Forecasts the next `months` months of one cleaned vegetable from its complete monthly sales. Four methods compete
 * — seasonal index (level × month-of-year ratio), growth-adjusted same month last year, mean of the last three
 * months, same month last year — and the one with the lowest error on one-step forecasts of the last
 * complete months (up to 24) is used. Later months reuse earlier forecasts (recursive).
 */
export function forecastVegetable(
  monthly: readonly MonthlySale[],
  weekly: readonly WeeklySale[],
  vegetable: string,
  months: number,
): VegetableForecast[] {
  const complete = completeMonths(weekly, vegetable);
  const series = new Map(
    monthly.filter((m) => m.vegetable === vegetable && complete.has(m.yearMonth)).map((m) => [m.yearMonth, m.sales]),
  );
  if (series.size === 0) {
    throw new AppError("NOT_FOUND", `No complete month of sales for vegetable "${vegetable}"`, [
      { field: "vegetable", reason: "no complete month of cleaned sales" },
    ]);
  }
  const scores = backtestMethods(series);
  const method: VegetableMethod = [...scores].sort((a, b) => a[1] - b[1])[0]?.[0] ?? "recent-mean";
  const out: VegetableForecast[] = [];
  let ym = Math.max(...series.keys());
  for (let k = 0; k < months; k++) {
    ym = shift(ym, 1);
    const raw = predictWith(method, series, ym) ?? mean([...series.values()].slice(-3)) ?? 0;
    const sales = Math.round(raw * 1e6) / 1e6;
    series.set(ym, sales);
    out.push({ yearMonth: ym, vegetable, sales, method });
  }
  return out;
}
