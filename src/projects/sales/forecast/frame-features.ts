/**
 * The course's feature functions on a long sales frame (one row per item and month), as a data scientist would
 * write them with pandas: values are aligned with the input rows and null until an item has enough history.
 */

/** One row of a monthly sales frame. */
export interface SalesFrameRow {
  readonly dates: string;
  readonly item_id: string;
  readonly sales: number;
}

/** Row indices per item, each item's rows in date order. */
function rowsByItem(df: readonly SalesFrameRow[]): number[][] {
  const groups = new Map<string, number[]>();
  df.forEach((row, k) => {
    let g = groups.get(row.item_id);
    if (!g) {
      g = [];
      groups.set(row.item_id, g);
    }
    g.push(k);
  });
  for (const g of groups.values())
    g.sort((a, b) => (df[a]!.dates < df[b]!.dates ? -1 : df[a]!.dates > df[b]!.dates ? 1 : 0));
  return [...groups.values()];
}

function mean(df: readonly SalesFrameRow[], rows: readonly number[], from: number, to: number): number {
  let s = 0;
  for (let k = from; k < to; k++) s += df[rows[k]!]!.sales;
  return s / (to - from);
}

/** Sales of the same item `k` months before (M-k); null until there is enough history. */
export function computeLag(df: readonly SalesFrameRow[], k: number): (number | null)[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const out = new Array<number | null>(df.length).fill(null);
  for (const rows of rowsByItem(df)) for (let j = k; j < rows.length; j++) out[rows[j]!] = df[rows[j - k]!]!.sales;
  return out;
}

/** Mean of the previous `nbMonths` sales of the same item (M-1 … M-nbMonths); null until there is enough history. */
export function computeRollingMean(df: readonly SalesFrameRow[], nbMonths: number): (number | null)[] {
  if (!Number.isInteger(nbMonths) || nbMonths < 1)
    throw new RangeError(`nbMonths must be a positive integer, got ${nbMonths}`);
  const out = new Array<number | null>(df.length).fill(null);
  for (const rows of rowsByItem(df)) {
    for (let k = nbMonths; k < rows.length; k++) out[rows[k]!] = mean(df, rows, k - nbMonths, k);
  }
  return out;
}

/**
 * Growth of an item: mean of M-1..M-3 divided by mean of M-13..M-15 (the last quarter against the same quarter a
 * year before); null until there are 15 months of history or when the year-ago quarter sold nothing.
 */
export function computeGrowth(df: readonly SalesFrameRow[]): (number | null)[] {
  const out = new Array<number | null>(df.length).fill(null);
  for (const rows of rowsByItem(df)) {
    for (let k = 15; k < rows.length; k++) {
      const before = mean(df, rows, k - 15, k - 12);
      if (before !== 0) out[rows[k]!] = mean(df, rows, k - 3, k) / before;
    }
  }
  return out;
}
