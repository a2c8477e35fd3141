import { z } from "zod";
import { BaseEstimator, type Input, type Regressor, type Target } from "../estimator.js";
import { r2Score } from "../metrics/index.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, checkWidth, toMatrix, toNumericTarget } from "../validation.js";
import type { BoostedTrees } from "./boosted-trees.js";
import { HalfSquaredError } from "./boosting-loss.js";
import { type BoostedModel, boostingParamsShape, fitGradientBoosting, predictRaw } from "./gradient-boosting-fit.js";

const paramsSchema = z
  .object({
    loss: z.literal("squared_error").default("squared_error"),
    ...boostingParamsShape,
  })
  .strict();

/** HistGradientBoostingRegressor params (scikit-learn 1.2 names in camelCase, same defaults). */
export type HistGradientBoostingRegressorParams = z.infer<typeof paramsSchema>;

/**
 * Histogram-based gradient boosting for regression (scikit-learn's HistGradientBoostingRegressor): features binned
 * into at most 255 quantile bins, leaf-wise trees on gradient histograms, NaN handled as missing values.
 */
export class HistGradientBoostingRegressor
  extends BaseEstimator<HistGradientBoostingRegressorParams, BoostedModel>
  implements Regressor<HistGradientBoostingRegressorParams>
{
  static override readonly kind = "HistGradientBoostingRegressor";
  static override readonly version = 1;

  constructor(params: Partial<HistGradientBoostingRegressorParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, y?: Target): this {
    const m = toMatrix(X, { allowNaN: true });
    checkNotEmpty(m.rows);
    const target = toNumericTarget(y, m.rows);
    const lossFor = (rows: Int32Array) =>
      new HalfSquaredError(
        Float64Array.from(rows, (i) => target[i]!),
        false,
      );
    this.fitted = fitGradientBoosting(m, lossFor, null, null, this.params);
    return this;
  }

  predict(X: Input): Float64Array {
    const f = this.requireFitted();
    const m = toMatrix(X, { allowNaN: true });
    checkWidth(m.cols, f.nFeatures);
    return predictRaw(f, m);
  }

  score(X: Input, y: Target): number {
    const pred = this.predict(X);
    return r2Score(toNumericTarget(y, pred.length), pred);
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
}

registerEstimator(HistGradientBoostingRegressor);
