import { z } from "zod";
import type { Input, Target } from "../estimator.js";
import { registerEstimator } from "../save-load.js";
import { type CoordinateDescentFit, coordinateDescentParams, fitElasticNet } from "./elastic-net.js";
import { LinearRegressorBase } from "./linear-regressor-base.js";

const paramsSchema = z.object(coordinateDescentParams).strict();

/** Lasso's params (scikit-learn's names in camelCase; random_state is `seed`). */
export type LassoParams = z.infer<typeof paramsSchema>;

/**
 * Linear regression with an L1 penalty (scikit-learn's Lasso): minimises 1/(2n)‖y − Xw‖² + α‖w‖₁ by the same
 * coordinate descent as ElasticNet with l1Ratio = 1.
 */
export class Lasso extends LinearRegressorBase<LassoParams, CoordinateDescentFit> {
  static override readonly kind = "Lasso";
  static override readonly version = 1;

  constructor(params: Partial<LassoParams> = {}) {
    super(paramsSchema, params);
  }

  /** Fits on X and y; `sampleWeight` optionally weights each row's squared error. */
  fit(X: Input, y?: Target, sampleWeight?: ArrayLike<number>): this {
    this.fitted = fitElasticNet({ ...this.params, l1Ratio: 1 }, X, y, sampleWeight);
    return this;
  }

  /** Passes of coordinate descent run (scikit-learn's n_iter_). */
  get nIter(): number {
    return this.requireFitted().nIter;
  }

  /** The final duality gap / n (scikit-learn's dual_gap_). */
  get dualGap(): number {
    return this.requireFitted().dualGap;
  }

  /** False when maxIter passes ended before the gap fell below tol. */
  get converged(): boolean {
    return this.requireFitted().converged;
  }
}

registerEstimator(Lasso);
