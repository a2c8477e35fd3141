import type { Input, Regressor, Target } from "../estimator.js";
import { r2Score } from "../metrics/index.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, toMatrix, toNumericTarget } from "../validation.js";
import { MlpBase, type MlpFitted, mlpFitted } from "./mlp-base.js";
import { networkLayout } from "./mlp-network.js";
import type { MlpParams } from "./mlp-params.js";
import { trainStochastic } from "./mlp-training.js";

/**
 * Multi-layer perceptron regressor (scikit-learn's MLPRegressor): an identity output unit trained on the squared
 * error / 2 with Adam or SGD on mini-batches. Scale X (and y) first: the optimiser's steps assume unit scale.
 */
export class MLPRegressor extends MlpBase<MlpFitted> implements Regressor<MlpParams> {
  static override readonly kind = "MLPRegressor";
  static override readonly version = 1;

  constructor(params: Partial<MlpParams> = {}) {
    super(params);
  }

  fit(X: Input, y?: Target): this {
    const m = toMatrix(X);
    checkNotEmpty(m.rows);
    const values = toNumericTarget(y, m.rows);
    const units = [m.cols, ...this.params.hiddenLayerSizes, 1];
    const result = trainStochastic(m.data, m.rows, networkLayout(units), { kind: "regression", values }, this.params);
    this.fitted = mlpFitted(units, this.params.activation, "identity", result);
    return this;
  }

  /** The predicted value of each row. */
  predict(X: Input): Float64Array {
    return this.networkOutputs(X).data;
  }

  /** R² of the predictions on (X, y). */
  score(X: Input, y: Target): number {
    const pred = this.predict(X);
    return r2Score(toNumericTarget(y, pred.length), pred);
  }
}

registerEstimator(MLPRegressor);
