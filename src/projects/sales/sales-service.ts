import { AppError } from "../../core/index.js";
import { cleanWeekly, type MonthlySale, toMonthly, type UnknownVegetable, type WeeklySale } from "./monthly.js";
import { readAll, type SalesRepository, saleKey } from "./sales-repository.js";
import { type RawSale, type RejectedRow, validateRows } from "./sales-rows.js";
import { forecastVegetable, type VegetableForecast } from "./vegetable-forecast.js";
import { matchVegetable, VegetableNameCleaner } from "./vegetable-names.js";

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

/** Everything computed from the raw rows, dropped on every change and rebuilt lazily on the next read. */
interface Derived {
  weekly?: WeeklySale[];
  unknown?: UnknownVegetable[];
  monthly: Map<boolean, MonthlySale[]>;
  json: Map<string, string>;
  sortedRaw?: RawSale[];
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The vegetable-sales service. Writes go to the repository first (durable), then to an in-memory copy of the raw
 * rows; reads are answered from that copy, with cleaned weekly, monthly and JSON results computed once per change
 * and cached — the course's 1 000 req/s mix would otherwise recompute everything per request. The raw listing is
 * kept sorted and pre-serialised row by row, so a change costs one insertion, not a sort and a full serialisation.
 *
 * Concurrent posts are group-committed: while one transaction runs, the posts that arrive queue up and go into the
 * next transaction together, applied in arrival order, so the store and the memory copy always agree.
 * The copy assumes this process is the only writer of its store (the embedded mode); several API replicas on one
 * PostgreSQL would each need to re-read after the others' writes.
 */
export class SalesService {
  private readonly raw = new Map<string, RawSale>();
  private readonly rowJson = new Map<string, string>();
  /** Keys in (week, spelling) order: saleKey puts the fixed-width week first. */
  private sortedKeys: string[] = [];
  private readonly cleaner = new VegetableNameCleaner();
  private derived: Derived = { monthly: new Map(), json: new Map() };
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
    return this.json("raw", () => `[${this.sortedKeys.map((k) => this.rowJson.get(k)).join(",")}]`);
  }

  /** Cleaned weekly sales with their outlier flag. */
  weeklySales(): WeeklySale[] {
    if (!this.derived.weekly) this.clean();
    return this.derived.weekly!;
  }

  monthlySales(removeOutliers: boolean): MonthlySale[] {
    let m = this.derived.monthly.get(removeOutliers);
    if (!m) {
      m = toMonthly(this.weeklySales(), removeOutliers);
      this.derived.monthly.set(removeOutliers, m);
    }
    return m;
  }

  unknownVegetables(): UnknownVegetable[] {
    if (!this.derived.unknown) this.clean();
    return this.derived.unknown!;
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

  private clean(): void {
    const { weekly, unknown } = cleanWeekly(this.raw.values(), this.cleaner);
    this.derived.weekly = weekly;
    this.derived.unknown = unknown;
  }

  /** Applies stored rows to the memory copy, keeping the key order and the per-row JSON. */
  private apply(rows: readonly RawSale[]): void {
    const fresh: string[] = [];
    for (const r of rows) {
      const key = saleKey(r);
      if (!this.raw.has(key)) fresh.push(key);
      this.raw.set(key, r);
      this.rowJson.set(key, JSON.stringify({ year_week: r.yearWeek, vegetable: r.vegetable, sales: r.sales }));
    }
    if (fresh.length > 32) this.sortedKeys = [...this.raw.keys()].sort(compareKeys);
    else {
      for (const key of fresh) {
        let lo = 0;
        let hi = this.sortedKeys.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (this.sortedKeys[mid]! < key) lo = mid + 1;
          else hi = mid;
        }
        this.sortedKeys.splice(lo, 0, key);
      }
    }
    this.derived = { monthly: new Map(), json: new Map() };
  }

  private enqueue(op: Op): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
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
            this.rowJson.clear();
            this.sortedKeys = [];
            this.derived = { monthly: new Map(), json: new Map() };
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
