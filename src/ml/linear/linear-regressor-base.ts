import { BaseEstimator, type Input, type Regressor, type Target } from "../estimator.js";
import { csrMatVec, matVec } from "../linalg/index.js";
import { Matrix } from "../matrix.js";
import { r2Score } from "../metrics/index.js";
import { toNumericTarget } from "../validation.js";
import { checkOutputFinite, predictInput } from "./linear-input.js";

/** What every linear regressor learns. */
export interface LinearFit {
  readonly coef: Float64Array;
  readonly intercept: number;
  readonly nFeatures: number;
}

/** Prediction, scoring and the learned coefficients, shared by the linear regressors (y = X·coef + intercept). */
export abstract class LinearRegressorBase<P extends object, F extends LinearFit>
  extends BaseEstimator<P, F>
  implements Regressor<P>
{
  /** X·coef + intercept, for dense or sparse X. */
  predict(X: Input): Float64Array {
    const f = this.requireFitted();
    const m = predictInput(X, f.nFeatures);
    const out = m instanceof Matrix ? matVec(m, f.coef) : csrMatVec(m, f.coef);
    const b = f.intercept;
    if (b !== 0) for (let i = 0; i < out.length; i++) out[i] += b;
    checkOutputFinite(out, m);
    return out;
  }

  /** R² of the predictions. */
  score(X: Input, y: Target): number {
    const pred = this.predict(X);
    return r2Score(toNumericTarget(y, pred.length), pred);
  }

  /** The learned weights, one per feature (a copy). */
  get coef(): Float64Array {
    return this.requireFitted().coef.slice();
  }

  /** The learned constant term (0 without fitIntercept). */
  get intercept(): number {
    return this.requireFitted().intercept;
  }
}
