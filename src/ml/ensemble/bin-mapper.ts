import type { SeededRandom } from "../../core/index.js";
import type { Matrix } from "../matrix.js";

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
  const { rows, cols, data } = X;
  let sampleRows: Int32Array | null = null;
  if (rows > SUBSAMPLE) sampleRows = rng.permutation(rows).subarray(0, SUBSAMPLE);
  const n = sampleRows ? sampleRows.length : rows;
  const values = new Float64Array(n);
  const all: number[] = [];
  const offsets = new Int32Array(cols + 1);
  const nBinsNonMissing = new Int32Array(cols);
  for (let f = 0; f < cols; f++) {
    let m = 0;
    for (let k = 0; k < n; k++) {
      const v = data[(sampleRows ? sampleRows[k]! : k) * cols + f]!;
      if (!Number.isNaN(v)) values[m++] = v;
    }
    const sorted = values.subarray(0, m).sort();
    const cuts = binThresholds(sorted, maxBins);
    for (const c of cuts) all.push(c);
    offsets[f + 1] = all.length;
    nBinsNonMissing[f] = cuts.length + 1;
  }
  return { nFeatures: cols, thresholds: Float64Array.from(all), offsets, nBinsNonMissing, missingBin: maxBins };
}

/** Thresholds of one feature from its sorted non-missing values. */
function binThresholds(sorted: Float64Array, maxBins: number): number[] {
  const m = sorted.length;
  if (m === 0) return [];
  const distinct: number[] = [sorted[0]!];
  for (let i = 1; i < m; i++) if (sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
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
