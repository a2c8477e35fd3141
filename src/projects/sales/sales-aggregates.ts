import {
  compareWeekly,
  type MonthlySale,
  monthsOfWeeks,
  tidy,
  type UnknownVegetable,
  type WeeklySale,
} from "./monthly.js";
import { tagOutliers } from "./outliers.js";
import { saleKey } from "./sales-repository.js";
import type { RawSale } from "./sales-rows.js";
import { VegetableNameCleaner } from "./vegetable-names.js";

/** One vegetable's months, as values and as pre-rendered JSON rows of /get_monthly_sales. */
interface Months {
  readonly months: number[];
  readonly sales: number[];
  readonly json: string[];
}

/** One cleaned vegetable: its weeks in order with their raw rows and sums, and what is derived until they change. */
interface VegetableState {
  readonly name: string;
  readonly nameJson: string;
  readonly weeks: number[];
  /** Per week: raw row key → sales (the spellings that add up to that week). */
  readonly cells: Map<string, number>[];
  readonly sums: number[];
  outliers?: boolean[];
  weekly?: WeeklySale[];
  readonly months: Map<boolean, Months>;
}

function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cleaned sales kept up to date row by row. A change to a raw row updates one weekly sum of its vegetable; the next
 * read recomputes only that vegetable's outlier flags (they depend on all its weeks) and months, in one pass over
 * its sorted weeks, and reuses the other vegetables'. The monthly answer is assembled from per-vegetable JSON rows.
 * Under the course's load mix half of the requests write, so this is what keeps reads cheap.
 */
export class SalesAggregates {
  private readonly vegetables = new Map<string, VegetableState>();
  private sortedNames: string[] = [];
  /** Raw spelling that matches no vegetable → raw row key → sales. */
  private readonly unknown = new Map<string, Map<string, number>>();
  private weeklyAll: WeeklySale[] | undefined;
  private readonly monthlyAll = new Map<boolean, MonthlySale[]>();
  private readonly monthlyJsonAll = new Map<boolean, string>();
  private unknownList: UnknownVegetable[] | undefined;

  constructor(
    private readonly cleaner = new VegetableNameCleaner(),
    private readonly outlierK = 5,
  ) {}

  /** Records a stored raw row (a new one, or a new value for the same week and spelling). */
  set(row: RawSale): void {
    const key = saleKey(row);
    const name = this.cleaner.clean(row.vegetable);
    if (name === null) {
      let rows = this.unknown.get(row.vegetable);
      if (!rows) {
        rows = new Map();
        this.unknown.set(row.vegetable, rows);
      }
      rows.set(key, row.sales);
      this.unknownList = undefined;
      return;
    }
    let state = this.vegetables.get(name);
    if (!state) {
      state = { name, nameJson: JSON.stringify(name), weeks: [], cells: [], sums: [], months: new Map() };
      this.vegetables.set(name, state);
      this.sortedNames = [...this.vegetables.keys()].sort();
    }
    const at = lowerBound(state.weeks, row.yearWeek);
    if (state.weeks[at] !== row.yearWeek) {
      state.weeks.splice(at, 0, row.yearWeek);
      state.cells.splice(at, 0, new Map());
      state.sums.splice(at, 0, 0);
    }
    const cell = state.cells[at]!;
    cell.set(key, row.sales);
    let sum = 0;
    for (const v of cell.values()) sum += v;
    state.sums[at] = tidy(sum);
    state.outliers = undefined;
    state.weekly = undefined;
    state.months.clear();
    this.weeklyAll = undefined;
    this.monthlyAll.clear();
    this.monthlyJsonAll.clear();
  }

  clear(): void {
    this.vegetables.clear();
    this.sortedNames = [];
    this.unknown.clear();
    this.weeklyAll = undefined;
    this.monthlyAll.clear();
    this.monthlyJsonAll.clear();
    this.unknownList = undefined;
  }

  /** Cleaned weekly sales of every vegetable, by week then vegetable. */
  weekly(): WeeklySale[] {
    this.weeklyAll ??= this.sortedNames
      .flatMap((name) => this.vegetableWeekly(this.vegetables.get(name)!))
      .sort(compareWeekly);
    return this.weeklyAll;
  }

  /** Monthly sales of every vegetable, by month then vegetable. */
  monthly(removeOutliers: boolean): MonthlySale[] {
    let all = this.monthlyAll.get(removeOutliers);
    if (!all) {
      all = [];
      for (const [k, state, m] of this.mergedMonths(removeOutliers)) {
        all.push({ yearMonth: m.months[k]!, vegetable: state.name, sales: m.sales[k]! });
      }
      this.monthlyAll.set(removeOutliers, all);
    }
    return all;
  }

  /** The monthly sales as the JSON /get_monthly_sales answers, assembled from per-vegetable rows. */
  monthlyJson(removeOutliers: boolean): string {
    let json = this.monthlyJsonAll.get(removeOutliers);
    if (json === undefined) {
      const rows: string[] = [];
      for (const [k, , m] of this.mergedMonths(removeOutliers)) rows.push(m.json[k]!);
      json = `[${rows.join(",")}]`;
      this.monthlyJsonAll.set(removeOutliers, json);
    }
    return json;
  }

  /** Raw spellings that match no vegetable, with their row count and total sales. */
  unknownVegetables(): UnknownVegetable[] {
    this.unknownList ??= [...this.unknown]
      .map(([vegetable, rows]) => ({
        vegetable,
        rows: rows.size,
        sales: tidy([...rows.values()].reduce((a, b) => a + b, 0)),
      }))
      .sort((a, b) => (a.vegetable < b.vegetable ? -1 : a.vegetable > b.vegetable ? 1 : 0));
    return this.unknownList;
  }

  /** Every vegetable's months merged by month then vegetable name: [index, vegetable, its months]. */
  private *mergedMonths(removeOutliers: boolean): Generator<[number, VegetableState, Months]> {
    const lists = this.sortedNames.map((name) => {
      const state = this.vegetables.get(name)!;
      return { state, m: this.vegetableMonths(state, removeOutliers), k: 0 };
    });
    for (;;) {
      let best: (typeof lists)[number] | undefined;
      for (const l of lists) {
        if (l.k < l.m.months.length && (!best || l.m.months[l.k]! < best.m.months[best.k]!)) best = l;
      }
      if (!best) return;
      yield [best.k, best.state, best.m];
      best.k++;
    }
  }

  private flags(state: VegetableState): boolean[] {
    state.outliers ??= tagOutliers(state.sums, this.outlierK);
    return state.outliers;
  }

  private vegetableWeekly(state: VegetableState): WeeklySale[] {
    if (!state.weekly) {
      const flags = this.flags(state);
      state.weekly = state.weeks.map((yearWeek, i) => ({
        yearWeek,
        vegetable: state.name,
        sales: state.sums[i]!,
        isOutlier: flags[i]!,
      }));
    }
    return state.weekly;
  }

  private vegetableMonths(state: VegetableState, removeOutliers: boolean): Months {
    let m = state.months.get(removeOutliers);
    if (!m) {
      const { months, sales } = monthsOfWeeks(state.weeks, state.sums, removeOutliers ? this.flags(state) : undefined);
      const json = months.map((ym, k) => `{"year_month":${ym},"vegetable":${state.nameJson},"sales":${sales[k]}}`);
      m = { months, sales, json };
      state.months.set(removeOutliers, m);
    }
    return m;
  }
}
