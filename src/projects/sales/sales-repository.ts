import type { RawSale } from "./sales-rows.js";

/**
 * Where raw weekly sales live. Three implementations chosen by URL (csv:PATH, sqlite:PATH, postgres://…), one
 * conformance suite (sales-repository.suite.ts) run against all three.
 */
export interface SalesRepository {
  /** Stores rows; a row with the same (yearWeek, raw vegetable spelling) as a stored one replaces it. Atomic. */
  upsert(rows: readonly RawSale[]): Promise<void>;
  /** Every stored row, read in pages of `pageSize` ordered by (yearWeek, vegetable). */
  scan(pageSize?: number): AsyncIterable<RawSale[]>;
  /** Empties the store (creating it if needed). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** Rows with duplicate keys collapsed, the last one winning (as if they were upserted one by one). */
export function lastWins(rows: readonly RawSale[]): RawSale[] {
  const byKey = new Map<string, RawSale>();
  for (const r of rows) {
    const key = saleKey(r);
    byKey.delete(key);
    byKey.set(key, r);
  }
  return [...byKey.values()];
}

/** The identity of a raw row: its week and its raw spelling. */
export function saleKey(r: { readonly yearWeek: number; readonly vegetable: string }): string {
  return `${r.yearWeek}\u0000${r.vegetable}`;
}

/** Reads every row of a repository (the raw table is small: weeks × spellings). */
export async function readAll(repo: SalesRepository): Promise<RawSale[]> {
  const out: RawSale[] = [];
  for await (const page of repo.scan()) out.push(...page);
  return out;
}
