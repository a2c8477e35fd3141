import { z } from "zod";
import type { Input, Target } from "../estimator.js";
import { lstsq, svd } from "../linalg/index.js";
import { Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, toMatrix, toNumericTarget } from "../validation.js";
import { crossProducts, interceptFor, transformedData, weightedMeans } from "./least-squares-data.js";
import { toSampleWeight } from "./linear-input.js";
import { type LinearFit, LinearRegressorBase } from "./linear-regressor-base.js";

const paramsSchema = z
  .object({
    fitIntercept: z.boolean().default(true),
  })
  .strict();

/** LinearRegression's params. */
export type LinearRegressionParams = z.infer<typeof paramsSchema>;

interface Fitted extends LinearFit {
  /** Rank of the (centred, weighted) design matrix. */
  readonly rank: number;
  /** Its singular values, descending. */
  readonly singularValues: Float64Array;
}

/**
 * A well-conditioned design (cond(X) < 10⁴) is solved through the eigendecomposition of XᵀX, whose rounding error
 * is cond(X)² · eps < 1e-8; anything worse goes through QR + SVD of X itself, as LAPACK's gelsd does.
 */
const NORMAL_EQUATIONS_MAX_COND2 = 1e8;

/**
 * Ordinary least squares (scikit-learn's LinearRegression): minimises Σ wᵢ (yᵢ − xᵢ·coef − intercept)². A
 * rank-deficient X gets the minimum-norm solution, like scipy's lstsq. Sparse X is densified.
 */
export class LinearRegression extends LinearRegressorBase<LinearRegressionParams, Fitted> {
  static override readonly kind = "LinearRegression";
  static override readonly version = 1;

  constructor(params: Partial<LinearRegressionParams> = {}) {
    super(paramsSchema, params);
  }

  /** Fits on X and y; `sampleWeight` optionally weights each row's squared error. */
  fit(X: Input, y?: Target, sampleWeight?: ArrayLike<number>): this {
    const m = X instanceof Matrix ? X : toMatrix(X);
    checkNotEmpty(m.rows);
    const target = toNumericTarget(y, m.rows);
    const weights = toSampleWeight(sampleWeight, m.rows);
    const { fitIntercept } = this.params;
    const p = m.cols;
    if (m.rows >= p) {
      const cg = crossProducts(m, target, weights, fitIntercept);
      // Eigendecomposition of the p×p Gram matrix: cheap next to the pass over X, and it gives cond(X)².
      const { U, s } = svd(cg.gram);
      if (s.length > 0 && s[s.length - 1]! > s[0]! / NORMAL_EQUATIONS_MAX_COND2) {
        const coef = new Float64Array(p);
        for (let t = 0; t < p; t++) {
          let ut = 0;
          for (let j = 0; j < p; j++) ut += U.data[j * p + t]! * cg.xty[j]!;
          const c = ut / s[t]!;
          for (let j = 0; j < p; j++) coef[j] += c * U.data[j * p + t]!;
        }
        const singularValues = s.map(Math.sqrt);
        this.fitted = this.finish(coef, cg.xMean, cg.yMean, p, singularValues, p);
        return this;
      }
    }
    // Ill-conditioned or wider than tall: least squares on the centred, weighted data itself.
    const { xMean, yMean } = weightedMeans(m, target, weights, fitIntercept);
    const { Xt, yt } = transformedData(m, target, weights, xMean, yMean);
    const { x, rank, singularValues } = lstsq(Xt, yt);
    this.fitted = this.finish(x, xMean, yMean, p, singularValues, rank);
    return this;
  }

  private finish(
    coef: Float64Array,
    xMean: Float64Array,
    yMean: number,
    nFeatures: number,
    singularValues: Float64Array,
    rank: number,
  ): Fitted {
    const intercept = this.params.fitIntercept ? interceptFor(coef, xMean, yMean) : 0;
    return { coef, intercept, nFeatures, rank, singularValues };
  }

  /** Rank of the design matrix seen by the solver (after centring and weighting). */
  get rank(): number {
    return this.requireFitted().rank;
  }

  /** Singular values of that matrix, descending (a copy). */
  get singularValues(): Float64Array {
    return this.requireFitted().singularValues.slice();
  }
}

registerEstimator(LinearRegression);
