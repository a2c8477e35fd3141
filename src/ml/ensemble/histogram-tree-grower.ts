import { type BinMapper, binUpperThreshold } from "./bin-mapper.js";
import { buildHistogram, type HistogramInput, HistogramPool, subtractHistogram } from "./gradient-histograms.js";
import { findHistogramSplit, HistogramSplit, type SplitFinderOptions } from "./histogram-split-finder.js";

/**
 * One fitted boosting tree: node i sends x to `left[i]` when x <= threshold[i] (NaN: left when missingGoLeft[i]),
 * leaves have left[i] === -1 and carry `value[i]` (already multiplied by the learning rate).
 */
export interface HistTree {
  readonly nodeCount: number;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly missingGoLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

/** Tree shape limits of scikit-learn's TreeGrower. */
export interface HistGrowOptions {
  /** null: no limit. */
  readonly maxLeafNodes: number | null;
  readonly maxDepth: number | null;
  readonly minSamplesLeaf: number;
  readonly l2Regularization: number;
  readonly learningRate: number;
}

interface GrowerNode {
  readonly depth: number;
  readonly start: number;
  readonly end: number;
  readonly sumGrad: number;
  readonly sumHess: number;
  readonly value: number;
  histogram: Float64Array | null;
  split: HistogramSplit | null;
  isLeaf: boolean;
  left: number;
  right: number;
}

/** scikit-learn's min_hessian_to_split. */
const MIN_HESSIAN = 1e-3;

/**
 * Grows boosting trees leaf-wise like scikit-learn's TreeGrower: the splittable leaf with the highest gain is split
 * next, until maxLeafNodes leaves, maxDepth, or no positive gain. The smaller child's histogram is built from its
 * rows, the larger child's by subtraction from the parent's; rows are partitioned in place (stably), and the
 * training raw predictions are updated from the leaves' rows directly.
 */
export class HistogramTreeGrower {
  private readonly input: HistogramInput;
  private readonly mapper: BinMapper;
  private readonly options: HistGrowOptions;
  private readonly finder: SplitFinderOptions;
  private readonly pool: HistogramPool;
  private readonly idx: Int32Array;
  private readonly scratch: Int32Array;
  private readonly orderedGrad: Float32Array;
  private readonly orderedHess: Float32Array;
  private nodes: GrowerNode[] = [];
  private splittable: number[] = [];
  private leafCount = 0;

  constructor(input: HistogramInput, mapper: BinMapper, hasMissing: Uint8Array, options: HistGrowOptions) {
    this.input = input;
    this.mapper = mapper;
    this.options = options;
    this.finder = {
      cols: input.cols,
      nBinsNonMissing: mapper.nBinsNonMissing,
      hasMissing,
      missingBin: mapper.missingBin,
      minSamplesLeaf: options.minSamplesLeaf,
      l2Regularization: options.l2Regularization,
      constantHessian: input.constantHessian,
    };
    this.pool = new HistogramPool(input.cols);
    this.idx = new Int32Array(input.rows);
    this.scratch = new Int32Array(input.rows);
    this.orderedGrad = new Float32Array(input.rows);
    this.orderedHess = new Float32Array(input.rows);
  }

  /** Grows a tree on the current input gradients and adds its leaf values to `raw` (one value per row). */
  grow(raw: Float64Array): HistTree {
    const { rows, grad, hess, constantHessian } = this.input;
    fillIdentity(this.idx, rows);
    this.nodes = [];
    this.splittable = [];
    this.leafCount = 0;
    const sumGrad = sum(grad, rows);
    const sumHess = constantHessian ? rows : sum(hess, rows);
    // scikit-learn starts the root at value 0: its gain is measured against no prediction at all.
    const root = this.addNode(0, 0, rows, sumGrad, sumHess, 0);
    if (rows < 2 * this.options.minSamplesLeaf || sumHess < MIN_HESSIAN) this.finalize(root);
    else {
      const node = this.nodes[root]!;
      node.histogram = this.pool.acquire();
      buildHistogram(node.histogram, this.input, this.idx, 0, rows, this.orderedGrad, this.orderedHess, true);
      this.splitOrFinalize(root);
    }
    while (this.splittable.length > 0) this.splitNext();
    return this.finish(raw);
  }

  private addNode(depth: number, start: number, end: number, sumGrad: number, sumHess: number, value: number) {
    this.nodes.push({
      depth,
      start,
      end,
      sumGrad,
      sumHess,
      value,
      histogram: null,
      split: null,
      isLeaf: false,
      left: -1,
      right: -1,
    });
    return this.nodes.length - 1;
  }

  private finalize(id: number): void {
    const node = this.nodes[id]!;
    node.isLeaf = true;
    this.leafCount++;
    if (node.histogram) {
      this.pool.release(node.histogram);
      node.histogram = null;
    }
  }

  /** Finds the node's best split; a node without a positive gain becomes a leaf. */
  private splitOrFinalize(id: number): void {
    const node = this.nodes[id]!;
    const split = new HistogramSplit();
    findHistogramSplit(
      node.histogram!,
      node.end - node.start,
      node.sumGrad,
      node.sumHess,
      node.value,
      this.finder,
      split,
    );
    if (split.gain <= 0) {
      this.finalize(id);
      return;
    }
    node.split = split;
    this.splittable.push(id);
  }

