import { z } from "zod";
import { SeededRandom } from "../../core/index.js";
import type { Input, Target } from "../estimator.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, toMatrix, toNumericTarget } from "../validation.js";
import { enetCoordinateDescent } from "./coordinate-descent.js";
import { interceptFor, weightedMeans } from "./least-squares-data.js";
import { toSampleWeight } from "./linear-input.js";
import { type LinearFit, LinearRegressorBase } from "./linear-regressor-base.js";

/** The params the coordinate-descent regressors share (ElasticNet adds l1Ratio; Lasso fixes it at 1). */
export const coordinateDescentParams = {
  alpha: z.number().min(0).default(1),
  fitIntercept: z.boolean().default(true),
  maxIter: z.number().int().positive().default(1000),
  tol: z.number().positive().default(1e-4),
  positive: z.boolean().default(false),
  /** Only used with selection "random". */
  seed: z.number().int().default(0),
  selection: z.enum(["cyclic", "random"]).default("cyclic"),
};

const paramsSchema = z
  .object({
    ...coordinateDescentParams,
    l1Ratio: z.number().min(0).max(1).default(0.5),
  })
  .strict();

/** ElasticNet's params (scikit-learn's names in camelCase; random_state is `seed`). */
export type ElasticNetParams = z.infer<typeof paramsSchema>;

/** What the coordinate-descent regressors learn. */
export interface CoordinateDescentFit extends LinearFit {
  readonly nIter: number;
  /** The final duality gap divided by the number of rows, like scikit-learn's dual_gap_. */
  readonly dualGap: number;
  readonly converged: boolean;
}

/**
 * Fits the elastic net as scikit-learn does: sample weights rescaled to sum to n, data centred on the (weighted)
 * means and scaled by √w, then coordinate descent on ½‖y − Xw‖² + n·α·ρ‖w‖₁ + ½ n·α·(1 − ρ)‖w‖², i.e. the
 * objective 1/(2n)‖y − Xw‖² + αρ‖w‖₁ + α(1 − ρ)/2 ‖w‖².
 */
export function fitElasticNet(
  params: ElasticNetParams,
  X: Input,
  y: Target | undefined,
  sampleWeight: ArrayLike<number> | undefined,
): CoordinateDescentFit {
  const m = toMatrix(X);
  checkNotEmpty(m.rows);
  const { rows: n, cols: p, data } = m;
  const target = toNumericTarget(y, n);
  let weights = toSampleWeight(sampleWeight, n);
  if (weights) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += weights[i]!;
    weights = weights.map((w) => (w * n) / sum);
  }
  const { xMean, yMean } = weightedMeans(m, target, weights, params.fitIntercept);
  const xCols = new Float64Array(n * p);
  const yc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = weights ? Math.sqrt(weights[i]!) : 1;
    const base = i * p;
    for (let j = 0; j < p; j++) xCols[j * n + i] = (data[base + j]! - xMean[j]!) * s;
    yc[i] = (target[i]! - yMean) * s;
  }
  const { alpha, l1Ratio } = params;
  const r = enetCoordinateDescent(
    xCols,
    n,
    p,
    yc,
    alpha * l1Ratio * n,
    alpha * (1 - l1Ratio) * n,
    params.maxIter,
    params.tol,
    { positive: params.positive, random: params.selection === "random" ? new SeededRandom(params.seed) : null },
  );
  const intercept = params.fitIntercept ? interceptFor(r.coef, xMean, yMean) : 0;
  return { coef: r.coef, intercept, nFeatures: p, nIter: r.nIter, dualGap: r.gap / n, converged: r.converged };
}

/**
 * Linear regression with combined L1 and L2 penalties (scikit-learn's ElasticNet), fitted by cyclic coordinate
 * descent with scikit-learn's duality-gap stopping rule. Sparse X is densified.
 */
export class ElasticNet extends LinearRegressorBase<ElasticNetParams, CoordinateDescentFit> {
  static override readonly kind = "ElasticNet";
  static override readonly version = 1;

  constructor(params: Partial<ElasticNetParams> = {}) {
    super(paramsSchema, params);
  }

  /** Fits on X and y; `sampleWeight` optionally weights each row's squared error. */
  fit(X: Input, y?: Target, sampleWeight?: ArrayLike<number>): this {
    this.fitted = fitElasticNet(this.params, X, y, sampleWeight);
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

  /** False when maxIter passes ended before the gap fell below tol (scikit-learn warns ConvergenceWarning). */
  get converged(): boolean {
    return this.requireFitted().converged;
  }
}

registerEstimator(ElasticNet);
