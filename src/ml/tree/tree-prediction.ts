import type { Matrix } from "../matrix.js";
import { type FlatTree, TREE_LEAF } from "./flat-tree.js";

/**
 * Prediction with fitted trees. Each tree is repacked once (cached beside it, never saved) breadth first so the two
 * children of a node are neighbours: the next node is `child + (x > threshold)`, with no branch to mispredict. A
 * node is three 32-bit words in one buffer (feature, child, threshold as float32), so one cache line serves four
 * nodes, and four rows walk a tree together so the processor overlaps their memory reads.
 *
 * Thresholds are midpoints of float32 values and rows are compared as float32, so storing a threshold rounded down
 * to float32 keeps every comparison exact: for float32 x, x > t exactly when x > (largest float32 <= t).
 */
interface PackedTree {
  /** Per node [feature, child]: feature -1 for leaves; child is the left child's node (the right one follows), or
   * for a leaf its node in the FlatTree (its value row). */
  readonly words: Int32Array;
  /** The same buffer as float32: threshold of node p at 3p + 2. */
  readonly floats: Float32Array;
}

const packedTrees = new WeakMap<FlatTree, PackedTree>();
const bits = new Int32Array(1);
const asFloat = new Float32Array(bits.buffer);

/** The largest float32 not above t. */
function float32Below(t: number): number {
  const f = Math.fround(t);
  if (f <= t || !Number.isFinite(t)) return f;
  asFloat[0] = f;
  if (f > 0) bits[0]!--;
  else if (f < 0) bits[0]!++;
  else bits[0] = 0x80000001;
  return asFloat[0]!;
}

function packed(tree: FlatTree): PackedTree {
  const hit = packedTrees.get(tree);
  if (hit) return hit;
  const n = tree.nodeCount;
  const buffer = new ArrayBuffer(n * 12);
  const words = new Int32Array(buffer);
  const floats = new Float32Array(buffer);
  const order = new Int32Array(n);
  let next = 1;
  for (let pos = 0; pos < n; pos++) {
    const node = order[pos]!;
    const left = tree.left[node]!;
    if (left === TREE_LEAF) {
      words[3 * pos] = -1;
      words[3 * pos + 1] = node;
      continue;
    }
    words[3 * pos] = tree.feature[node]!;
    words[3 * pos + 1] = next;
    floats[3 * pos + 2] = float32Below(tree.threshold[node]!);
    order[next++] = left;
    order[next++] = tree.right[node]!;
  }
  const result = { words, floats };
  packedTrees.set(tree, result);
  return result;
}

/** X as float32, the precision scikit-learn's trees compare features in (thresholds are float32 midpoints). */
export function float32Rows(X: Matrix): Float32Array {
  return Float32Array.from(X.data);
}

/** The FlatTree node (leaf) each row of row-major float32 data (rows × cols) lands in. */
export function applyTree(tree: FlatTree, data: Float32Array, rows: number, cols: number): Int32Array {
  const { words, floats } = packed(tree);
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) out[i] = words[3 * leafOf(words, floats, data, i * cols) + 1]!;
  return out;
}

/** The packed leaf position one row (at `base` in data) lands in. */
function leafOf(words: Int32Array, floats: Float32Array, data: Float32Array, base: number): number {
  let o = 0;
  let f = words[0]!;
  while (f >= 0) {
    o = 3 * (words[o + 1]! + Number(data[base + f]! > floats[o + 2]!));
    f = words[o]!;
  }
  return o / 3;
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
  const { words, floats } = packed(tree);
  const { value, nOutputs: k } = tree;
  const root = words[0]!;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const b0 = i * cols;
    const b1 = b0 + cols;
    const b2 = b1 + cols;
    const b3 = b2 + cols;
    let o0 = 0;
    let o1 = 0;
    let o2 = 0;
    let o3 = 0;
    let f0 = root;
    let f1 = root;
    let f2 = root;
    let f3 = root;
    // Until all four rows reached a leaf (feature -1: the sign bit survives the AND only when all are leaves).
    while ((f0 & f1 & f2 & f3) >= 0) {
      if (f0 >= 0) {
        o0 = 3 * (words[o0 + 1]! + Number(data[b0 + f0]! > floats[o0 + 2]!));
        f0 = words[o0]!;
      }
      if (f1 >= 0) {
        o1 = 3 * (words[o1 + 1]! + Number(data[b1 + f1]! > floats[o1 + 2]!));
        f1 = words[o1]!;
      }
      if (f2 >= 0) {
        o2 = 3 * (words[o2 + 1]! + Number(data[b2 + f2]! > floats[o2 + 2]!));
        f2 = words[o2]!;
      }
      if (f3 >= 0) {
        o3 = 3 * (words[o3 + 1]! + Number(data[b3 + f3]! > floats[o3 + 2]!));
        f3 = words[o3]!;
      }
    }
    const o = i * k;
    const v0 = words[o0 + 1]! * k;
    const v1 = words[o1 + 1]! * k;
    const v2 = words[o2 + 1]! * k;
    const v3 = words[o3 + 1]! * k;
    for (let c = 0; c < k; c++) {
      out[o + c]! += scale * value[v0 + c]!;
      out[o + k + c]! += scale * value[v1 + c]!;
      out[o + 2 * k + c]! += scale * value[v2 + c]!;
      out[o + 3 * k + c]! += scale * value[v3 + c]!;
    }
  }
  for (; i < rows; i++) {
    const v = words[3 * leafOf(words, floats, data, i * cols) + 1]! * k;
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
  const { words, floats } = packed(tree);
  const { value, nOutputs: k } = tree;
  for (let r = 0; r < count; r++) {
    const i = rowIndices[r]!;
    const v = words[3 * leafOf(words, floats, data, i * cols) + 1]! * k;
    for (let c = 0; c < k; c++) out[i * k + c]! += value[v + c]!;
  }
}
