import { z } from "zod";
import { SeededRandom } from "../../core/index.js";
import type { Matrix } from "../matrix.js";
import { fitAndBin } from "./bin-mapper.js";
import { addTreeOutputs, type BoostedTrees, concatTrees } from "./boosted-trees.js";
import type { BoostingLoss } from "./boosting-loss.js";
import type { HistogramInput } from "./gradient-histograms.js";
import { HistogramTreeGrower, type HistTree } from "./histogram-tree-grower.js";
import { trainValidationSplit } from "./train-validation-split.js";

/** The params HistGradientBoostingClassifier and Regressor share (scikit-learn 1.2 names and defaults). */
export const boostingParamsShape = {
  learningRate: z.number().positive().default(0.1),
  maxIter: z.number().int().min(1).default(100),
  maxLeafNodes: z.number().int().min(2).nullable().default(31),
  maxDepth: z.number().int().min(1).nullable().default(null),
  minSamplesLeaf: z.number().int().min(1).default(20),
  l2Regularization: z.number().min(0).default(0),
  maxBins: z.number().int().min(2).max(255).default(255),
  /** "auto": on when there are more than 10 000 rows. */
  earlyStopping: z.union([z.literal("auto"), z.boolean()]).default("auto"),
  /** Share of rows held out to score early stopping; null scores on the training rows. */
  validationFraction: z.number().gt(0).lt(1).nullable().default(0.1),
  nIterNoChange: z.number().int().min(1).default(10),
  tol: z.number().min(0).default(1e-7),
  seed: z.number().int().default(0),
};

/** The parsed shared params (see boostingParamsShape). */
export interface BoostingParams {
  readonly learningRate: number;
  readonly maxIter: number;
  readonly maxLeafNodes: number | null;
  readonly maxDepth: number | null;
  readonly minSamplesLeaf: number;
  readonly l2Regularization: number;
  readonly maxBins: number;
  readonly earlyStopping: "auto" | boolean;
  readonly validationFraction: number | null;
  readonly nIterNoChange: number;
  readonly tol: number;
  readonly seed: number;
}

/** What a boosting fit learned. */
export interface BoostedModel {
  readonly nFeatures: number;
  /** Raw prediction before any tree, one per tree of an iteration. */
  readonly baseline: Float64Array;
  readonly trees: BoostedTrees;
  /** Boosting iterations run (fewer than maxIter when early stopping stopped them). */
  readonly nIter: number;
  /** Minus the loss on the validation (or training) rows before the first and after each iteration; empty without early stopping. */
  readonly validationScores: Float64Array;
}

/**
 * scikit-learn's HistGradientBoosting fit: X binned once (at most maxBins quantile bins per feature, NaN in its own
 * bin), then per iteration the loss gradients and one histogram tree per class, grown leaf-wise; with early stopping
 * a validation share is held out (stratified for classifiers) and fitting stops once the last nIterNoChange scores
 * did not beat the score before them by more than tol. `lossFor(rows)` builds the loss on those rows' targets.
 */
export function fitGradientBoosting(
  X: Matrix,
  lossFor: (rows: Int32Array) => BoostingLoss,
  weights: Float64Array | null,
  strata: Int32Array | null,
  params: BoostingParams,
): BoostedModel {
  const n = X.rows;
  const rng = new SeededRandom(params.seed);
  const early = params.earlyStopping === "auto" ? n > 10_000 : params.earlyStopping;
  let trainRows: Int32Array;
  let validationRows: Int32Array | null = null;
  if (early && params.validationFraction !== null) {
    ({ train: trainRows, validation: validationRows } = trainValidationSplit(
      n,
      params.validationFraction,
      strata,
      rng,
    ));
  } else {
    trainRows = new Int32Array(n);
    for (let i = 0; i < n; i++) trainRows[i] = i;
  }
  const Xtrain = trainRows.length === n ? X : X.selectRows(trainRows);
  const nTrain = Xtrain.rows;
  const pick = (w: Float64Array | null, rows: Int32Array) => (w ? Float64Array.from(rows, (i) => w[i]!) : null);
  const wTrain = pick(weights, trainRows);
  const { mapper, binned } = fitAndBin(Xtrain, params.maxBins, rng);
  const hasMissing = new Uint8Array(X.cols);
  for (let f = 0; f < X.cols; f++) {
    for (let i = f * nTrain; i < (f + 1) * nTrain; i++) {
      if (binned[i] === mapper.missingBin) {
        hasMissing[f] = 1;
        break;
      }
    }
  }

  const loss = lossFor(trainRows);
  const k = loss.nTreesPerIteration;
  const baseline = loss.baseline(wTrain);
  const raw = new Float64Array(k * nTrain);
  for (let c = 0; c < k; c++) raw.fill(baseline[c]!, c * nTrain, (c + 1) * nTrain);
  const grad = new Float32Array(k * nTrain);
  const hess = new Float32Array(k * nTrain);
  const input: HistogramInput = {
    binned,
    rows: nTrain,
    cols: X.cols,
    grad,
    hess,
    constantHessian: loss.constantHessian,
  };
  const grower = new HistogramTreeGrower(input, mapper, hasMissing, params);

  const monitor = early ? new EarlyStopping(X, validationRows, lossFor, weights, baseline, raw, wTrain, loss) : null;
  const trees: HistTree[] = [];
  let nIter = 0;
  for (let iter = 0; iter < params.maxIter; iter++) {
    loss.gradients(raw, grad, hess, wTrain);
    for (let c = 0; c < k; c++) {
      input.grad = grad.subarray(c * nTrain, (c + 1) * nTrain);
      input.hess = hess.subarray(c * nTrain, (c + 1) * nTrain);
      trees.push(grower.grow(raw.subarray(c * nTrain, (c + 1) * nTrain)));
    }
    nIter = iter + 1;
    if (monitor?.shouldStop(trees, k, params)) break;
  }
  return {
    nFeatures: X.cols,
    baseline,
    trees: concatTrees(trees, k),
    nIter,
    validationScores: Float64Array.from(monitor?.scores ?? []),
  };
}

