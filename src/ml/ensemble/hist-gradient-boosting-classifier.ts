import { z } from "zod";
import { AppError } from "../../core/index.js";
import { BaseEstimator, type Classifier, type Input, type Label, type Target } from "../estimator.js";
import { Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { accuracyFromProba, labelsFromProba } from "../tree/class-probabilities.js";
import { classSampleWeights, classWeightSchema } from "../tree/tree-params.js";
import { checkNotEmpty, checkWidth, encodeLabels, toMatrix } from "../validation.js";
import type { BoostedTrees } from "./boosted-trees.js";
import { HalfBinomialLoss, HalfMultinomialLoss, sigmoid } from "./boosting-loss.js";
import { type BoostedModel, boostingParamsShape, fitGradientBoosting, predictRaw } from "./gradient-boosting-fit.js";

const paramsSchema = z
  .object({
    loss: z.literal("log_loss").default("log_loss"),
    ...boostingParamsShape,
    classWeight: classWeightSchema.default(null),
  })
  .strict();

/** HistGradientBoostingClassifier params (scikit-learn 1.2 names in camelCase, same defaults). */
export type HistGradientBoostingClassifierParams = z.infer<typeof paramsSchema>;

interface Fitted extends BoostedModel {
  readonly classes: Label[];
}

/**
 * Histogram-based gradient boosting for classification (scikit-learn's HistGradientBoostingClassifier): binary log
 * loss with one tree per iteration, or multinomial with one tree per class per iteration and a softmax; NaN is
 * handled as a missing value.
 */
export class HistGradientBoostingClassifier
  extends BaseEstimator<HistGradientBoostingClassifierParams, Fitted>
  implements Classifier<HistGradientBoostingClassifierParams>
{
  static override readonly kind = "HistGradientBoostingClassifier";
  static override readonly version = 1;

  constructor(params: Partial<HistGradientBoostingClassifierParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, y?: Target): this {
    const m = toMatrix(X, { allowNaN: true });
    checkNotEmpty(m.rows);
    const { classes, codes } = encodeLabels(y, m.rows);
    if (classes.length < 2) {
      throw new AppError("INVALID_INPUT", `y has a single class (${String(classes[0])}); a classifier needs two`, [
        { field: "y", reason: "only one class" },
      ]);
    }
    const k = classes.length;
    const lossFor = (rows: Int32Array) => {
      const sub = Int32Array.from(rows, (i) => codes[i]!);
      return k === 2 ? new HalfBinomialLoss(sub) : new HalfMultinomialLoss(sub, k);
    };
    const weights = classSampleWeights(this.params.classWeight, classes, codes);
    this.fitted = { ...fitGradientBoosting(m, lossFor, weights, codes, this.params), classes };
    return this;
  }

  predict(X: Input): Label[] {
    return labelsFromProba(this.predictProba(X), this.requireFitted().classes);
  }

  /** Sigmoid (binary) or softmax (multiclass) of the raw predictions. */
  predictProba(X: Input): Matrix {
    const f = this.requireFitted();
    const raw = this.raw(X);
    const k = f.classes.length;
    const n = raw.length / f.trees.nTreesPerIteration;
    const out = new Matrix(n, k);
    if (k === 2) {
      for (let i = 0; i < n; i++) {
        const p = sigmoid(raw[i]!);
        out.data[2 * i] = 1 - p;
        out.data[2 * i + 1] = p;
      }
      return out;
    }
    for (let i = 0; i < n; i++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) max = Math.max(max, raw[i * k + c]!);
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const e = Math.exp(raw[i * k + c]! - max);
        out.data[i * k + c] = e;
        sum += e;
      }
      for (let c = 0; c < k; c++) out.data[i * k + c]! /= sum;
    }
    return out;
  }

  /** Raw predictions: the log-odds of the second class (binary), or one column per class (multiclass). */
  decisionFunction(X: Input): Float64Array | Matrix {
    const f = this.requireFitted();
    const raw = this.raw(X);
    const k = f.trees.nTreesPerIteration;
    return k === 1 ? raw : new Matrix(raw.length / k, k, raw);
  }

  score(X: Input, y: Target): number {
    return accuracyFromProba(this.predictProba(X), this.requireFitted().classes, y);
  }

  get classes(): readonly Label[] {
    return this.requireFitted().classes;
  }

  /** The fitted trees' flat arrays (read only). */
  get trees(): BoostedTrees {
    return this.requireFitted().trees;
  }

  /** Boosting iterations run (fewer than maxIter when early stopping stopped them). */
  get nIter(): number {
    return this.requireFitted().nIter;
  }

  /** Minus the loss on the held-out rows before the first and after each iteration (early stopping only). */
  get validationScores(): Float64Array {
    return this.requireFitted().validationScores.slice();
  }

  private raw(X: Input): Float64Array {
    const f = this.requireFitted();
    const m = toMatrix(X, { allowNaN: true });
    checkWidth(m.cols, f.nFeatures);
    return predictRaw(f, m);
  }
}

registerEstimator(HistGradientBoostingClassifier);
