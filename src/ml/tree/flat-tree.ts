/**
 * A fitted decision tree as flat typed arrays (scikit-learn's `tree_`): node i splits on `feature[i]` at
 * `threshold[i]` (x <= threshold goes to `left[i]`), leaves have `left[i] === -1`. Like scikit-learn, feature
 * values are compared as float32 (thresholds are midpoints of float32 values), so thresholds match its own.
 * Nodes are numbered breadth first with the two children of a node side by side (right = left + 1), which
 * prediction (tree-prediction.ts) relies on. Typed arrays make predict a tight
 * loop and save/load exact.
 */
export interface FlatTree {
  readonly nodeCount: number;
  /** Values per node: class probabilities (classifiers) or the mean target (regressors, 1). */
  readonly nOutputs: number;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** nodeCount × nOutputs, row-major. */
  readonly value: Float64Array;
  readonly impurity: Float64Array;
  readonly nNodeSamples: Int32Array;
  readonly weightedNNodeSamples: Float64Array;
}

/** Marks a leaf in `left`/`right` (scikit-learn's TREE_LEAF). */
export const TREE_LEAF = -1;
/** The feature and threshold of a leaf (scikit-learn's TREE_UNDEFINED). */
export const TREE_UNDEFINED = -2;

/** A tree under construction: typed arrays that double when full, trimmed by `finish`. */
export class TreeBuffer {
  nodeCount = 0;
  private capacity: number;
  private readonly nOutputs: number;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  impurity: Float64Array;
  nNodeSamples: Int32Array;
  weightedNNodeSamples: Float64Array;

  constructor(nOutputs: number, capacity = 64) {
    this.nOutputs = nOutputs;
    this.capacity = capacity;
    this.feature = new Int32Array(capacity);
    this.threshold = new Float64Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.value = new Float64Array(capacity * nOutputs);
    this.impurity = new Float64Array(capacity);
    this.nNodeSamples = new Int32Array(capacity);
    this.weightedNNodeSamples = new Float64Array(capacity);
  }

  /** Appends a node (as a leaf; `setSplit` turns it into a split) and links it to its parent; returns its id. */
  addNode(parent: number, isLeft: boolean, impurity: number, nSamples: number, weightedNSamples: number): number {
    if (this.nodeCount === this.capacity) this.grow();
    const id = this.nodeCount++;
    if (parent >= 0) {
      if (isLeft) this.left[parent] = id;
      else this.right[parent] = id;
    }
    this.feature[id] = TREE_UNDEFINED;
    this.threshold[id] = TREE_UNDEFINED;
    this.left[id] = TREE_LEAF;
    this.right[id] = TREE_LEAF;
    this.impurity[id] = impurity;
    this.nNodeSamples[id] = nSamples;
    this.weightedNNodeSamples[id] = weightedNSamples;
    return id;
  }

  setSplit(id: number, feature: number, threshold: number): void {
    this.feature[id] = feature;
    this.threshold[id] = threshold;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    const grown = <T extends Int32Array | Float64Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.feature = grown(this.feature, cap);
    this.threshold = grown(this.threshold, cap);
    this.left = grown(this.left, cap);
    this.right = grown(this.right, cap);
    this.value = grown(this.value, cap * this.nOutputs);
    this.impurity = grown(this.impurity, cap);
    this.nNodeSamples = grown(this.nNodeSamples, cap);
    this.weightedNNodeSamples = grown(this.weightedNNodeSamples, cap);
    this.capacity = cap;
  }

  /**
   * The finished tree, renumbered breadth first so each node's two children are neighbours (right = left + 1):
   * prediction then steps to `left + (x > threshold)` without a branch, and the top levels share cache lines.
   */
  finish(): FlatTree {
    const n = this.nodeCount;
    const k = this.nOutputs;
    const order = new Int32Array(n);
    const position = new Int32Array(n);
    let next = 1;
    for (let pos = 0; pos < n; pos++) {
      const old = order[pos]!;
      position[old] = pos;
      if (this.left[old] === TREE_LEAF) continue;
      order[next++] = this.left[old]!;
      order[next++] = this.right[old]!;
    }
    const tree = {
      nodeCount: n,
      nOutputs: k,
      feature: new Int32Array(n),
      threshold: new Float64Array(n),
      left: new Int32Array(n),
      right: new Int32Array(n),
      value: new Float64Array(n * k),
      impurity: new Float64Array(n),
      nNodeSamples: new Int32Array(n),
      weightedNNodeSamples: new Float64Array(n),
    };
    for (let pos = 0; pos < n; pos++) {
      const old = order[pos]!;
      tree.feature[pos] = this.feature[old]!;
      tree.threshold[pos] = this.threshold[old]!;
      const l = this.left[old]!;
      tree.left[pos] = l === TREE_LEAF ? TREE_LEAF : position[l]!;
      tree.right[pos] = l === TREE_LEAF ? TREE_LEAF : position[this.right[old]!]!;
      tree.value.set(this.value.subarray(old * k, old * k + k), pos * k);
      tree.impurity[pos] = this.impurity[old]!;
      tree.nNodeSamples[pos] = this.nNodeSamples[old]!;
      tree.weightedNNodeSamples[pos] = this.weightedNNodeSamples[old]!;
    }
    return tree;
  }
}

/** Impurity decrease per feature, weighted by the samples reaching each split, not normalised. */
export function impurityDecrease(tree: FlatTree, nFeatures: number): Float64Array {
  const { feature, left, right, impurity, weightedNNodeSamples: w } = tree;
  const out = new Float64Array(nFeatures);
  for (let node = 0; node < tree.nodeCount; node++) {
    const l = left[node]!;
    if (l === TREE_LEAF) continue;
    const r = right[node]!;
    out[feature[node]!]! += w[node]! * impurity[node]! - w[l]! * impurity[l]! - w[r]! * impurity[r]!;
  }
  const root = w[0]!;
  for (let f = 0; f < nFeatures; f++) out[f]! /= root;
  return out;
}

/** Scales non-negative numbers to sum to 1 (all zeros stay zeros), as scikit-learn normalises importances. */
export function normaliseInPlace(values: Float64Array): Float64Array {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  if (total > 0) for (let i = 0; i < values.length; i++) values[i]! /= total;
  return values;
}

/** Depth of the deepest leaf (a lone root has depth 0). */
export function treeDepth(tree: FlatTree): number {
  const depth = new Int32Array(tree.nodeCount);
  let max = 0;
  // Children always come after their parent, so one forward pass suffices.
  for (let node = 0; node < tree.nodeCount; node++) {
    const l = tree.left[node]!;
    if (l === TREE_LEAF) {
      if (depth[node]! > max) max = depth[node]!;
      continue;
    }
    depth[l] = depth[node]! + 1;
    depth[tree.right[node]!] = depth[node]! + 1;
  }
  return max;
}

/** Number of leaves. */
export function leafCount(tree: FlatTree): number {
  let n = 0;
  for (let node = 0; node < tree.nodeCount; node++) if (tree.left[node] === TREE_LEAF) n++;
  return n;
}
