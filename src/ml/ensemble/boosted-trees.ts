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
    }
    at += t.nodeCount;
  });
  treeStart[trees.length] = at;
  return { nTrees: trees.length, nTreesPerIteration, treeStart, feature, threshold, missingGoLeft, left, right, value };
}

/**
 * Adds the trees' outputs for every row of row-major data (rows × cols) to `raw` (rows × nTreesPerIteration,
 * row-major), starting at tree `from`. NaN goes where the split sent missing values.
 */
export function addTreeOutputs(
  model: BoostedTrees,
  data: Float64Array,
  rows: number,
  cols: number,
  raw: Float64Array,
  from = 0,
): void {
  const { nTrees, nTreesPerIteration: k, treeStart, feature, threshold, missingGoLeft, left, right, value } = model;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    const out = i * k;
    for (let t = from; t < nTrees; t++) {
      let node = treeStart[t]!;
      let l = left[node]!;
      while (l >= 0) {
        const x = data[base + feature[node]!]!;
        node = x <= threshold[node]! || (missingGoLeft[node] === 1 && Number.isNaN(x)) ? l : right[node]!;
        l = left[node]!;
      }
      raw[out + (t % k)]! += value[node]!;
    }
  }
}
