import { AppError, SeededRandom } from "../../core/index.js";
import { type HiddenActivation, multiplyByDerivative, type OutputActivation } from "./activations.js";
import { BatchWorkspace } from "./batch-workspace.js";
import {
  type ForwardBuffers,
  forward,
  forwardBuffers,
  forwardDoubles,
  initialParams,
  type NetworkLayout,
} from "./mlp-network.js";
import type { MlpParams } from "./mlp-params.js";
import { type LabelledRows, splitValidation, validationScore } from "./mlp-validation.js";
import { AdamOptimizer, SgdOptimizer, type StochasticOptimizer } from "./optimizers.js";

/**
 * What the network learns to predict: class codes through a softmax (multiclass log-loss), 0/1 through one
 * logistic unit (binary log-loss), or numbers through an identity unit (squared error / 2).
 */
export type TrainingTarget =
  | { readonly kind: "multiclass"; readonly codes: Int32Array; readonly nClasses: number }
  | { readonly kind: "binary"; readonly values: Float64Array }
  | { readonly kind: "regression"; readonly values: Float64Array };

/** What stochastic training produced (scikit-learn's fitted attributes). */
export interface TrainingResult {
  readonly params: Float64Array;
  readonly nIter: number;
  /** Samples seen (scikit-learn's t_). */
  readonly t: number;
  readonly loss: number;
  readonly lossCurve: Float64Array;
  /** Lowest training loss; null with early stopping (scikit-learn's best_loss_ is None then). */
  readonly bestLoss: number | null;
  /** Validation score per epoch with early stopping (accuracy or R²), else null. */
  readonly validationScores: Float64Array | null;
  readonly bestValidationScore: number | null;
}

/** The output activation that goes with a target kind. */
export function outputActivationFor(target: TrainingTarget): OutputActivation {
  return target.kind === "multiclass" ? "softmax" : target.kind === "binary" ? "logistic" : "identity";
}

const EPS = 2.220446049250313e-16;

/**
 * Trains the network with mini-batch Adam or SGD exactly as scikit-learn's _fit_stochastic does: Glorot init,
 * reshuffle each epoch, loss = data loss + α/2·Σw²/batch, stop after nIterNoChange epochs without improving the
 * training loss (or the validation score, with early stopping, keeping the best weights) by tol, or at maxIter.
 */