  private splitNext(): void {
    // The highest gain first (the earliest node on ties).
    let at = 0;
    for (let k = 1; k < this.splittable.length; k++) {
      if (this.nodes[this.splittable[k]!]!.split!.gain > this.nodes[this.splittable[at]!]!.split!.gain) at = k;
    }
    const id = this.splittable[at]!;
    this.splittable.splice(at, 1);
    const node = this.nodes[id]!;
    const split = node.split!;
    const pos = this.partition(node.start, node.end, split);
    const depth = node.depth + 1;
    const left = this.addNode(depth, node.start, pos, split.sumGradLeft, split.sumHessLeft, split.valueLeft);
    const right = this.addNode(depth, pos, node.end, split.sumGradRight, split.sumHessRight, split.valueRight);
    node.left = left;
    node.right = right;
    const nLeft = pos - node.start;
    const nRight = node.end - pos;
    // A feature never missing in training sends NaN at predict time to the child with more rows.
    if (this.finder.hasMissing[split.feature] !== 1) split.missingGoLeft = nLeft > nRight;
    const { maxLeafNodes, maxDepth, minSamplesLeaf } = this.options;
    const parentHistogram = node.histogram!;
    node.histogram = null;
    if (maxLeafNodes !== null && this.leafCount + this.splittable.length + 2 >= maxLeafNodes) {
      this.finalize(left);
      this.finalize(right);
      for (const other of this.splittable) this.finalize(other);
      this.splittable = [];
    } else if (maxDepth !== null && depth >= maxDepth) {
      this.finalize(left);
      this.finalize(right);
    } else {
      if (nLeft < 2 * minSamplesLeaf) this.finalize(left);
      if (nRight < 2 * minSamplesLeaf) this.finalize(right);
      const l = this.nodes[left]!;
      const r = this.nodes[right]!;
      if (!l.isLeaf || !r.isLeaf) {
        const [small, large] = nLeft < nRight ? [l, r] : [r, l];
        small.histogram = this.pool.acquire();
        buildHistogram(
          small.histogram,
          this.input,
          this.idx,
          small.start,
          small.end,
          this.orderedGrad,
          this.orderedHess,
          false,
        );
        if (!large.isLeaf) {
          large.histogram = this.pool.acquire();
          subtractHistogram(large.histogram, parentHistogram, small.histogram);
        }
        if (small.isLeaf) {
          this.pool.release(small.histogram);
          small.histogram = null;
        }
        if (!l.isLeaf) this.splitOrFinalize(left);
        if (!r.isLeaf) this.splitOrFinalize(right);
      }
    }
    this.pool.release(parentHistogram);
  }

  /** Stable in-place partition of the node's rows; returns where the right child starts. */
  private partition(start: number, end: number, split: HistogramSplit): number {
    const { idx, scratch } = this;
    const { binned, rows } = this.input;
    const l = splitRows(
      idx,
      start,
      end,
      binned,
      split.feature * rows,
      split.bin,
      this.mapper.missingBin,
      split.missingGoLeft,
      scratch,
    );
    // A builtin copy: a trailing loop would run unoptimised after the first loop's on-stack replacement.
    idx.set(scratch.subarray(0, end - l), l);
    return l;
  }

  /** The flat tree, with leaf values shrunk by the learning rate and added to the rows' raw predictions. */
  private finish(raw: Float64Array): HistTree {
    const n = this.nodes.length;
    const feature = new Int32Array(n);
    const threshold = new Float64Array(n);
    const missingGoLeft = new Uint8Array(n);
    const left = new Int32Array(n).fill(-1);
    const right = new Int32Array(n).fill(-1);
    const value = new Float64Array(n);
    const rate = this.options.learningRate;
    for (let id = 0; id < n; id++) {
      const node = this.nodes[id]!;
      if (node.isLeaf || !node.split) {
        const v = rate * node.value;
        value[id] = v;
        addToRows(raw, this.idx, node.start, node.end, v);
        continue;
      }
      feature[id] = node.split.feature;
      threshold[id] = binUpperThreshold(this.mapper, node.split.feature, node.split.bin);
      missingGoLeft[id] = node.split.missingGoLeft ? 1 : 0;
      left[id] = node.left;
      right[id] = node.right;
      value[id] = rate * node.value;
    }
    return { nodeCount: n, feature, threshold, missingGoLeft, left, right, value };
  }
}

// Loops of once-per-tree work live in their own small functions: inside a larger function, V8 would optimise them
// on-stack and then deoptimise on the untried code that follows, every time.

function fillIdentity(idx: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) idx[i] = i;
}

function sum(values: Float32Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i]!;
  return s;
}

function addToRows(raw: Float64Array, idx: Int32Array, start: number, end: number, v: number): void {
  for (let k = start; k < end; k++) raw[idx[k]!]! += v;
}

/** Rows with bin <= `bin` (or missing, when NaN goes left) move to the front in order; the rest wait in scratch. */
function splitRows(
  idx: Int32Array,
  start: number,
  end: number,
  binned: Uint8Array,
  col: number,
  bin: number,
  missingBin: number,
  nanLeft: boolean,
  scratch: Int32Array,
): number {
  let l = start;
  let r = 0;
  for (let k = start; k < end; k++) {
    const s = idx[k]!;
    const b = binned[col + s]!;
    if (b <= bin || (nanLeft && b === missingBin)) idx[l++] = s;
    else scratch[r++] = s;
  }
  return l;
}
