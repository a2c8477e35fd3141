import type { Matrix } from "../matrix.js";
import type { FlatTree } from "./flat-tree.js";

/**
 * Prediction with fitted trees. Children are stored side by side (right = left + 1), so the next node is
 * `left + (x > threshold)` with no branch to mispredict, and four rows walk a tree together so the processor
 * overlaps their memory reads. Rows are float32, the precision scikit-learn's trees compare features in; the
 * thresholds are midpoints of float32 values, so comparing a float32 row with them is exact.
 */

/** X as float32 rows. */
export function float32Rows(X: Matrix): Float32Array {
  return Float32Array.from(X.data);
}

/** The leaf one row (at `base` in row-major data) lands in. */
function leafOf(tree: FlatTree, data: Float32Array, base: number): number {
  const { feature, threshold, left } = tree;
  let node = 0;
  let l = left[0]!;
  while (l >= 0) {
    node = l + Number(data[base + feature[node]!]! > threshold[node]!);
    l = left[node]!;
  }
  return node;
}

/** The leaf each row of row-major float32 data (rows × cols) lands in. */
export function applyTree(tree: FlatTree, data: Float32Array, rows: number, cols: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) out[i] = leafOf(tree, data, i * cols);
  return out;
}

/** Adds `scale` × the leaf values of every row into `out` (rows × nOutputs): the inner loop of trees and forests. */
export function accumulateTree(
  tree: FlatTree,
  data: Float32Array,
  rows: number,
  cols: number,
  scale: number,
  out: Float64Array,
): void {
  const { feature, threshold, left, value, nOutputs: k } = tree;
  const root = left[0]!;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const b0 = i * cols;
    const b1 = b0 + cols;
    const b2 = b1 + cols;
    const b3 = b2 + cols;
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let n3 = 0;
    let l0 = root;
    let l1 = root;
    let l2 = root;
    let l3 = root;
    // Until all four rows reached a leaf (left -1: the sign bit survives the AND only when all are leaves).
    while ((l0 & l1 & l2 & l3) >= 0) {
      if (l0 >= 0) {
        n0 = l0 + Number(data[b0 + feature[n0]!]! > threshold[n0]!);
        l0 = left[n0]!;
      }
      if (l1 >= 0) {
        n1 = l1 + Number(data[b1 + feature[n1]!]! > threshold[n1]!);
        l1 = left[n1]!;
      }
      if (l2 >= 0) {
        n2 = l2 + Number(data[b2 + feature[n2]!]! > threshold[n2]!);
        l2 = left[n2]!;
      }
      if (l3 >= 0) {
        n3 = l3 + Number(data[b3 + feature[n3]!]! > threshold[n3]!);
        l3 = left[n3]!;
      }
    }
    const o = i * k;
    for (let c = 0; c < k; c++) {
      out[o + c]! += scale * value[n0 * k + c]!;
      out[o + k + c]! += scale * value[n1 * k + c]!;
      out[o + 2 * k + c]! += scale * value[n2 * k + c]!;
      out[o + 3 * k + c]! += scale * value[n3 * k + c]!;
    }
  }
  for (; i < rows; i++) {
    const v = leafOf(tree, data, i * cols) * k;
    for (let c = 0; c < k; c++) out[i * k + c]! += scale * value[v + c]!;
  }
}

/** Like accumulateTree (scale 1) for the first `count` listed rows only; `out` has a row per row of data. */
export function accumulateTreeAt(
  tree: FlatTree,
  data: Float32Array,
  cols: number,
  rowIndices: Int32Array,
  count: number,
  out: Float64Array,
): void {
  const { value, nOutputs: k } = tree;
  for (let r = 0; r < count; r++) {
    const i = rowIndices[r]!;
    const v = leafOf(tree, data, i * cols) * k;
    for (let c = 0; c < k; c++) out[i * k + c]! += value[v + c]!;
  }
}
