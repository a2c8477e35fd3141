import type { Matrix } from "../matrix.js";
import { type FlatTree, TREE_LEAF } from "./flat-tree.js";

/**
 * Prediction with fitted trees. Each tree is repacked once (cached beside it, never saved) breadth first so the two
 * children of a node are neighbours: the next node is `child + (x > threshold)`, with no branch to mispredict, and
 * four rows walk the tree together so the processor overlaps their memory reads.
 */
interface PackedTree {
  /** -1 for leaves. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  /** Internal node: the left child (the right one follows it). Leaf: its node in the FlatTree (its value row). */
  readonly child: Int32Array;
}

const packedTrees = new WeakMap<FlatTree, PackedTree>();

function packed(tree: FlatTree): PackedTree {
  const hit = packedTrees.get(tree);
  if (hit) return hit;
  const n = tree.nodeCount;
  const feature = new Int32Array(n);
  const threshold = new Float64Array(n);
  const child = new Int32Array(n);
  const order = new Int32Array(n);
  let next = 1;
  for (let pos = 0; pos < n; pos++) {
    const node = order[pos]!;
    const left = tree.left[node]!;
    if (left === TREE_LEAF) {
      feature[pos] = -1;
      child[pos] = node;
      continue;
    }
    feature[pos] = tree.feature[node]!;
    threshold[pos] = tree.threshold[node]!;
    child[pos] = next;
    order[next++] = left;
    order[next++] = tree.right[node]!;
  }
  const result = { feature, threshold, child };
  packedTrees.set(tree, result);
  return result;
}

/** X as float32, the precision scikit-learn's trees compare features in (thresholds are float32 midpoints). */
export function float32Rows(X: Matrix): Float32Array {
  return Float32Array.from(X.data);
}

/** The FlatTree node (leaf) each row of row-major float32 data (rows × cols) lands in. */
export function applyTree(tree: FlatTree, data: Float32Array, rows: number, cols: number): Int32Array {
  const { feature, threshold, child } = packed(tree);
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    let node = 0;
    let f = feature[0]!;
    while (f >= 0) {
      node = child[node]! + Number(data[base + f]! > threshold[node]!);
      f = feature[node]!;
    }
    out[i] = child[node]!;
  }
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
  const { feature, threshold, child } = packed(tree);
  const { value, nOutputs: k } = tree;
  const root = feature[0]!;
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
    let f0 = root;
    let f1 = root;
    let f2 = root;
    let f3 = root;
    // Until all four rows reached a leaf (feature -1: the sign bit survives the AND only when all are leaves).
    while ((f0 & f1 & f2 & f3) >= 0) {
      if (f0 >= 0) {
        n0 = child[n0]! + Number(data[b0 + f0]! > threshold[n0]!);
        f0 = feature[n0]!;
      }
      if (f1 >= 0) {
        n1 = child[n1]! + Number(data[b1 + f1]! > threshold[n1]!);
        f1 = feature[n1]!;
      }
      if (f2 >= 0) {
        n2 = child[n2]! + Number(data[b2 + f2]! > threshold[n2]!);
        f2 = feature[n2]!;
      }
      if (f3 >= 0) {
        n3 = child[n3]! + Number(data[b3 + f3]! > threshold[n3]!);
        f3 = feature[n3]!;
      }
    }
    const o = i * k;
    const v0 = child[n0]! * k;
    const v1 = child[n1]! * k;
    const v2 = child[n2]! * k;
    const v3 = child[n3]! * k;
    for (let c = 0; c < k; c++) {
      out[o + c]! += scale * value[v0 + c]!;
      out[o + k + c]! += scale * value[v1 + c]!;
      out[o + 2 * k + c]! += scale * value[v2 + c]!;
      out[o + 3 * k + c]! += scale * value[v3 + c]!;
    }
  }
  for (; i < rows; i++) {
    const base = i * cols;
    let node = 0;
    let f = root;
    while (f >= 0) {
      node = child[node]! + Number(data[base + f]! > threshold[node]!);
      f = feature[node]!;
    }
    const v = child[node]! * k;
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
  const { feature, threshold, child } = packed(tree);
  const { value, nOutputs: k } = tree;
  for (let r = 0; r < count; r++) {
    const i = rowIndices[r]!;
    const base = i * cols;
    let node = 0;
    let f = feature[0]!;
    while (f >= 0) {
      node = child[node]! + Number(data[base + f]! > threshold[node]!);
      f = feature[node]!;
    }
    const v = child[node]! * k;
    for (let c = 0; c < k; c++) out[i * k + c]! += value[v + c]!;
  }
}
