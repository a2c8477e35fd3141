/**
 * Per-node gradient histograms of histogram gradient boosting: for every feature and bin, the sum of gradients, the
 * sum of hessians and the row count, flat as `[(f * HIST_BINS + bin) * 3 + {0: g, 1: h, 2: count}]`. A node's
 * histogram is built from its rows (the smaller child), or is its parent's minus its sibling's (the larger child).
 */

/** Bins per feature in a histogram: up to 255 value bins and the missing-value bin. */
export const HIST_BINS = 256;

/** Histogram buffers are reused across nodes and trees (a histogram is cols × 256 × 3 numbers). */
export class HistogramPool {
  private readonly size: number;
  private readonly free: Float64Array[] = [];

  constructor(cols: number) {
    this.size = cols * HIST_BINS * 3;
  }

  acquire(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.size);
  }

  release(histogram: Float64Array): void {
    this.free.push(histogram);
  }
}

/** What histogram building reads: binned X column-major (cols × rows), and the current tree's gradients. */
export interface HistogramInput {
  readonly binned: Uint8Array;
  readonly rows: number;
  readonly cols: number;
  /** Replaced before each tree (one gradient vector per class for multiclass). */
  grad: Float32Array;
  hess: Float32Array;
  readonly constantHessian: boolean;
}

/**
 * Builds the histogram of the rows `idx[start, end)`. `ordered` buffers receive the rows' gradients and hessians in
 * node order first, so the per-feature loops read them sequentially. `allRows` means the node holds every row in
 * order (the root): gradients are read directly.
 */
export function buildHistogram(
  out: Float64Array,
  input: HistogramInput,
  idx: Int32Array,
  start: number,
  end: number,
  orderedGrad: Float32Array,
  orderedHess: Float32Array,
  allRows: boolean,
): void {
  const { binned, rows, cols, constantHessian } = input;
  out.fill(0);
  let g = input.grad;
  let h = input.hess;
  const n = end - start;
  if (!allRows) {
    for (let k = 0; k < n; k++) {
      const s = idx[start + k]!;
      orderedGrad[k] = g[s]!;
      if (!constantHessian) orderedHess[k] = h[s]!;
    }
    g = orderedGrad;
    h = orderedHess;
  }
  for (let f = 0; f < cols; f++) {
    const col = f * rows;
    const base = f * HIST_BINS * 3;
    if (allRows) {
      if (constantHessian) {
        for (let i = 0; i < n; i++) {
          const o = base + binned[col + i]! * 3;
          out[o]! += g[i]!;
          out[o + 2]!++;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const o = base + binned[col + i]! * 3;
          out[o]! += g[i]!;
          out[o + 1]! += h[i]!;
          out[o + 2]!++;
        }
      }
    } else if (constantHessian) {
      for (let k = 0; k < n; k++) {
        const o = base + binned[col + idx[start + k]!]! * 3;
        out[o]! += g[k]!;
        out[o + 2]!++;
      }
    } else {
      for (let k = 0; k < n; k++) {
        const o = base + binned[col + idx[start + k]!]! * 3;
        out[o]! += g[k]!;
        out[o + 1]! += h[k]!;
        out[o + 2]!++;
      }
    }
  }
}

/** out = parent − child, the histogram of child's sibling. */
export function subtractHistogram(out: Float64Array, parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = parent[i]! - child[i]!;
}
