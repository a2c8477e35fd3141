import type { SeededRandom } from "../../core/index.js";
import { BestSplit, type NodeTotals } from "./best-split.js";
import { BinnedSplitSearch } from "./binned-split-search.js";
import { type FlatTree, TreeBuffer } from "./flat-tree.js";
import { classTotals, targetTotals } from "./node-totals.js";
import { type ScanContext, scanClasses, scanTarget } from "./rank-scan.js";
import { gatherRanks, RankSorter, shiftKeys } from "./rank-sort.js";
import { flagRows, splitByFlag, splitByRank } from "./row-partition.js";
import { classImpurity, complementImpurity, IMPURITY_EPSILON, squaredErrorImpurity } from "./split-criteria.js";
import type { TreeTrainingData } from "./tree-training-data.js";

/** Stopping rules and feature sampling of one tree (scikit-learn's DepthFirstTreeBuilder + BestSplitter). */
export interface GrowOptions {
  /** GINI, ENTROPY or SQUARED_ERROR from split-criteria. */
  readonly criterion: number;
  /** Infinity for no limit. */
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  /** Features to examine per node, already resolved to a count in 1..cols. */
  readonly maxFeatures: number;
  readonly minImpurityDecrease: number;
}

/** How a node's splits are searched (see TreeDataLayout). */
const RANKED = 0;
const PRESORTED = 1;
const BINNED = 2;
/** Presorted nodes at or below this many rows switch to sorting ranks (partitioning every column costs more). */
const PRESORTED_MIN_ROWS = 32;
/** Nodes above this many rows are searched on bins when the data is binned. */
const BINNED_MIN_ROWS = 1024;
const PURE = IMPURITY_EPSILON;

/**
 * Grows best-split trees depth first, with scikit-learn's semantics: thresholds halfway between consecutive distinct
 * values, the first best split wins, pure or too-small nodes become leaves, and with maxFeatures < cols the features
 * are drawn at random per node until maxFeatures were drawn and one of them was not constant.
 *
 * Small nodes sort their rows by rank per examined feature (linear time). Large nodes either keep presorted
 * per-feature row orders and stably partition them (exact, no sorting; for single trees that examine every feature)
 * or, when the data is binned, build per-bin histograms (thresholds only between bins; for forests). Buffers are
 * allocated once per grower, so a forest reuses them for every tree, and nodes allocate nothing.
 */
export class TreeGrower {
  private readonly data: TreeTrainingData;
  private readonly options: GrowOptions;
  /** Above this many rows a node reads ranks column by column; below, row records stay in cache across features. */
  private readonly columnGatherRows: number;
  private readonly binnedSearch: BinnedSplitSearch | null;
  /** Presorted layout: per feature (stride m), the node's rows in value order and their ranks. */
  private readonly idx: Int32Array;
  private readonly rk: Int32Array;
  private readonly scratch: Int32Array;
  private readonly scratchRanks: Int32Array;
  private readonly goLeft: Uint8Array;
  /** The rows of ranked and binned nodes, kept in ascending row order so gathers walk memory forward. */
  private readonly samples: Int32Array;
  private readonly keys: Int32Array;
  /** The node's rows in the order of the feature being scanned. */
  private readonly items: Int32Array;
  private readonly rankSorter: RankSorter;
  private readonly features: Int32Array;
  private readonly unitWeights: Float64Array;
  private readonly best: BestSplit;
  private readonly node: NodeTotals;
  private readonly scan: ScanContext;
  private readonly sums = new Float64Array(2);
  private readonly lowest = new Int32Array(1);
  private m = 0;
  private wRoot = 0;

  constructor(data: TreeTrainingData, options: GrowOptions) {
    this.data = data;
    this.options = options;
    const { rows, cols } = data;
    this.columnGatherRows = Math.max(256, rows >>> 6);
    this.binnedSearch = data.bins
      ? new BinnedSplitSearch(data.bins, rows, data.classes, data.nClasses, data.target)
      : null;
    const presorted = data.order !== null;
    this.idx = new Int32Array(presorted ? rows * cols : 0);
    this.rk = new Int32Array(presorted ? rows * cols : 0);
    this.scratchRanks = new Int32Array(presorted ? rows : 0);
    this.goLeft = new Uint8Array(presorted ? rows : 0);
    this.scratch = new Int32Array(rows);
    this.samples = new Int32Array(rows);
    this.keys = new Int32Array(rows);
    this.items = new Int32Array(rows);
    this.rankSorter = new RankSorter(rows);
    this.features = new Int32Array(cols);
    this.unitWeights = new Float64Array(rows).fill(1);
    const k = Math.max(1, data.nClasses);
    this.best = new BestSplit(k);
    this.node = { wNode: 0, sumNode: 0, sqNode: 0, total: new Float64Array(k) };
    this.scan = {
      data,
      criterion: options.criterion,
      minLeaf: options.minSamplesLeaf,
      w: this.unitWeights,
      weighted: false,
      left: new Float64Array(k),
      node: this.node,
      best: this.best,
    };
  }

