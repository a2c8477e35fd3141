import { AppError } from "../../core/index.js";
import type { CsrMatrix } from "../matrix.js";
import type { UnitPool } from "./feature-encoder.js";
import { numpyArgsort } from "./numpy-argsort.js";
import { codePointOrder } from "./term-order.js";

/**
 * scikit-learn's vocabulary pruning (_sort_features then _limit_features): terms sorted by code point, kept when
 * low ≤ document frequency ≤ high, then at most maxFeatures of them by corpus frequency (ties broken like numpy).
 */

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
 * Sorts and prunes a learned vocabulary. `counts` has one column per feature of `pool` (first-appearance ids).
 * Returns the kept features (old ids) in column order and, for each old id, its new column or -1.
 */
export function sortAndLimit(
  pool: UnitPool,
  counts: CsrMatrix,
  bounds: { low: number; high: number },
  maxFeatures: number | null,
): { kept: Int32Array; newIndex: Int32Array } {
  const v = pool.starts.length - 1;
  const df = new Float64Array(v);
  const tf = new Float64Array(v);
  for (let p = 0; p < counts.indices.length; p++) {
    const j = counts.indices[p]!;
    df[j]++;
    tf[j] += counts.data[p]!;
  }
  let inBounds = 0;
  for (let j = 0; j < v; j++) if (df[j]! <= bounds.high && df[j]! >= bounds.low) inBounds++;
  if (inBounds === 0) {
    throw new AppError("INVALID_INPUT", "After pruning, no terms remain. Try a lower minDf or a higher maxDf.");
  }
  const candidates = new Int32Array(inBounds);
  for (let j = 0, q = 0; j < v; j++) if (df[j]! <= bounds.high && df[j]! >= bounds.low) candidates[q++] = j;
  // Only the terms within the bounds are sorted (scikit-learn sorts them all, the order among these is the same).
  let kept = codePointOrder(pool, candidates);
  if (maxFeatures !== null && kept.length > maxFeatures) {
    const negTf = new Float64Array(kept.length);
    for (let q = 0; q < kept.length; q++) negTf[q] = -tf[kept[q]!]!;
    const top = numpyArgsort(negTf);
    const chosen = new Uint8Array(kept.length);
    for (let q = 0; q < maxFeatures; q++) chosen[top[q]!] = 1;
    kept = kept.filter((_, q) => chosen[q] === 1);
  }
  const newIndex = new Int32Array(v).fill(-1);
  for (let q = 0; q < kept.length; q++) newIndex[kept[q]!] = q;
  return { kept, newIndex };
}