export function trainStochastic(
  X: Float64Array,
  n: number,
  layout: NetworkLayout,
  target: TrainingTarget,
  p: MlpParams,
): TrainingResult {
  const rng = new SeededRandom(p.seed);
  const hidden = p.activation as HiddenActivation;
  const output = outputActivationFor(target);
  const initial = initialParams(layout, hidden, rng);
  const nIn = layout.units[0]!;
  let train: LabelledRows = { X, n, target };
  let validation: LabelledRows | null = null;
  if (p.earlyStopping) {
    const split = splitValidation(X, n, nIn, target, p.validationFraction, rng);
    train = split.train;
    validation = split.validation;
  }
  const nTrain = train.n;
  const batchSize = p.batchSize === "auto" ? Math.min(200, nTrain) : Math.min(Math.max(p.batchSize, 1), nTrain);
  const pass = new BackwardPass(layout, hidden, output, p.alpha, batchSize, train.X);
  const optimizer: StochasticOptimizer =
    p.solver === "adam"
      ? new AdamOptimizer(pass.ws, layout.size, p.learningRateInit, p.beta1, p.beta2, p.epsilon)
      : new SgdOptimizer(layout.size, p.learningRateInit, p.learningRate, p.momentum, p.nesterovsMomentum, p.powerT);
  const params = pass.params;
  params.set(initial);
  const order = new Int32Array(nTrain);
  for (let i = 0; i < nTrain; i++) order[i] = i;
  const batchY = new Float64Array(batchSize);
  const batchCodes = new Int32Array(batchSize);

  const lossCurve: number[] = [];
  const validationScores: number[] = [];
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestValidation = Number.NEGATIVE_INFINITY;
  let bestParams: Float64Array | null = null;
  let noImprovement = 0;
  let nIter = 0;
  let t = 0;
  let loss = 0;
  for (let epoch = 0; epoch < p.maxIter; epoch++) {
    if (p.shuffle) rng.shuffle(order);
    let accumulated = 0;
    for (let start = 0; start < nTrain; start += batchSize) {
      const rows = Math.min(batchSize, nTrain - start);
      for (let r = 0; r < rows; r++) {
        const src = order[start + r]!;
        pass.gatherRow(src, r);
        if (train.target.kind === "multiclass") batchCodes[r] = train.target.codes[src]!;
        else batchY[r] = train.target.values[src]!;
      }
      const batchLoss = pass.run(rows, train.target.kind, batchCodes, batchY);
      accumulated += batchLoss * rows;
      optimizer.step(params, pass.grads);
    }
    nIter++;
    loss = accumulated / nTrain;
    t += nTrain;
    lossCurve.push(loss);
    if (validation) {
      const score = validationScore(layout, params, hidden, output, validation, pass.buffers);
      validationScores.push(score);
      noImprovement = score < bestValidation + p.tol ? noImprovement + 1 : 0;
      if (score > bestValidation) {
        bestValidation = score;
        bestParams = params.slice();
      }
    } else {
      noImprovement = loss > bestLoss - p.tol ? noImprovement + 1 : 0;
      if (loss < bestLoss) bestLoss = loss;
    }
    optimizer.iterationEnds(t);
    if (noImprovement > p.nIterNoChange) {
      if (optimizer.triggerStopping()) break;
      noImprovement = 0;
    }
  }
  // Copied out of the workspace so the fitted model does not keep the kernel's memory alive.
  const finalParams = validation && bestParams ? bestParams : params.slice();
  for (let q = 0; q < finalParams.length; q++) {
    if (!Number.isFinite(finalParams[q]!)) {
      throw new AppError(
        "INVALID_INPUT",
        "The solver produced non-finite weights: the input data may contain large values and need scaling",
      );
    }
  }
  return {
    params: finalParams,
    nIter,
    t,
    loss,
    lossCurve: Float64Array.from(lossCurve),
    bestLoss: validation ? null : bestLoss,
    validationScores: validation ? Float64Array.from(validationScores) : null,
    bestValidationScore: validation ? bestValidation : null,
  };
}

/**
 * Forward and backward passes over one mini-batch. The weights, gradients and every activation and error buffer
 * live in one workspace, allocated once per fit, so that the products run in place.
 */
class BackwardPass {
  readonly params: Float64Array;
  readonly grads: Float64Array;
  readonly buffers: ForwardBuffers;
  readonly ws: BatchWorkspace;
  private readonly deltas: Float64Array[];
  private readonly transposed: Float64Array;
  /** The training rows, copied into the workspace so a batch is gathered with native copies. */
  private readonly trainX: Float64Array;
  private readonly whole: Float64Array;

  constructor(
    private readonly layout: NetworkLayout,
    private readonly hidden: HiddenActivation,
    private readonly output: OutputActivation,
    private readonly alpha: number,
    batchSize: number,
    X: Float64Array,
  ) {
    const widest = Math.max(...layout.units);
    const transposedSize = (widest + 1) * Math.max(batchSize, widest);
    // The data, weights, gradients and Adam's two moments, activations and errors, one transposition buffer.
    const doubles = X.length + 4 * layout.size + 2 * forwardDoubles(layout, batchSize) + transposedSize;
    this.ws = new BatchWorkspace(doubles, 2 * layout.units.length + 6, Math.max(batchSize, widest + 1));
    this.trainX = this.ws.alloc(X.length);
    this.trainX.set(X);
    this.whole = this.ws.whole();
    this.params = this.ws.alloc(layout.size);
    this.grads = this.ws.alloc(layout.size);
    this.buffers = forwardBuffers(layout, batchSize, this.ws);
    this.deltas = layout.units.map((u) => this.ws.alloc(batchSize * u));
    this.transposed = this.ws.alloc(transposedSize);
  }