  /** One tree on the rows with a positive weight (null: every row, weight 1). */
  grow(weights: Float64Array | null, rng: SeededRandom): FlatTree {
    const { rows, cols, order } = this.data;
    const w = weights ?? this.unitWeights;
    this.scan.w = w;
    this.scan.weighted = weights !== null;
    let m = 0;
    for (let i = 0; i < rows; i++) if (w[i]! > 0) this.samples[m++] = i;
    this.m = m;
    if (order) {
      const { idx, rk } = this;
      const rankColumns = this.data.rankColumns;
      for (let f = 0; f < cols; f++) {
        let k = f * m;
        const fo = f * rows;
        const end = fo + rows;
        for (let j = fo; j < end; j++) {
          const s = order[j]!;
          if (w[s]! > 0) {
            idx[k] = s;
            rk[k++] = rankColumns[fo + s]!;
          }
        }
      }
    }
    for (let f = 0; f < cols; f++) this.features[f] = f;
    return this.build(rng);
  }

  private build(rng: SeededRandom): FlatTree {
    const { maxDepth, minSamplesSplit, minSamplesLeaf, minImpurityDecrease, criterion } = this.options;
    const nClasses = this.data.nClasses;
    const classification = this.data.classes !== null;
    const { node, best } = this;
    const tree = new TreeBuffer(classification ? nClasses : 1);
    const rootMode = this.binnedSearch ? BINNED : this.data.order ? PRESORTED : RANKED;
    // Stack entries: start, end, depth, parent, isLeft, impurity, mode.
    const stack: number[] = [0, this.m, 0, -1, 0, Number.POSITIVE_INFINITY, rootMode];
    let first = true;
    while (stack.length > 0) {
      let mode = stack.pop()!;
      let impurity = stack.pop()!;
      const isLeft = stack.pop()! === 1;
      const parent = stack.pop()!;
      const depth = stack.pop()!;
      const end = stack.pop()!;
      const start = stack.pop()!;
      const nNode = end - start;
      if (mode === PRESORTED && nNode <= PRESORTED_MIN_ROWS) {
        for (let p = start; p < end; p++) this.samples[p] = this.idx[p]!;
        mode = RANKED;
      } else if (mode === BINNED && nNode <= BINNED_MIN_ROWS) mode = RANKED;
      this.nodeStats(mode === PRESORTED ? this.idx : this.samples, start, end);
      if (first) {
        this.wRoot = node.wNode;
        impurity = classification
          ? classImpurity(criterion, node.total, nClasses, node.wNode)
          : squaredErrorImpurity(node.sumNode, node.sqNode, node.wNode);
        first = false;
      }
      let isLeaf = depth >= maxDepth || nNode < minSamplesSplit || nNode < 2 * minSamplesLeaf || impurity <= PURE;
      let impLeft = 0;
      let impRight = 0;
      if (!isLeaf) {
        this.findBestSplit(mode, start, end, rng);
        if (best.pos >= end || best.feature < 0) isLeaf = true;
        else {
          const wL = best.wL;
          const wR = node.wNode - wL;
          if (classification) {
            impLeft = classImpurity(criterion, best.left, nClasses, wL);
            impRight = complementImpurity(criterion, node.total, best.left, nClasses, wR);
          } else {
            impLeft = squaredErrorImpurity(best.sumL, best.sqL, wL);
            impRight = squaredErrorImpurity(node.sumNode - best.sumL, node.sqNode - best.sqL, wR);
          }
          const improvement =
            (node.wNode / this.wRoot) * (impurity - (wR / node.wNode) * impRight - (wL / node.wNode) * impLeft);
          if (improvement + PURE < minImpurityDecrease) isLeaf = true;
        }
      }
      const id = tree.addNode(parent, isLeft, impurity, nNode, node.wNode);
      if (classification) {
        for (let k = 0; k < nClasses; k++) tree.value[id * nClasses + k] = node.total[k]! / node.wNode;
      } else tree.value[id] = node.sumNode / node.wNode;
      if (isLeaf) continue;
      tree.setSplit(id, best.feature, best.threshold);
      const pos = best.pos;
      if (mode === PRESORTED) this.partitionPresorted(start, pos, end);
      else if (mode === BINNED)
        this.binnedSearch!.partition(this.samples, this.scratch, start, end, best.feature, best.bin);
      else this.partitionRanked(start, end);
      stack.push(pos, end, depth + 1, id, 0, impRight, mode);
      stack.push(start, pos, depth + 1, id, 1, impLeft, mode);
    }
    return tree.finish();
  }

