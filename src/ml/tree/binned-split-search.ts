import type { BestSplit, NodeTotals } from "./best-split.js";
import { type FeatureBins, MAX_BINS } from "./feature-bins.js";
import type { ScanContext } from "./rank-scan.js";
import { splitByBin } from "./row-partition.js";
import { complementImpurity, entropyImpurity, FEATURE_THRESHOLD, GINI, midpoint } from "./split-criteria.js";

const TIE = FEATURE_THRESHOLD;

/**
 * Split search on large nodes from per-bin histograms instead of sorting: one pass over the node's rows per feature,
 * then a scan of at most 256 bins. Candidate thresholds are the midpoints between neighbouring non-empty bins (the
 * largest training value of one, the smallest of the next), so a feature with few distinct values is split exactly.
 */
export class BinnedSplitSearch {
  private readonly bins: FeatureBins;
  private readonly rows: number;
  private readonly classes: Int32Array | null;
  private readonly nClasses: number;
  private readonly target: Float64Array | null;
  /** Per bin: weighted class counts (classification) or weighted sum and sum of squares (regression). */
  private readonly histC: Float64Array;
  private readonly histS: Float64Array;
  private readonly histQ: Float64Array;
  private readonly histW: Float64Array;
  private readonly histN: Int32Array;
  private readonly left: Float64Array;

  constructor(
    bins: FeatureBins,
    rows: number,
    classes: Int32Array | null,
    nClasses: number,
    target: Float64Array | null,
  ) {
    this.bins = bins;
    this.rows = rows;
    this.classes = classes;
    this.nClasses = Math.max(1, nClasses);
    this.target = target;
    this.histC = new Float64Array(MAX_BINS * this.nClasses);
    this.histS = new Float64Array(MAX_BINS);
    this.histQ = new Float64Array(MAX_BINS);
    this.histW = new Float64Array(MAX_BINS);
    this.histN = new Int32Array(MAX_BINS);
    this.left = new Float64Array(this.nClasses);
  }

  /** Updates `best` with feature f's best bin boundary; false when the node's rows all share one bin. */
  evaluate(f: number, samples: Int32Array, start: number, end: number, ctx: ScanContext): boolean {
    const { w, weighted, minLeaf, criterion, node, best } = ctx;
    const nb = this.bins.nBins[f]!;
    const binned = this.bins.binned;
    const fo = f * this.rows;
    const { histW, histN } = this;
    histW.fill(0, 0, nb);
    histN.fill(0, 0, nb);
    const y = this.classes;
    if (y) {
      this.histC.fill(0, 0, nb * this.nClasses);
      classHistogram(binned, fo, samples, start, end, y, this.nClasses, w, weighted, this.histC, histW, histN);
    } else {
      this.histS.fill(0, 0, nb);
      this.histQ.fill(0, 0, nb);
      targetHistogram(binned, fo, samples, start, end, this.target!, w, weighted, this.histS, this.histQ, histW, histN);
    }
    let lo = 0;
    while (histN[lo] === 0) lo++;
    let hi = nb - 1;
    while (histN[hi] === 0) hi--;
    if (lo === hi) return false;
    if (y) this.scanClasses(f, lo, hi, start, end, minLeaf, criterion, node, best);
    else this.scanTarget(f, lo, hi, start, end, minLeaf, node, best);
    return true;
  }

  private scanClasses(
    f: number,
    lo: number,
    hi: number,
    start: number,
    end: number,
    minLeaf: number,
    criterion: number,
    node: NodeTotals,
    best: BestSplit,
  ): void {
    const { histC, histW, histN, left } = this;
    const k = this.nClasses;
    const total = node.total;
    const wTotal = node.wNode;
    const gini = criterion === GINI;
    const nNode = end - start;
    left.fill(0);
    let wL = 0;
    let nL = 0;
    for (let b = lo; b < hi; b++) {
      if (histN[b] === 0) continue;
      for (let j = 0; j < k; j++) left[j]! += histC[b * k + j]!;
      wL += histW[b]!;
      nL += histN[b]!;
      if (nL < minLeaf) continue;
      if (nNode - nL < minLeaf) break;
      const wR = wTotal - wL;
      let proxy: number;
      if (gini) {
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
        proxy = -wL * entropyImpurity(left, 0, k, wL) - wR * complementImpurity(criterion, total, left, k, wR);
      }
      if (proxy > best.proxy && this.record(f, b, start + nL, best)) {
        best.proxy = proxy;
        best.wL = wL;
        best.left.set(left);
      }
    }
  }

