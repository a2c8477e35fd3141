import type { HistTree } from "./histogram-tree-grower.js";

/**
 * The trees of a fitted boosting model concatenated into flat arrays (tree t's nodes start at `treeStart[t]`,
 * children are absolute node indices), iteration-major: tree t adds to raw output `t % nTreesPerIteration`.
 * One set of typed arrays makes prediction a tight loop and save/load exact.
 */
export interface BoostedTrees {
  readonly nTrees: number;
  readonly nTreesPerIteration: number;
  readonly treeStart: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly missingGoLeft: Uint8Array;
  /** -1 for leaves. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

/** Concatenates grown trees. */
export function concatTrees(trees: readonly HistTree[], nTreesPerIteration: number): BoostedTrees {
  let total = 0;
  for (const t of trees) total += t.nodeCount;
  const treeStart = new Int32Array(trees.length + 1);
  const feature = new Int32Array(total);
  const threshold = new Float64Array(total);
  const missingGoLeft = new Uint8Array(total);
  const left = new Int32Array(total);
  const right = new Int32Array(total);
  const value = new Float64Array(total);
  let at = 0;
  trees.forEach((t, k) => {
    treeStart[k] = at;
    feature.set(t.feature, at);
    threshold.set(t.threshold, at);
    missingGoLeft.set(t.missingGoLeft, at);
    value.set(t.value, at);
    for (let i = 0; i < t.nodeCount; i++) {
      left[at + i] = t.left[i]! < 0 ? -1 : t.left[i]! + at;
      right[at + i] = t.right[i]! < 0 ? -1 : t.right[i]! + at;
      // Prediction computes the right child as left + 1; the grower always creates the two children together.
      if (t.left[i]! >= 0 && t.right[i] !== t.left[i]! + 1) throw new Error("boosting tree children are not adjacent");
    }
    at += t.nodeCount;
  });
  treeStart[trees.length] = at;
  return { nTrees: trees.length, nTreesPerIteration, treeStart, feature, threshold, missingGoLeft, left, right, value };
}

/**
 * Adds the trees' outputs for every row of row-major data (rows × cols) to `raw` (rows × nTreesPerIteration,
 * row-major), starting at tree `from`. NaN goes where the split sent missing values. Trees are walked one at a
 * time over all rows (the tree stays in cache), four rows together so their memory reads overlap, and the next node
 * is `left + (x > threshold)` (the right child follows the left one) so there is no branch to mispredict.
 */
export function addTreeOutputs(
  model: BoostedTrees,
  data: Float64Array,
  rows: number,
  cols: number,
  raw: Float64Array,
  from = 0,
): void {
  const anyMissing = hasNaN(data);
  for (let t = from; t < model.nTrees; t++) {
    if (anyMissing) addTreeWithMissing(model, t, data, rows, cols, raw);
    else addTree(model, t, data, rows, cols, raw);
  }
}

function hasNaN(data: Float64Array): boolean {
  for (let p = 0; p < data.length; p++) if (Number.isNaN(data[p]!)) return true;
  return false;
}

function addTree(model: BoostedTrees, t: number, data: Float64Array, rows: number, cols: number, raw: Float64Array) {
  const { nTreesPerIteration: k, treeStart, feature, threshold, left, value } = model;
  const root = treeStart[t]!;
  const c = t % k;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const b0 = i * cols;
    const b1 = b0 + cols;
    const b2 = b1 + cols;
    const b3 = b2 + cols;
    let n0 = root;
    let n1 = root;
    let n2 = root;
    let n3 = root;
    let l0 = left[root]!;
    let l1 = l0;
    let l2 = l0;
    let l3 = l0;
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
    raw[i * k + c]! += value[n0]!;
    raw[(i + 1) * k + c]! += value[n1]!;
    raw[(i + 2) * k + c]! += value[n2]!;
    raw[(i + 3) * k + c]! += value[n3]!;
  }
  for (; i < rows; i++) {
    const base = i * cols;
    let node = root;
    let l = left[root]!;
    while (l >= 0) {
      node = l + Number(data[base + feature[node]!]! > threshold[node]!);
      l = left[node]!;
    }
    raw[i * k + c]! += value[node]!;
  }
}

/** As addTree, for data with NaN: a missing value goes right unless the split sends missing values left. */
function addTreeWithMissing(
  model: BoostedTrees,
  t: number,
  data: Float64Array,
  rows: number,
  cols: number,
  raw: Float64Array,
) {
  const { nTreesPerIteration: k, treeStart, feature, threshold, missingGoLeft, left, value } = model;
  const root = treeStart[t]!;
  const c = t % k;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    let node = root;
    let l = left[root]!;
    while (l >= 0) {
      const x = data[base + feature[node]!]!;
      const right = Number.isNaN(x) ? 1 - missingGoLeft[node]! : Number(x > threshold[node]!);
      node = l + right;
      l = left[node]!;
    }
    raw[i * k + c]! += value[node]!;
  }
}