  /** Weighted class counts, or weighted sum and sum of squares, of the node's rows. */
  private nodeStats(rowsOf: Int32Array, start: number, end: number): void {
    const node = this.node;
    const y = this.data.classes;
    if (y) node.wNode = classTotals(rowsOf, start, end, y, this.scan.w, node.total);
    else {
      node.wNode = targetTotals(rowsOf, start, end, this.data.target!, this.scan.w, this.sums);
      node.sumNode = this.sums[0]!;
      node.sqNode = this.sums[1]!;
    }
  }

  private findBestSplit(mode: number, start: number, end: number, rng: SeededRandom): void {
    this.best.reset(end);
    const cols = this.data.cols;
    const maxFeatures = this.options.maxFeatures;
    if (maxFeatures >= cols) {
      for (let f = 0; f < cols; f++) this.evaluateFeature(f, mode, start, end);
      return;
    }
    const features = this.features;
    let remaining = cols;
    let visited = 0;
    let constant = 0;
    while (remaining > 0 && (visited < maxFeatures || visited <= constant)) {
      const j = rng.int(remaining);
      remaining--;
      const f = features[j]!;
      features[j] = features[remaining]!;
      features[remaining] = f;
      visited++;
      if (!this.evaluateFeature(f, mode, start, end)) constant++;
    }
  }

  /** Scans every split of feature f in the node; false when the feature is constant there. */
  private evaluateFeature(f: number, mode: number, start: number, end: number): boolean {
    if (mode === RANKED) return this.evaluateRanked(f, start, end);
    if (mode === PRESORTED) {
      const base = f * this.m;
      const rk = this.rk;
      if (rk[base + end - 1] === rk[base + start]) return false;
      this.scanInOrder(f, rk, this.idx, base, 0, start, end);
      return true;
    }
    return this.binnedSearch!.evaluate(f, this.samples, start, end, this.scan);
  }

  /** Sorts the node's rows by their rank in feature f (linear-time sort), then scans them. */
  private evaluateRanked(f: number, start: number, end: number): boolean {
    const { keys, items, samples, lowest } = this;
    const { rows, cols } = this.data;
    const range =
      end - start > this.columnGatherRows
        ? gatherRanks(samples, start, end, this.data.rankColumns, 1, f * rows, keys, items, lowest)
        : gatherRanks(samples, start, end, this.data.ranks, cols, f, keys, items, lowest);
    if (range === 0) return false;
    const lo = lowest[0]!;
    shiftKeys(keys, start, end, lo);
    this.rankSorter.sort(keys, items, start, end, range);
    this.scanInOrder(f, keys, items, 0, lo, start, end);
    return true;
  }

  /** Scans rows in rank order: position p holds row `rowsOf[off + p]` of rank `keyBase + keys[off + p]`. */
  private scanInOrder(
    f: number,
    keys: Int32Array,
    rowsOf: Int32Array,
    off: number,
    keyBase: number,
    start: number,
    end: number,
  ): void {
    if (this.data.classes) scanClasses(this.scan, f, keys, rowsOf, off, keyBase, start, end);
    else scanTarget(this.scan, f, keys, rowsOf, off, keyBase, start, end);
  }

  /** Splits every presorted column's segment stably: the best feature's first rows go left. */
  private partitionPresorted(start: number, pos: number, end: number): void {
    const { idx, rk, goLeft, scratch, scratchRanks } = this;
    const m = this.m;
    const bf = this.best.feature;
    flagRows(goLeft, idx, bf * m + start, bf * m + pos, 1);
    flagRows(goLeft, idx, bf * m + pos, bf * m + end, 0);
    const cols = this.data.cols;
    for (let f = 0; f < cols; f++) {
      if (f === bf) continue;
      const base = f * m;
      const l = splitByFlag(idx, rk, base + start, base + end, goLeft, scratch, scratchRanks);
      const r = base + end - l;
      idx.set(scratch.subarray(0, r), l);
      rk.set(scratchRanks.subarray(0, r), l);
    }
  }

  /** Splits the node's rows stably at the best rank (the last one going left), keeping ascending row order. */
  private partitionRanked(start: number, end: number): void {
    const { samples, scratch } = this;
    const { rows, cols } = this.data;
    const f = this.best.feature;
    const cut = this.best.bin;
    const l =
      end - start > this.columnGatherRows
        ? splitByRank(samples, start, end, this.data.rankColumns, 1, f * rows, cut, scratch)
        : splitByRank(samples, start, end, this.data.ranks, cols, f, cut, scratch);
    samples.set(scratch.subarray(0, end - l), l);
  }
}
