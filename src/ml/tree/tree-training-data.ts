import type { Matrix } from "../matrix.js";
import { allocateBins, binSortedColumn, type FeatureBins } from "./feature-bins.js";
import { sortPairs } from "./sort-pairs.js";
import { FEATURE_THRESHOLD } from "./split-criteria.js";

/**
 * Training data laid out once per fit for split search, and shared by every tree of a forest: each row's rank among each feature's distinct values (nodes sort integer ranks in linear time instead of comparing
 * values), and, for large nodes, either per-feature row orders (never sort) or quantile bins (build histograms).
 */
export interface TreeTrainingData {
  readonly rows: number;
  readonly cols: number;
  /**
   * Rank of row i's value among feature f's distinct values at `i * cols + f` (row-major: a small node's rows are
   * gathered once for all the features it examines). Values closer than FEATURE_THRESHOLD to the previous one share
   * its rank (scikit-learn never splits between them).
   */
  readonly ranks: Int32Array;
  /** The same ranks column-major (`f * rows + i`): large nodes stream one column instead of every row's record. */
  readonly rankColumns: Int32Array;
  /** Smallest and largest value of rank r of feature f at `f * rows + r` (thresholds fall between ranks). */
  readonly rankLow: Float64Array;
  readonly rankHigh: Float64Array;
  /** "presorted": per feature, the row indices in ascending value order (cols × rows), else null. */
  readonly order: Int32Array | null;
  /** "presorted": per feature, the values in that order (cols × rows), else null. */
  readonly sortedValues: Float64Array | null;
  /** "binned": quantile bins for histogram split search on large nodes, else null. */
  readonly bins: FeatureBins | null;
  /** Class codes in 0..nClasses-1 for classification, else null. */
  readonly classes: Int32Array | null;
  readonly nClasses: number;
  /** Regression targets, else null. */
  readonly target: Float64Array | null;
}

/**
 * How large nodes are searched; small nodes are always split exactly by sorting ranks. "presorted" stably
 * partitions per-feature row orders (exact; best when every feature is examined, as in a single tree), "ranked"
 * sorts ranks at every node (exact; best when few features are drawn per node), "binned" builds histograms on
 * quantile bins (thresholds only between bins; the fastest for forests on many rows).
 */
export type TreeDataLayout = "presorted" | "ranked" | "binned";

/**
 * The layout for trees examining `maxFeatures` of `cols` features per split: most features → presorted rows (exact,
 * no sorting); few features → ranks sorted per node, with large nodes on quantile bins when `binned`.
 */
export function layoutFor(maxFeatures: number, cols: number, binned: boolean): TreeDataLayout {
  if (maxFeatures * 2 >= cols) return "presorted";
  return binned ? "binned" : "ranked";
}

/** Builds the ranks of X and what the layout needs. */
export function prepareTreeData(
  X: Matrix,
  y: { classes: Int32Array; nClasses: number } | { target: Float64Array },
  layout: TreeDataLayout,
): TreeTrainingData {
  const { rows, cols, data } = X;
  const ranks = new Int32Array(rows * cols);
  const rankColumns = new Int32Array(rows * cols);
  const rankLow = new Float64Array(rows * cols);
  const rankHigh = new Float64Array(rows * cols);
  const presorted = layout === "presorted";
  const order = presorted ? new Int32Array(rows * cols) : null;
  const sortedValues = presorted ? new Float64Array(rows * cols) : null;
  const bins = layout === "binned" ? allocateBins(rows, cols) : null;
  const values = new Float64Array(rows);
  const idx = new Int32Array(rows);
  for (let f = 0; f < cols; f++) {
    const fo = f * rows;
    for (let i = 0; i < rows; i++) {
      // scikit-learn fits and predicts trees on float32 copies of X; so do we, for identical thresholds.
      values[i] = Math.fround(data[i * cols + f]!);
      idx[i] = i;
    }
    sortPairs(values, idx, 0, rows);
    sortedValues?.set(values, fo);
    order?.set(idx, fo);
    if (bins) binSortedColumn(bins, f, values, idx);
    let rank = 0;
    rankLow[fo] = values[0]!;
    for (let i = 0; i < rows; i++) {
      if (i > 0 && values[i]! > values[i - 1]! + FEATURE_THRESHOLD) {
        rankHigh[fo + rank] = values[i - 1]!;
        rank++;
        rankLow[fo + rank] = values[i]!;
      }
      ranks[idx[i]! * cols + f] = rank;
      rankColumns[fo + idx[i]!] = rank;
    }
    rankHigh[fo + rank] = values[rows - 1]!;
  }
  const base = { rows, cols, ranks, rankColumns, rankLow, rankHigh, order, sortedValues, bins };
  if ("target" in y) return { ...base, classes: null, nClasses: 0, target: y.target };
  return { ...base, classes: y.classes, nClasses: y.nClasses, target: null };
}
