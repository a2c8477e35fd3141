/**
 * Per-node gradient histograms of histogram gradient boosting: for every feature and bin, the sum of gradients, the
 * sum of hessians and the row count, flat as `[(f * HIST_BINS + bin) * 3 + {0: g, 1: h, 2: count}]`. A node's
 * histogram is built from its rows (the smaller child), or is its parent's minus its sibling's (the larger child).
 */

/** Bins per feature in a histogram: up to 255 value bins and the missing-value bin. */
export const HIST_BINS = 256;
const STRIDE = HIST_BINS * 3;

/** Histogram buffers are reused across nodes and trees (a histogram is cols × 256 × 3 numbers). */
export class HistogramPool {
  private readonly size: number;
  private readonly free: Float64Array[] = [];

  constructor(cols: number) {
    this.size = cols * STRIDE;
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
 * Builds the histogram of the rows `idx[start, end)`. The rows' gradients and hessians are first copied in node
 * order into the `ordered` buffers so the loops read them sequentially, unless `allRows` (the root: idx is the
 * identity and the gradients are already in order). Features go four at a time: one pass over the rows loads each
 * row's index and gradients once for four histograms.
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
  let from = 0;
  if (!allRows) {
    gather(idx, start, end, g, orderedGrad);
    if (!constantHessian) gather(idx, start, end, h, orderedHess);
    g = orderedGrad;
    h = orderedHess;
    from = start;
  }
  let f = 0;
  for (; f + 4 <= cols; f += 4) {
    if (constantHessian) countFour(out, f * STRIDE, binned, f * rows, rows, idx, start, end, from, g);
    else sumFour(out, f * STRIDE, binned, f * rows, rows, idx, start, end, from, g, h);
  }
  for (; f < cols; f++) {
    if (constantHessian) countOne(out, f * STRIDE, binned, f * rows, idx, start, end, from, g);
    else sumOne(out, f * STRIDE, binned, f * rows, idx, start, end, from, g, h);
  }
}

/** out = parent − child, the histogram of child's sibling. */
export function subtractHistogram(out: Float64Array, parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = parent[i]! - child[i]!;
}

function gather(idx: Int32Array, start: number, end: number, from: Float32Array, to: Float32Array): void {
  for (let k = start; k < end; k++) to[k - start] = from[idx[k]!]!;
}

// The row loops: position k holds row idx[k], whose gradient is g[k - from] (from = start for gathered gradients,
// 0 at the root where g is indexed by row and idx is the identity).

function sumFour(
  out: Float64Array,
  base: number,
  binned: Uint8Array,
  col: number,
  rows: number,
  idx: Int32Array,
  start: number,
  end: number,
  from: number,
  g: Float32Array,
  h: Float32Array,
): void {
  const c1 = col + rows;
  const c2 = c1 + rows;
  const c3 = c2 + rows;
  const b1 = base + STRIDE;
  const b2 = b1 + STRIDE;
  const b3 = b2 + STRIDE;
  for (let k = start; k < end; k++) {
    const s = idx[k]!;
    const gk = g[k - from]!;
    const hk = h[k - from]!;
    const o0 = base + binned[col + s]! * 3;
    out[o0]! += gk;
    out[o0 + 1]! += hk;
    out[o0 + 2]!++;
    const o1 = b1 + binned[c1 + s]! * 3;
    out[o1]! += gk;
    out[o1 + 1]! += hk;
    out[o1 + 2]!++;
    const o2 = b2 + binned[c2 + s]! * 3;
    out[o2]! += gk;
    out[o2 + 1]! += hk;
    out[o2 + 2]!++;
    const o3 = b3 + binned[c3 + s]! * 3;
    out[o3]! += gk;
    out[o3 + 1]! += hk;
    out[o3 + 2]!++;
  }
}

/** sumFour for unit hessians: the count is the hessian sum. */
function countFour(
  out: Float64Array,
  base: number,
  binned: Uint8Array,
  col: number,
  rows: number,
  idx: Int32Array,
  start: number,
  end: number,
  from: number,
  g: Float32Array,
): void {
  const c1 = col + rows;
  const c2 = c1 + rows;
  const c3 = c2 + rows;
  const b1 = base + STRIDE;
  const b2 = b1 + STRIDE;
  const b3 = b2 + STRIDE;
  for (let k = start; k < end; k++) {
    const s = idx[k]!;
    const gk = g[k - from]!;
    const o0 = base + binned[col + s]! * 3;
    out[o0]! += gk;
    out[o0 + 2]!++;
    const o1 = b1 + binned[c1 + s]! * 3;
    out[o1]! += gk;
    out[o1 + 2]!++;
    const o2 = b2 + binned[c2 + s]! * 3;
    out[o2]! += gk;
    out[o2 + 2]!++;
    const o3 = b3 + binned[c3 + s]! * 3;
    out[o3]! += gk;
    out[o3 + 2]!++;
  }
}

function sumOne(
  out: Float64Array,
  base: number,
  binned: Uint8Array,
  col: number,
  idx: Int32Array,
  start: number,
  end: number,
  from: number,
  g: Float32Array,
  h: Float32Array,
): void {
  for (let k = start; k < end; k++) {
    const o = base + binned[col + idx[k]!]! * 3;
    out[o]! += g[k - from]!;
    out[o + 1]! += h[k - from]!;
    out[o + 2]!++;
  }
}

function countOne(
  out: Float64Array,
  base: number,
  binned: Uint8Array,
  col: number,
  idx: Int32Array,
  start: number,
  end: number,
  from: number,
  g: Float32Array,
): void {
  for (let k = start; k < end; k++) {
    const o = base + binned[col + idx[k]!]! * 3;
    out[o]! += g[k - from]!;
    out[o + 2]!++;
  }
}
