import { AppError } from "../../core/index.js";
import type { MonthlySale, UnknownVegetable, WeeklySale } from "./monthly.js";
import { SalesAggregates } from "./sales-aggregates.js";
import { readAll, type SalesRepository, saleKey } from "./sales-repository.js";
import { type RawSale, type RejectedRow, validateRows } from "./sales-rows.js";
import { forecastVegetable, type VegetableForecast } from "./vegetable-forecast.js";
import { matchVegetable } from "./vegetable-names.js";

/** What a post did: how many rows were stored and which were rejected, with why. */
export interface PostResult {
  readonly stored: number;
  readonly rejected: readonly RejectedRow[];
}

type Op = { kind: "upsert"; rows: readonly RawSale[] } | { kind: "clear" };
interface Pending {
  readonly op: Op;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/** Renderings of the reads, dropped on every change and rebuilt lazily on the next read. */
interface Derived {
  json: Map<string, string>;
  sortedRaw?: RawSale[];
}

/** A raw row as /get_raw_sales renders it. */
function rowJson(r: RawSale): string {
  return JSON.stringify({ year_week: r.yearWeek, vegetable: r.vegetable, sales: r.sales });
}

/** The first index whose key is not below `key`, in a sorted array. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The vegetable-sales service. Writes go to the repository first (durable), then to an in-memory copy of the raw
 * rows; reads are answered from that copy. Cleaned weekly and monthly sales are kept per vegetable and recomputed
 * only for the vegetables a change touched (SalesAggregates); the raw listing is kept sorted and pre-serialised row
 * by row, so a change costs one insertion, not a sort and a full serialisation.
 *
 * Concurrent posts are group-committed: while one transaction runs, the posts that arrive queue up and go into the
 * next transaction together, applied in arrival order, so the store and the memory copy always agree.
 * The copy assumes this process is the only writer of its store (the embedded mode); several API replicas on one
 * PostgreSQL would each need to re-read after the others' writes.
 */
export class SalesService {
  private readonly raw = new Map<string, RawSale>();
  /** Keys in (week, spelling) order (saleKey puts the fixed-width week first), and each row's JSON in that order. */
  private sortedKeys: string[] = [];
  private sortedJson: string[] = [];
  /** Each year's rows as JSON, until one of them changes. */
  private readonly yearJson = new Map<string, string>();
  private readonly aggregates = new SalesAggregates();
  private derived: Derived = { json: new Map() };
  private queue: Pending[] = [];
  private flushing = false;

  private constructor(private readonly repo: SalesRepository) {}

  static async open(repo: SalesRepository): Promise<SalesService> {
    const service = new SalesService(repo);
    service.apply(await readAll(repo));
    return service;
  }

  /** Validates a posted list, stores every valid row (replacing same week + spelling) and reports the rest. */
  async post(rows: readonly unknown[]): Promise<PostResult> {
    const { valid, rejected } = validateRows(rows);
    if (valid.length > 0) await this.enqueue({ kind: "upsert", rows: valid });
    return { stored: valid.length, rejected };
  }

  /** Empties the store. */
  async reset(): Promise<void> {
    await this.enqueue({ kind: "clear" });
  }

  /** Stored raw rows, ordered by week then spelling. */
  rawSales(): RawSale[] {
    this.derived.sortedRaw ??= this.sortedKeys.map((k) => this.raw.get(k)!);
    return this.derived.sortedRaw;
  }

  /** The raw rows as the JSON the course's /get_raw_sales returns. */
  rawSalesJson(): string {
    return this.json("raw", () => {
      // Rows are rendered by year and each year's text kept until one of its rows changes: a post re-joins one
      // year (~160 rows), not all of them.
      const parts: string[] = [];
      let from = 0;
      while (from < this.sortedKeys.length) {
        const year = this.sortedKeys[from]!.slice(0, 4);
        const to = lowerBound(this.sortedKeys, `${Number(year) + 1}`);
        let text = this.yearJson.get(year);
        if (text === undefined) {
          text = this.sortedJson.slice(from, to).join(",");
          this.yearJson.set(year, text);
        }
        parts.push(text);
        from = to;
      }
      return `[${parts.join(",")}]`;
    });
  }

