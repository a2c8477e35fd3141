import { cleanWeekly, type MonthlySale, toMonthly, type UnknownVegetable, type WeeklySale } from "./monthly.js";
import { readAll, type SalesRepository, saleKey } from "./sales-repository.js";
import { type RawSale, type RejectedRow, validateRows } from "./sales-rows.js";
import { VegetableNameCleaner } from "./vegetable-names.js";

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

interface Derived {
  weekly: WeeklySale[];
  unknown: UnknownVegetable[];
  monthly: Map<boolean, MonthlySale[]>;
  json: Map<string, string>;
}

/**
 * The vegetable-sales service. Writes go to the repository first (durable), then to an in-memory copy of the raw
 * rows; reads are answered from that copy, with cleaned weekly, monthly and JSON results computed once per change
 * and cached — the course's 1 000 req/s mix would otherwise recompute everything per request.
 *
 * Concurrent posts are group-committed: while one transaction runs, the posts that arrive queue up and go into the
 * next transaction together, applied in arrival order, so the store and the memory copy always agree.
 * The copy assumes this process is the only writer of its store (the embedded mode); several API replicas on one
 * PostgreSQL would each need to re-read after the others' writes.
 */
export class SalesService {
  private readonly raw = new Map<string, RawSale>();
  private readonly cleaner = new VegetableNameCleaner();
  private derived: Derived | undefined;
  private sortedRaw: RawSale[] | undefined;
  private queue: Pending[] = [];
  private flushing = false;

  private constructor(private readonly repo: SalesRepository) {}

  static async open(repo: SalesRepository): Promise<SalesService> {
    const service = new SalesService(repo);
    for (const row of await readAll(repo)) service.raw.set(saleKey(row), row);
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
    if (!this.sortedRaw) {
      this.sortedRaw = [...this.raw.values()].sort(
        (a, b) => a.yearWeek - b.yearWeek || (a.vegetable < b.vegetable ? -1 : a.vegetable > b.vegetable ? 1 : 0),
      );
    }
    return this.sortedRaw;
  }

  /** Cleaned weekly sales with their outlier flag. */
  weeklySales(): WeeklySale[] {
    return this.derive().weekly;
  }

  monthlySales(removeOutliers: boolean): MonthlySale[] {
    const d = this.derive();
    let m = d.monthly.get(removeOutliers);
    if (!m) {
      m = toMonthly(d.weekly, removeOutliers);
      d.monthly.set(removeOutliers, m);
    }
    return m;
  }

  unknownVegetables(): UnknownVegetable[] {
    return this.derive().unknown;
  }

  /** A cached JSON rendering of a read, recomputed only after a change. */
  json(key: string, render: () => unknown): string {
    const d = this.derive();
    let s = d.json.get(key);
    if (s === undefined) {
      s = JSON.stringify(render());
      d.json.set(key, s);
    }
    return s;
  }

  async close(): Promise<void> {
    await this.repo.close();
  }

  private derive(): Derived {
    if (!this.derived) {
      const { weekly, unknown } = cleanWeekly(this.raw.values(), this.cleaner);
      this.derived = { weekly, unknown, monthly: new Map(), json: new Map() };
    }
    return this.derived;
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
          } else {
            const rows = batch.flatMap((p) => (p.op.kind === "upsert" ? p.op.rows : []));
            await this.repo.upsert(rows);
            for (const r of rows) this.raw.set(saleKey(r), r);
          }
          this.sortedRaw = undefined;
          this.derived = undefined;
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
