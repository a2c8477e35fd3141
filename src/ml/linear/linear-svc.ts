import { z } from "zod";
import { AppError, SeededRandom } from "../../core/index.js";
import type { Input, Target } from "../estimator.js";
import { Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, encodeLabels, toMatrixOrSparse } from "../validation.js";
import { classWeightSchema, computeClassWeight } from "./class-weight.js";
import { LinearClassifierBase, type LinearClassifierFit } from "./linear-classifier-base.js";
import { toSampleWeight } from "./linear-input.js";
import { svcDualCoordinateDescent } from "./svc-dual-coordinate-descent.js";

const paramsSchema = z
  .object({
    loss: z.enum(["squared_hinge", "hinge"]).default("squared_hinge"),
    tol: z.number().positive().default(1e-4),
    C: z.number().positive().default(1),
    fitIntercept: z.boolean().default(true),
    /** The value of the constant feature whose (penalised) weight becomes the intercept, as in liblinear. */
    interceptScaling: z.number().positive().default(1),
    classWeight: classWeightSchema,
    /** Seeds the order in which the dual coordinates are visited. */
    seed: z.number().int().default(0),
    maxIter: z.number().int().positive().default(1000),
  })
  .strict();

/** LinearSVC's params (scikit-learn's names in camelCase; random_state is `seed`). */
export type LinearSVCParams = z.infer<typeof paramsSchema>;

interface Fitted extends LinearClassifierFit {
  /** The most passes any one-vs-rest problem needed (scikit-learn's n_iter_). */
  readonly nIter: number;
  readonly converged: boolean;
}

/**
 * Linear support vector classification (scikit-learn's LinearSVC with its defaults penalty "l2", dual=True):
 * minimises ½‖w‖² + Σᵢ Cᵢ max(0, 1 − yᵢ(w·xᵢ + b))² (or the plain hinge) by liblinear's dual coordinate descent,
 * one-vs-rest for more than two classes, on dense or sparse (CsrMatrix) X. Like liblinear, the intercept is the
 * weight of a constant feature `interceptScaling` and is penalised with the rest. In the binary problem each class
 * gets its class weight; in one-vs-rest only the positive class does (liblinear's convention). There is no
 * predictProba, as in scikit-learn; use decisionFunction.
 */
export class LinearSVC extends LinearClassifierBase<LinearSVCParams, Fitted> {
  static override readonly kind = "LinearSVC";
  static override readonly version = 1;

  constructor(params: Partial<LinearSVCParams> = {}) {
    super(paramsSchema, params);
  }

  /** Fits on X and labels y; `sampleWeight` optionally scales each row's C. */
  fit(X: Input, y?: Target, sampleWeight?: ArrayLike<number>): this {
    const m = toMatrixOrSparse(X);
    checkNotEmpty(m.rows);
    const n = m.rows;
    const { classes, codes } = encodeLabels(y, n);
    if (classes.length < 2) {
      throw new AppError("INVALID_INPUT", `LinearSVC needs at least 2 classes in y, got ${classes.length}`);
    }
    const sw = toSampleWeight(sampleWeight, n);
    const { C, fitIntercept, interceptScaling, loss, tol, maxIter } = this.params;
    const cw = computeClassWeight(this.params.classWeight, classes, codes);
    const random = new SeededRandom(this.params.seed);
    const K = classes.length;
    const positives = K === 2 ? [1] : classes.map((_, k) => k);
    const coef = new Matrix(positives.length, m.cols);
    const intercept = new Float64Array(positives.length);
    let nIter = 0;
    let converged = true;
    const bias = fitIntercept ? interceptScaling : 0;
    positives.forEach((pos, row) => {
      const yy = new Int8Array(n);
      const Ci = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const isPos = codes[i] === pos;
        yy[i] = isPos ? 1 : -1;
        const weight = K === 2 || isPos ? cw[codes[i]!]! : 1;
        Ci[i] = C * weight * (sw ? sw[i]! : 1);
      }
      const res = svcDualCoordinateDescent({ X: m, y: yy, C: Ci, bias, loss, tol, maxIter, random });
      coef.data.set(res.w.subarray(0, m.cols), row * m.cols);
      intercept[row] = fitIntercept ? interceptScaling * res.w[m.cols]! : 0;
      nIter = Math.max(nIter, res.nIter);
      converged &&= res.converged;
    });
    this.fitted = { classes, coef, intercept, nFeatures: m.cols, nIter, converged };
    return this;
  }

  /** Passes of coordinate descent of the slowest problem (scikit-learn's n_iter_). */
  get nIter(): number {
    return this.requireFitted().nIter;
  }

  /** False when a problem stopped at maxIter (scikit-learn warns ConvergenceWarning). */
  get converged(): boolean {
    return this.requireFitted().converged;
  }
}

registerEstimator(LinearSVC);
