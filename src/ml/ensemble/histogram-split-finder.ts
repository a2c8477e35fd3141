import { HIST_BINS } from "./gradient-histograms.js";

/** The best split of a node found on its histogram (scikit-learn's SplitInfo). */
export class HistogramSplit {
  /** Loss reduction; -1 when no split satisfies the constraints. */
  gain = -1;
  feature = -1;
  /** Last bin going left. */
  bin = 0;
  missingGoLeft = false;
  sumGradLeft = 0;
  sumHessLeft = 0;
  countLeft = 0;
  sumGradRight = 0;
  sumHessRight = 0;
  countRight = 0;
  valueLeft = 0;
  valueRight = 0;
}

/** Constraints and layout shared by every split search of a fit. */
export interface SplitFinderOptions {
  readonly cols: number;
  readonly nBinsNonMissing: Int32Array;
  /** Features with missing values in the training data: both directions for NaN are tried. */
  readonly hasMissing: Uint8Array;
  readonly missingBin: number;
  readonly minSamplesLeaf: number;
  readonly l2Regularization: number;
  readonly constantHessian: boolean;
}

/** scikit-learn's min_hessian_to_split. */
const MIN_HESSIAN = 1e-3;

/** A node's value −G / (H + λ): the Newton step (shrinkage is applied later). */
export function nodeValue(sumGrad: number, sumHess: number, l2: number): number {
  return -sumGrad / (sumHess + l2 + 1e-15);
}

/**
 * The best split over every feature and bin of a node (scikit-learn's Splitter.find_node_split): bins are scanned
 * left to right with NaN going right and, for features with missing values, right to left with NaN going left; a
 * split needs minSamplesLeaf rows and a minimal hessian on both sides, and the first highest positive gain wins.
 * `value` is the node's current value (0 for the root, as in scikit-learn), so gain = loss(node) − loss(children).
 */
export function findHistogramSplit(
  hist: Float64Array,
  count: number,
  sumGrad: number,
  sumHess: number,
  value: number,
  options: SplitFinderOptions,
  out: HistogramSplit,
): void {
  const { cols, nBinsNonMissing, hasMissing, minSamplesLeaf, l2Regularization: l2, constantHessian } = options;
  out.gain = -1;
  out.feature = -1;
  const lossNode = sumGrad * value;
  for (let f = 0; f < cols; f++) {
    const base = f * HIST_BINS * 3;
    const nb = nBinsNonMissing[f]!;
    const missing = hasMissing[f] === 1;
    // Left to right, NaN (if any) on the right.
    let gL = 0;
    let hL = 0;
    let nL = 0;
    const end = nb - 1 + (missing ? 1 : 0);
    for (let b = 0; b < end; b++) {
      const o = base + b * 3;
      nL += hist[o + 2]!;
      hL += constantHessian ? hist[o + 2]! : hist[o + 1]!;
      gL += hist[o]!;
      const nR = count - nL;
      const hR = sumHess - hL;
      if (nL < minSamplesLeaf) continue;
      if (nR < minSamplesLeaf) break;
      if (hL < MIN_HESSIAN) continue;
      if (hR < MIN_HESSIAN) break;
      const gR = sumGrad - gL;
      const gain = lossNode + (gL * gL) / (hL + l2 + 1e-15) + (gR * gR) / (hR + l2 + 1e-15);
      if (gain > out.gain && gain > 0) record(out, f, b, false, gain, gL, hL, nL);
    }
    if (!missing) continue;
    // Right to left, NaN on the left.
    let gR = 0;
    let hR = 0;
    let nR = 0;
    for (let b = nb - 2; b >= 0; b--) {
      const o = base + (b + 1) * 3;
      nR += hist[o + 2]!;
      hR += constantHessian ? hist[o + 2]! : hist[o + 1]!;
      gR += hist[o]!;
      const nLeft = count - nR;
      const hLeft = sumHess - hR;
      if (nR < minSamplesLeaf) continue;
      if (nLeft < minSamplesLeaf) break;
      if (hR < MIN_HESSIAN) continue;
      if (hLeft < MIN_HESSIAN) break;
      const gLeft = sumGrad - gR;
      const gain = lossNode + (gLeft * gLeft) / (hLeft + l2 + 1e-15) + (gR * gR) / (hR + l2 + 1e-15);
      if (gain > out.gain && gain > 0) record(out, f, b, true, gain, gLeft, hLeft, nLeft);
    }
  }
  if (out.feature < 0) return;
  out.sumGradRight = sumGrad - out.sumGradLeft;
  out.sumHessRight = sumHess - out.sumHessLeft;
  out.countRight = count - out.countLeft;
  out.valueLeft = nodeValue(out.sumGradLeft, out.sumHessLeft, l2);
  out.valueRight = nodeValue(out.sumGradRight, out.sumHessRight, l2);
}

function record(
  out: HistogramSplit,
  f: number,
  bin: number,
  missingGoLeft: boolean,
  gain: number,
  gL: number,
  hL: number,
  nL: number,
): void {
  out.gain = gain;
  out.feature = f;
  out.bin = bin;
  out.missingGoLeft = missingGoLeft;
  out.sumGradLeft = gL;
  out.sumHessLeft = hL;
  out.countLeft = nL;
}
