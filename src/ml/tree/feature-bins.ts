/**
 * Each feature cut into at most 256 bins of about equal counts, cutting only between distinct values (a feature
 * with at most 256 distinct values gets one bin per value, so its binned splits are its exact splits). Forests
 * search large nodes on these bins with histograms instead of sorting.
 */
export interface FeatureBins {
  /** Bin of row i, feature f at `f * rows + i` (column-major). */
  readonly binned: Uint8Array;
  /** Number of bins per feature. */
  readonly nBins: Int32Array;
  /** Smallest and largest training value in bin b of feature f, at `f * MAX_BINS + b`. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** Bins per feature: a uint8 each. */
export const MAX_BINS = 256;

/** Empty bins for rows × cols, filled feature by feature with `binSortedColumn`. */
export function allocateBins(rows: number, cols: number): FeatureBins {
  return {
    binned: new Uint8Array(rows * cols),
    nBins: new Int32Array(cols),
    lower: new Float64Array(cols * MAX_BINS),
    upper: new Float64Array(cols * MAX_BINS),
  };
}

/** Bins feature f from its values sorted ascending (`values`) and the row of each (`rows[i]`). */
export function binSortedColumn(bins: FeatureBins, f: number, values: Float64Array, rowOf: Int32Array): void {
  const n = values.length;
  let distinct = n > 0 ? 1 : 0;
  for (let i = 1; i < n; i++) if (values[i] !== values[i - 1]) distinct++;
  const fo = f * n;
  const bo = f * MAX_BINS;
  const { binned, lower, upper } = bins;
  // Few distinct values: one bin each. Otherwise close a bin once it holds its share of the remaining rows.
  let bin = 0;
  let inBin = 0;
  lower[bo] = values[0]!;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (i > 0 && v !== values[i - 1]) {
      const full = distinct <= MAX_BINS || inBin * (MAX_BINS - bin) >= n - i + inBin;
      if (full && bin < MAX_BINS - 1) {
        upper[bo + bin] = values[i - 1]!;
        bin++;
        inBin = 0;
        lower[bo + bin] = v;
      }
    }
    binned[fo + rowOf[i]!] = bin;
    inBin++;
  }
  upper[bo + bin] = values[n - 1]!;
  bins.nBins[f] = bin + 1;
}
