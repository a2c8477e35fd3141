import { AppError } from "../../core/index.js";
import type { CsrMatrix } from "../matrix.js";
import { numpyArgsort } from "./numpy-argsort.js";

/**
 * scikit-learn's vocabulary pruning (_sort_features then _limit_features): terms sorted by code point, kept when
 * low ≤ document frequency ≤ high, then at most maxFeatures of them by corpus frequency (ties broken like numpy).
 */

const SURROGATE = /[\uD800-\uDFFF]/;

/** Python's string order (by code point); JavaScript's `<` compares UTF-16 code units. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

/** The document counts of minDf / maxDf: integers are counts, other numbers proportions; maxDf = 1 means 100%. */
export function documentCountBounds(minDf: number, maxDf: number, nDocs: number): { low: number; high: number } {
  const high = Number.isInteger(maxDf) && maxDf !== 1 ? maxDf : maxDf * nDocs;
  const low = Number.isInteger(minDf) ? minDf : minDf * nDocs;
  if (high < low) {
    throw new AppError("INVALID_INPUT", "maxDf corresponds to < documents than minDf", [
      { field: "maxDf", reason: `${high} documents < minDf's ${low}` },
    ]);
  }
  return { low, high };
}

/**
 * Sorts and prunes a learned vocabulary. `counts` has one column per term of `terms` (first-appearance ids).
 * Returns the kept terms in column order and, for each old id, its new column or -1.
 */
export function sortAndLimit(
  terms: readonly string[],
  counts: CsrMatrix,
  bounds: { low: number; high: number },
  maxFeatures: number | null,
): { terms: string[]; newIndex: Int32Array } {
  const sorted = terms.slice().sort();
  if (sorted.some((t) => SURROGATE.test(t))) sorted.sort(compareCodePoints);
  const v = sorted.length;
  const df = new Float64Array(v);
  const tf = new Float64Array(v);
  const ids = new Map<string, number>();
  for (let old = 0; old < v; old++) ids.set(terms[old]!, old);
  const oldToSorted = new Int32Array(v);
  for (let k = 0; k < v; k++) oldToSorted[ids.get(sorted[k]!)!] = k;
  for (let p = 0; p < counts.indices.length; p++) {
    const k = oldToSorted[counts.indices[p]!]!;
    df[k]++;
    tf[k] += counts.data[p]!;
  }
  let keep = new Uint8Array(v);
  let kept = 0;
  for (let k = 0; k < v; k++) {
    if (df[k]! <= bounds.high && df[k]! >= bounds.low) {
      keep[k] = 1;
      kept++;
    }
  }
  if (maxFeatures !== null && kept > maxFeatures) {
    const where = new Int32Array(kept);
    const negTf = new Float64Array(kept);
    for (let k = 0, q = 0; k < v; k++) {
      if (keep[k]) {
        where[q] = k;
        negTf[q++] = -tf[k]!;
      }
    }
    const order = numpyArgsort(negTf);
    keep = new Uint8Array(v);
    for (let q = 0; q < maxFeatures; q++) keep[where[order[q]!]!] = 1;
    kept = maxFeatures;
  }
  if (kept === 0) {
    throw new AppError("INVALID_INPUT", "After pruning, no terms remain. Try a lower minDf or a higher maxDf.");
  }
  const out: string[] = new Array(kept);
  const sortedToNew = new Int32Array(v).fill(-1);
  for (let k = 0, q = 0; k < v; k++) {
    if (keep[k]) {
      out[q] = sorted[k]!;
      sortedToNew[k] = q++;
    }
  }
  const newIndex = new Int32Array(v);
  for (let old = 0; old < v; old++) newIndex[old] = sortedToNew[oldToSorted[old]!]!;
  return { terms: out, newIndex };
}