  /** Cleaned weekly sales with their outlier flag. */
  weeklySales(): WeeklySale[] {
    return this.aggregates.weekly();
  }

  monthlySales(removeOutliers: boolean): MonthlySale[] {
    return this.aggregates.monthly(removeOutliers);
  }

  /** The monthly sales as the JSON the course's /get_monthly_sales returns. */
  monthlyJson(removeOutliers: boolean): string {
    return this.aggregates.monthlyJson(removeOutliers);
  }

  unknownVegetables(): UnknownVegetable[] {
    return this.aggregates.unknownVegetables();
  }

  /**
   * Forecasts the next months of a vegetable (any known spelling) from the cleaned monthly sales without outliers;
   * see vegetable-forecast.ts for the method.
   */
  forecast(vegetable: string, months: number): VegetableForecast[] {
    const name = matchVegetable(vegetable).canonical;
    if (!name)
      throw new AppError("NOT_FOUND", `Unknown vegetable "${vegetable}"`, [
        { field: "vegetable", reason: "matches no known vegetable" },
      ]);
    return forecastVegetable(this.monthlySales(true), this.weeklySales(), name, months);
  }

  /** A cached rendering of a read (a JSON string), recomputed only after a change. */
  json(key: string, render: () => string): string {
    let s = this.derived.json.get(key);
    if (s === undefined) {
      s = render();
      this.derived.json.set(key, s);
    }
    return s;
  }

  async close(): Promise<void> {
    await this.repo.close();
  }

  /** Applies stored rows to the memory copy, keeping the key order, the per-row JSON and the aggregates. */
  private apply(rows: readonly RawSale[]): void {
    if (rows.length > 64) {
      // A bulk load: one sort beats many insertions.
      for (const r of rows) {
        this.raw.set(saleKey(r), r);
        this.aggregates.set(r);
      }
      this.sortedKeys = [...this.raw.keys()].sort();
      this.sortedJson = this.sortedKeys.map((k) => rowJson(this.raw.get(k)!));
      this.yearJson.clear();
    } else {
      for (const r of rows) {
        const key = saleKey(r);
        const at = lowerBound(this.sortedKeys, key);
        if (this.raw.has(key)) this.sortedJson[at] = rowJson(r);
        else {
          this.sortedKeys.splice(at, 0, key);
          this.sortedJson.splice(at, 0, rowJson(r));
        }
        this.raw.set(key, r);
        this.aggregates.set(r);
        this.yearJson.delete(key.slice(0, 4));
      }
    }
    this.derived = { json: new Map() };
  }

  private enqueue(op: Op): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // Start on the next turn of the event loop: the posts whose requests arrive in this turn join the same
        // transaction (with better-sqlite3 a flush never yields, so without this every post would commit alone).
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        // Take the leading run of upserts (one transaction), or one clear.
        const first = this.queue[0]!;
        const n = first.op.kind === "clear" ? 1 : countLeadingUpserts(this.queue);
        const batch = this.queue.splice(0, n);
        try {
          if (first.op.kind === "clear") {
            await this.repo.clear();
            this.raw.clear();
            this.sortedKeys = [];
            this.sortedJson = [];
            this.yearJson.clear();
            this.aggregates.clear();
            this.derived = { json: new Map() };
          } else {
            const rows = batch.flatMap((p) => (p.op.kind === "upsert" ? p.op.rows : []));
            await this.repo.upsert(rows);
            this.apply(rows);
          }
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}

function countLeadingUpserts(queue: readonly Pending[]): number {
  let n = 0;
  while (n < queue.length && queue[n]!.op.kind === "upsert") n++;
  return n;
}