/** Scores each iteration on the held-out rows (or the training rows) as minus the loss; scikit-learn's rule. */
class EarlyStopping {
  readonly scores: number[] = [];
  private readonly Xval: Matrix | null;
  private readonly loss: BoostingLoss;
  private readonly raw: Float64Array;
  private readonly w: Float64Array | null;
  private readonly rowMajor: Float64Array | null;

  constructor(
    X: Matrix,
    validationRows: Int32Array | null,
    lossFor: (rows: Int32Array) => BoostingLoss,
    weights: Float64Array | null,
    baseline: Float64Array,
    trainRaw: Float64Array,
    trainWeights: Float64Array | null,
    trainLoss: BoostingLoss,
  ) {
    if (validationRows) {
      this.Xval = X.selectRows(validationRows);
      this.loss = lossFor(validationRows);
      const k = baseline.length;
      const n = validationRows.length;
      this.raw = new Float64Array(k * n);
      for (let c = 0; c < k; c++) this.raw.fill(baseline[c]!, c * n, (c + 1) * n);
      this.w = weights ? Float64Array.from(validationRows, (i) => weights[i]!) : null;
      this.rowMajor = new Float64Array(k * n);
    } else {
      this.Xval = null;
      this.loss = trainLoss;
      this.raw = trainRaw;
      this.w = trainWeights;
      this.rowMajor = null;
    }
    this.scores.push(-this.loss.loss(this.raw, this.w));
  }

  shouldStop(trees: readonly HistTree[], k: number, params: BoostingParams): boolean {
    if (this.Xval && this.rowMajor) {
      // Add the new iteration's trees to the held-out raw predictions (stored tree by tree, like training).
      const n = this.Xval.rows;
      const last = concatTrees(trees.slice(trees.length - k), k);
      this.rowMajor.fill(0);
      addTreeOutputs(last, this.Xval.data, n, this.Xval.cols, this.rowMajor);
      addTransposed(this.raw, this.rowMajor, n, k);
    }
    this.scores.push(-this.loss.loss(this.raw, this.w));
    const ref = params.nIterNoChange + 1;
    if (this.scores.length < ref) return false;
    const reference = this.scores[this.scores.length - ref]! + params.tol;
    for (let j = this.scores.length - ref + 1; j < this.scores.length; j++)
      if (this.scores[j]! > reference) return false;
    return true;
  }
}

/** raw[c · n + i] += rowMajor[i · k + c]: row-major tree outputs into the tree-by-tree layout of training. */
function addTransposed(raw: Float64Array, rowMajor: Float64Array, n: number, k: number): void {
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) raw[c * n + i]! += rowMajor[i * k + c]!;
}

/** Raw predictions (rows × nTreesPerIteration, row-major) of a fitted model. */
export function predictRaw(model: BoostedModel, X: Matrix): Float64Array {
  const k = model.trees.nTreesPerIteration;
  const raw = new Float64Array(X.rows * k);
  for (let i = 0; i < X.rows; i++) for (let c = 0; c < k; c++) raw[i * k + c] = model.baseline[c]!;
  addTreeOutputs(model.trees, X.data, X.rows, X.cols, raw);
  return raw;
}
