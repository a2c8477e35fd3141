import type { SeededRandom } from "../../core/index.js";
import type { Matrix } from "../matrix.js";
import { sortPairs } from "../tree/sort-pairs.js";

/**
 * scikit-learn's _BinMapper: each feature's non-missing values cut into at most maxBins bins at midpoints between
 * distinct values (few distinct values) or at "midpoint" percentiles (many), found on at most 200 000 rows. NaN
 * (missing) gets its own bin, `maxBins`, after every non-missing bin.
 */
export interface BinMapper {
  readonly nFeatures: number;
  /** Thresholds of feature f are `thresholds[offsets[f] .. offsets[f + 1])`: x <= t[b] and x > t[b-1] is bin b. */
  readonly thresholds: Float64Array;
  readonly offsets: Int32Array;
  /** Bins holding non-missing values, per feature (thresholds + 1). */
  readonly nBinsNonMissing: Int32Array;
  /** The bin of missing values. */
  readonly missingBin: number;
}

const SUBSAMPLE = 200_000;
/** scikit-learn's ALMOST_INF: thresholds are clipped below it so only "split on NaN" uses +inf. */
const ALMOST_INF = 1e300;

/** Finds the bin thresholds of every column of X (NaN ignored). */
export function fitBinMapper(X: Matrix, maxBins: number, rng: SeededRandom): BinMapper {
  return fitAndBin(X, maxBins, rng).mapper;
}

/**
 * Fits the bin thresholds and bins X (column-major, like binColumns) in one sort per feature: the sorted values
 * walk the sorted thresholds instead of a binary search per value. Above 200 000 rows the thresholds come from a
 * random subsample (as in scikit-learn) and X is binned by binColumns.
 */
export function fitAndBin(X: Matrix, maxBins: number, rng: SeededRandom): { mapper: BinMapper; binned: Uint8Array } {
  const { rows, cols, data } = X;
  const sampleRows = rows > SUBSAMPLE ? rng.permutation(rows).subarray(0, SUBSAMPLE) : null;
  const n = sampleRows ? sampleRows.length : rows;
  const values = new Float64Array(n);
  const order = new Int32Array(n);
  const all: number[] = [];
  const offsets = new Int32Array(cols + 1);
  const nBinsNonMissing = new Int32Array(cols);
  const binned = new Uint8Array(sampleRows ? 0 : rows * cols);
  for (let f = 0; f < cols; f++) {
    const m = gatherColumn(data, cols, f, sampleRows, n, values, order);
    sortPairs(values, order, 0, m);
    const cuts = binThresholds(values.subarray(0, m), maxBins);
    for (const c of cuts) all.push(c);
    offsets[f + 1] = all.length;
    nBinsNonMissing[f] = cuts.length + 1;
    if (!sampleRows) binSorted(values, order, m, cuts, binned, f * rows, rows, maxBins);
  }
  const mapper = { nFeatures: cols, thresholds: Float64Array.from(all), offsets, nBinsNonMissing, missingBin: maxBins };
  return { mapper, binned: sampleRows ? binColumns(X, mapper) : binned };
}

/** Non-NaN values of column f (of the sampled rows) with their rows; returns how many. */
function gatherColumn(
  data: Float64Array,
  cols: number,
  f: number,
  sampleRows: Int32Array | null,
  n: number,
  values: Float64Array,
  order: Int32Array,
): number {
  let m = 0;
  for (let k = 0; k < n; k++) {
    const i = sampleRows ? sampleRows[k]! : k;
    const v = data[i * cols + f]!;
    if (!Number.isNaN(v)) {
      values[m] = v;
      order[m++] = i;
    }
  }
  return m;
}

/** Bins one column from its sorted values: rows not listed (NaN) get the missing bin. */
function binSorted(
  values: Float64Array,
  order: Int32Array,
  m: number,
  cuts: readonly number[],
  binned: Uint8Array,
  offset: number,
  rows: number,
  missingBin: number,
): void {
  binned.fill(missingBin, offset, offset + rows);
  let b = 0;
  for (let k = 0; k < m; k++) {
    const v = values[k]!;
    while (b < cuts.length && v > cuts[b]!) b++;
    binned[offset + order[k]!] = b;
  }
}

/** Thresholds of one feature from its sorted non-missing values. */
function binThresholds(sorted: Float64Array, maxBins: number): number[] {
  const m = sorted.length;
  if (m === 0) return [];
  // The distinct values, unless there are more than maxBins of them (then only their count matters).
  const distinct: number[] = [sorted[0]!];
  for (let i = 1; i < m && distinct.length <= maxBins; i++) if (sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  const cuts: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++) cuts.push((distinct[i]! + distinct[i + 1]!) * 0.5);
  } else {
    // numpy.percentile(sorted, linspace(0, 100, maxBins + 1)[1:-1], method="midpoint").
    const step = 100 / maxBins;
    for (let k = 1; k < maxBins; k++) {
      const q = (k * step) / 100;
      const h = q * (m - 1);
      const lo = Math.floor(h);
      const hi = Math.ceil(h);
      const a = sorted[lo]!;
      const b = sorted[hi]!;
      cuts.push(lo === hi ? a : b - (b - a) * 0.5);
    }
  }
  for (let i = 0; i < cuts.length; i++) if (cuts[i]! > ALMOST_INF) cuts[i] = ALMOST_INF;
  return cuts;
}

/** X binned column-major (row i of feature f at `f * rows + i`), uint8: one byte per value. */
export function binColumns(X: Matrix, mapper: BinMapper): Uint8Array {
  const { rows, cols, data } = X;
  const out = new Uint8Array(rows * cols);
  const { thresholds, offsets, missingBin } = mapper;
  for (let f = 0; f < cols; f++) {
    const lo0 = offsets[f]!;
    const hi0 = offsets[f + 1]!;
    const fo = f * rows;
    for (let i = 0; i < rows; i++) {
      const v = data[i * cols + f]!;
      if (Number.isNaN(v)) {
        out[fo + i] = missingBin;
        continue;
      }
      // First threshold >= v (scikit-learn's binary search with `x <= threshold`).
      let lo = lo0;
      let hi = hi0;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (v <= thresholds[mid]!) hi = mid;
        else lo = mid + 1;
      }
      out[fo + i] = lo - lo0;
    }
  }
  return out;
}

/** The raw threshold of a split after bin `bin` of feature f (+inf for the last non-missing bin: a split on NaN). */
export function binUpperThreshold(mapper: BinMapper, f: number, bin: number): number {
  if (bin >= mapper.nBinsNonMissing[f]! - 1) return Number.POSITIVE_INFINITY;
  return mapper.thresholds[mapper.offsets[f]! + bin]!;
}
