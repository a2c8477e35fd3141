import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { AppError } from "../../core/index.js";
import { csvField, readCsvFile } from "../../data/index.js";
import { lastWins, type SalesRepository, saleKey } from "./sales-repository.js";
import type { RawSale } from "./sales-rows.js";

const HEADER = "year_week,vegetable,sales\n";

/**
 * Raw sales in a CSV file (the course's first storage). The file is an append-only log: an upsert appends its rows
 * and a later row replaces an earlier one with the same key when read; when the log holds more than twice the live
 * rows it is rewritten (to a temporary file, then renamed, so a crash never leaves a half-written file).
 */
export class CsvSalesRepository implements SalesRepository {
  private rows = new Map<string, RawSale>();
  private logLines = 0;

  private constructor(private readonly path: string) {}

  static async open(path: string): Promise<CsvSalesRepository> {
    const repo = new CsvSalesRepository(path);
    mkdirSync(dirname(path), { recursive: true });
    if (!existsSync(path)) writeFileSync(path, HEADER);
    let line = 1;
    for await (const r of readCsvFile(path)) {
      line++;
      const yearWeek = Number(r.year_week);
      const sales = Number(r.sales);
      if (!Number.isInteger(yearWeek) || !Number.isFinite(sales) || !r.vegetable) {
        throw new AppError("STORE_UNAVAILABLE", `Sales CSV store ${path} is corrupt at line ${line}`);
      }
      const row = { yearWeek, vegetable: r.vegetable, sales };
      const key = saleKey(row);
      repo.rows.delete(key);
      repo.rows.set(key, row);
      repo.logLines++;
    }
    return repo;
  }

  async upsert(rows: readonly RawSale[]): Promise<void> {
    const unique = lastWins(rows);
    if (unique.length === 0) return;
    appendFileSync(this.path, unique.map(line).join(""));
    for (const r of unique) {
      const key = saleKey(r);
      this.rows.delete(key);
      this.rows.set(key, r);
    }
    this.logLines += unique.length;
    if (this.logLines > 2 * this.rows.size + 1000) this.compact();
  }

  async *scan(pageSize = 5000): AsyncIterable<RawSale[]> {
    const sorted = [...this.rows.values()].sort(
      (a, b) => a.yearWeek - b.yearWeek || (a.vegetable < b.vegetable ? -1 : a.vegetable > b.vegetable ? 1 : 0),
    );
    for (let i = 0; i < sorted.length; i += pageSize) yield sorted.slice(i, i + pageSize);
  }

  async clear(): Promise<void> {
    this.rows.clear();
    this.logLines = 0;
    this.rewrite([]);
  }

  async close(): Promise<void> {}

  private compact(): void {
    this.rewrite([...this.rows.values()]);
    this.logLines = this.rows.size;
  }

  private rewrite(rows: readonly RawSale[]): void {
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, "w");
    try {
      writeSync(fd, HEADER + rows.map(line).join(""));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }
}

function line(r: RawSale): string {
  return `${r.yearWeek},${csvField(r.vegetable)},${r.sales}\n`;
}
