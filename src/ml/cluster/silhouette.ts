import { AppError, SeededRandom } from "../../core/index.js";
import type { Input, Label } from "../estimator.js";
import type { Matrix } from "../matrix.js";
import { takeRows, toMatrix } from "../validation.js";

/** Options of silhouetteScore. */
export interface SilhouetteOptions {
  /** Score a random subset of this many rows (drawn with `seed`) instead of all of them. */
  readonly sampleSize?: number;
  readonly seed?: number;
}

/**
 * Mean silhouette coefficient over the samples with the euclidean metric, like sklearn.metrics.silhouette_score:
 * s = (b − a) / max(a, b) with a the mean distance to the other members of the sample's cluster and b the lowest
 * mean distance to another cluster; samples alone in their cluster score 0. Distances are computed from
 * differences (exact), so values agree with scikit-learn's to rounding.
 */
export function silhouetteScore(X: Input, labels: ArrayLike<Label>, options: SilhouetteOptions = {}): number {
  let m = toMatrix(X);
  if (labels.length !== m.rows) {
    throw new AppError("INVALID_INPUT", `labels has ${labels.length} values but X has ${m.rows} rows`, [
      { field: "labels", reason: `expected ${m.rows} values, got ${labels.length}` },
    ]);
  }
  let labelList: ArrayLike<Label> = labels;
  if (options.sampleSize !== undefined) {
    const size = options.sampleSize;
    if (!Number.isInteger(size) || size < 1 || size > m.rows) {
      throw new AppError("INVALID_INPUT", `sampleSize must be an integer in [1, ${m.rows}], got ${size}`, [
        { field: "sampleSize", reason: "out of range" },
      ]);
    }
    const chosen = new SeededRandom(options.seed ?? 0).permutation(m.rows).subarray(0, size);
    m = takeRows(m, chosen) as Matrix;
    labelList = Array.from(chosen, (i) => labels[i]!);
  }
  const samples = silhouetteSamplesOf(m, labelList);
  let total = 0;
  for (let i = 0; i < samples.length; i++) total += samples[i]!;
  return total / samples.length;
}

/** The silhouette coefficient of every sample (sklearn.metrics.silhouette_samples, euclidean). */
export function silhouetteSamples(X: Input, labels: ArrayLike<Label>): Float64Array {
  const m = toMatrix(X);
  if (labels.length !== m.rows) {
    throw new AppError("INVALID_INPUT", `labels has ${labels.length} values but X has ${m.rows} rows`);
  }
  return silhouetteSamplesOf(m, labels);
}

function silhouetteSamplesOf(m: Matrix, labels: ArrayLike<Label>): Float64Array {
  const { rows: n, cols: d, data } = m;
  const index = new Map<Label, number>();
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = labels[i]!;
    let c = index.get(v);
    if (c === undefined) {
      c = index.size;
      index.set(v, c);
    }
    codes[i] = c;
  }
  const k = index.size;
  if (k < 2 || k > n - 1) {
    throw new AppError(
      "INVALID_INPUT",
      `The number of labels is ${k}; silhouette needs from 2 to n_samples - 1 (${n - 1}) labels`,
      [{ field: "labels", reason: `${k} distinct labels` }],
    );
  }
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) sizes[codes[i]!]! += 1;
  // sums[i*k + c]: total distance from sample i to the members of cluster c; each pair is computed once.
  const sums = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const io = i * d;
    const ci = codes[i]!;
    for (let j = i + 1; j < n; j++) {
      const jo = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[io + t]! - data[jo + t]!;
        s += diff * diff;
      }
      const dist = Math.sqrt(s);
      sums[i * k + codes[j]!]! += dist;
      sums[j * k + ci]! += dist;
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const own = codes[i]!;
    if (sizes[own]! <= 1) continue;
    const a = sums[i * k + own]! / (sizes[own]! - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      if (c === own) continue;
      const mean = sums[i * k + c]! / sizes[c]!;
      if (mean < b) b = mean;
    }
    const denom = Math.max(a, b);
    out[i] = denom > 0 ? (b - a) / denom : 0;
  }
  return out;
}