  /** Copies training row `src` to row `r` of the batch input. */
  gatherRow(src: number, r: number): void {
    const nIn = this.layout.units[0]!;
    const from = this.trainX.byteOffset / 8 + src * nIn;
    this.whole.copyWithin(this.buffers.activations[0]!.byteOffset / 8 + r * nIn, from, from + nIn);
  }

  /**
   * With the batch's rows in buffers.activations[0], computes the gradients into `grads` and returns the batch
   * loss (data loss + L2 term).
   */
  run(rows: number, kind: TrainingTarget["kind"], codes: Int32Array, y: Float64Array): number {
    const { layout, grads, deltas, transposed, params, ws } = this;
    const { units, coefOffsets, biasOffsets } = layout;
    const last = units.length - 1;
    const out = forward(layout, params, this.hidden, this.output, rows, this.buffers);
    const acts = this.buffers.activations;
    const nOut = units[last]!;
    const delta = deltas[last]!;
    let dataLoss = 0;
    if (kind === "multiclass") {
      for (let i = 0; i < rows; i++) {
        const o = i * nOut;
        for (let j = 0; j < nOut; j++) delta[o + j] = out[o + j]!;
        const c = o + codes[i]!;
        dataLoss -= Math.log(Math.min(Math.max(out[c]!, EPS), 1 - EPS));
        delta[c]! -= 1;
      }
      dataLoss /= rows;
    } else if (kind === "binary") {
      for (let i = 0; i < rows; i++) {
        const prob = Math.min(Math.max(out[i]!, EPS), 1 - EPS);
        dataLoss -= y[i] === 1 ? Math.log(prob) : Math.log(1 - prob);
        delta[i] = out[i]! - y[i]!;
      }
      dataLoss /= rows;
    } else {
      for (let i = 0; i < rows; i++) {
        const r = out[i]! - y[i]!;
        delta[i] = r;
        dataLoss += r * r;
      }
      dataLoss /= 2 * rows * nOut;
    }
    let sumSquares = 0;
    for (let l = 0; l < last; l++) {
      for (let q = coefOffsets[l]!; q < biasOffsets[l]!; q++) sumSquares += params[q]! * params[q]!;
    }
    const scale = 1 / rows;
    for (let l = last; l >= 1; l--) {
      const fanIn = units[l - 1]!;
      const fanOut = units[l]!;
      const d = deltas[l]!;
      const coefStart = coefOffsets[l - 1]!;
      const biasStart = biasOffsets[l - 1]!;
      const biasEnd = biasStart + fanOut;
      // [activationsᵀ; 1…1] · errors gives the weight gradient and, in its last row (the biases follow the weights
      // in the packed vector), the summed errors: the bias gradient. Transposing first lets the product skip zeros.
      ws.transpose(acts[l - 1]!, rows, fanIn, transposed);
      transposed.fill(1, fanIn * rows, (fanIn + 1) * rows);
      const block = grads.subarray(coefStart, biasEnd);
      block.fill(0);
      ws.addProduct(transposed, fanIn + 1, rows, d, fanOut, block);
      ws.scaleGradient(grads.subarray(coefStart, biasStart), params.subarray(coefStart, biasStart), this.alpha, scale);
      ws.scaleGradient(grads.subarray(biasStart, biasEnd), params.subarray(biasStart, biasEnd), 0, scale);
      if (l > 1) {
        // Errors of the layer below = errors · Wᵀ, as a product with Wᵀ so the same kernel runs.
        const prev = deltas[l - 1]!;
        ws.transpose(params.subarray(coefStart, biasStart), fanIn, fanOut, transposed);
        prev.fill(0, 0, rows * fanIn);
        ws.addProduct(d, rows, fanOut, transposed, fanIn, prev);
        if (this.hidden === "relu") ws.reluMask(acts[l - 1]!, prev, rows * fanIn);
        else multiplyByDerivative(this.hidden, acts[l - 1]!, prev, rows * fanIn);
      }
    }
    return dataLoss + (0.5 * this.alpha * sumSquares) / rows;
  }
}