  private scanTarget(
    f: number,
    lo: number,
    hi: number,
    start: number,
    end: number,
    minLeaf: number,
    node: NodeTotals,
    best: BestSplit,
  ): void {
    const { histS, histQ, histW, histN } = this;
    const wTotal = node.wNode;
    const sumTotal = node.sumNode;
    const nNode = end - start;
    let wL = 0;
    let sumL = 0;
    let sqL = 0;
    let nL = 0;
    for (let b = lo; b < hi; b++) {
      if (histN[b] === 0) continue;
      wL += histW[b]!;
      sumL += histS[b]!;
      sqL += histQ[b]!;
      nL += histN[b]!;
      if (nL < minLeaf) continue;
      if (nNode - nL < minLeaf) break;
      const sumR = sumTotal - sumL;
      const proxy = (sumL * sumL) / wL + (sumR * sumR) / (wTotal - wL);
      if (proxy > best.proxy && this.record(f, b, start + nL, best)) {
        best.proxy = proxy;
        best.wL = wL;
        best.sumL = sumL;
        best.sqL = sqL;
      }
    }
  }

  /** Records the boundary after bin b as the best split, unless the neighbouring values are one value. */
  private record(f: number, b: number, pos: number, best: BestSplit): boolean {
    const histN = this.histN;
    let next = b + 1;
    while (histN[next] === 0) next++;
    const below = this.bins.upper[f * MAX_BINS + b]!;
    const above = this.bins.lower[f * MAX_BINS + next]!;
    if (above <= below + TIE) return false;
    best.feature = f;
    best.bin = b;
    best.pos = pos;
    best.threshold = midpoint(below, above);
    return true;
  }

  /** Moves the rows whose bin of `feature` is at most `bin` to the front of the node, keeping their order. */
  partition(samples: Int32Array, scratch: Int32Array, start: number, end: number, feature: number, bin: number): void {
    const l = splitByBin(samples, start, end, this.bins.binned, feature * this.rows, bin, scratch);
    samples.set(scratch.subarray(0, end - l), l);
  }
}

// The histogram loops are functions of their own: evaluate runs on few, large nodes, so V8 optimises these loops
// on-stack; with untried code after the loop in the same function it would deoptimise on every call.

function classHistogram(
  binned: Uint8Array,
  fo: number,
  samples: Int32Array,
  start: number,
  end: number,
  y: Int32Array,
  k: number,
  w: Float64Array,
  weighted: boolean,
  histC: Float64Array,
  histW: Float64Array,
  histN: Int32Array,
): void {
  for (let p = start; p < end; p++) {
    const s = samples[p]!;
    const b = binned[fo + s]!;
    const ws = weighted ? w[s]! : 1;
    histC[b * k + y[s]!]! += ws;
    histW[b]! += ws;
    histN[b]!++;
  }
}

function targetHistogram(
  binned: Uint8Array,
  fo: number,
  samples: Int32Array,
  start: number,
  end: number,
  t: Float64Array,
  w: Float64Array,
  weighted: boolean,
  histS: Float64Array,
  histQ: Float64Array,
  histW: Float64Array,
  histN: Int32Array,
): void {
  for (let p = start; p < end; p++) {
    const s = samples[p]!;
    const b = binned[fo + s]!;
    const ws = weighted ? w[s]! : 1;
    const v = t[s]!;
    histW[b]! += ws;
    histS[b]! += ws * v;
    histQ[b]! += ws * v * v;
    histN[b]!++;
  }
}
