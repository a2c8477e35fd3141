import type { BestSplit, NodeTotals } from "./best-split.js";
import { complementImpurity, ENTROPY, entropyImpurity, GINI, midpoint } from "./split-criteria.js";
import type { TreeTrainingData } from "./tree-training-data.js";

/** What a split scan reads and updates: the tree's data and weights, the node's totals and the best split so far. */
export interface ScanContext {
  readonly data: TreeTrainingData;
  readonly criterion: number;
  readonly minLeaf: number;
  w: Float64Array;
  /** False when every weight is 1 (the weights are then not read). */
  weighted: boolean;
  /** Scratch for left-child class counts. */
  readonly left: Float64Array;
  readonly node: NodeTotals;
  readonly best: BestSplit;
}

/**
 * Scans a node's rows in ascending rank of feature f (position p holds row `rowsOf[off + p]` of rank
 * `keyBase + keys[off + p]`) for the best classification split: a split may fall between two different ranks,
 * leaves keep at least minLeaf rows, the highest proxy wins and ties keep the earlier split.
 */
export function scanClasses(
  ctx: ScanContext,
  f: number,
  keys: Int32Array,
  rowsOf: Int32Array,
  off: number,
  keyBase: number,
  start: number,
  end: number,
): void {
  const y = ctx.data.classes!;
  const { w, weighted, left, best, minLeaf } = ctx;
  const total = ctx.node.total;
  const wTotal = ctx.node.wNode;
  const k = ctx.data.nClasses;
  const gini = ctx.criterion === GINI;
  const binary = gini && k === 2;
  const total1 = binary ? total[1]! : 0;
  left.fill(0);
  let wL = 0;
  let l1 = 0;
  let bestProxy = best.proxy;
  let bestP = -1;
  let bestWL = 0;
  const last = end - 1;
  for (let p = start; p < last; p++) {
    const s = rowsOf[off + p]!;
    const ws = weighted ? w[s]! : 1;
    const c = y[s]!;
    wL += ws;
    if (binary) l1 += c * ws;
    else left[c]! += ws;
    if (keys[off + p + 1] === keys[off + p] || p + 1 - start < minLeaf) continue;
    if (end - p - 1 < minLeaf) break;
    const wR = wTotal - wL;
    let proxy: number;
    if (binary) {
      const l0 = wL - l1;
      const r1 = total1 - l1;
      const r0 = wR - r1;
      proxy = (l0 * l0 + l1 * l1) / wL + (r0 * r0 + r1 * r1) / wR;
    } else if (gini) {
      let sqL = 0;
      let sqR = 0;
      for (let j = 0; j < k; j++) {
        const cl = left[j]!;
        const cr = total[j]! - cl;
        sqL += cl * cl;
        sqR += cr * cr;
      }
      proxy = sqL / wL + sqR / wR;
    } else {
      proxy = -wL * entropyImpurity(left, 0, k, wL) - wR * complementImpurity(ENTROPY, total, left, k, wR);
    }
    if (proxy > bestProxy) {
      bestProxy = proxy;
      bestP = p;
      bestWL = wL;
      if (binary) {
        best.left[0] = wL - l1;
        best.left[1] = l1;
      } else best.left.set(left);
    }
  }
  if (bestP >= 0) {
    best.proxy = bestProxy;
    best.wL = bestWL;
    record(ctx, f, keys, off, keyBase, bestP);
  }
}

/** The regression counterpart of scanClasses (squared error: maximise sumL²/wL + sumR²/wR). */
export function scanTarget(
  ctx: ScanContext,
  f: number,
  keys: Int32Array,
  rowsOf: Int32Array,
  off: number,
  keyBase: number,
  start: number,
  end: number,
): void {
  const t = ctx.data.target!;
  const { w, weighted, best, minLeaf } = ctx;
  const wTotal = ctx.node.wNode;
  const sumTotal = ctx.node.sumNode;
  let wL = 0;
  let sumL = 0;
  let sqL = 0;
  let bestProxy = best.proxy;
  let bestP = -1;
  let bestWL = 0;
  let bestSumL = 0;
  let bestSqL = 0;
  const last = end - 1;
  for (let p = start; p < last; p++) {
    const s = rowsOf[off + p]!;
    const ws = weighted ? w[s]! : 1;
    const v = t[s]!;
    wL += ws;
    sumL += ws * v;
    sqL += ws * v * v;
    if (keys[off + p + 1] === keys[off + p] || p + 1 - start < minLeaf) continue;
    if (end - p - 1 < minLeaf) break;
    const sumR = sumTotal - sumL;
    const proxy = (sumL * sumL) / wL + (sumR * sumR) / (wTotal - wL);
    if (proxy > bestProxy) {
      bestProxy = proxy;
      bestP = p;
      bestWL = wL;
      bestSumL = sumL;
      bestSqL = sqL;
    }
  }
  if (bestP >= 0) {
    best.proxy = bestProxy;
    best.wL = bestWL;
    best.sumL = bestSumL;
    best.sqL = bestSqL;
    record(ctx, f, keys, off, keyBase, bestP);
  }
}

/** Records feature f split after position p: the threshold is halfway between the two neighbouring values. */
function record(ctx: ScanContext, f: number, keys: Int32Array, off: number, keyBase: number, p: number): void {
  const { best, data } = ctx;
  const fo = f * data.rows;
  const leftRank = keyBase + keys[off + p]!;
  const rightRank = keyBase + keys[off + p + 1]!;
  best.feature = f;
  best.pos = p + 1;
  best.bin = leftRank;
  best.threshold = midpoint(data.rankHigh[fo + leftRank]!, data.rankLow[fo + rightRank]!);
}
