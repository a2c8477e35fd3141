import { z } from "zod";
import { AppError } from "../../core/index.js";
import type { Classifier, Input, Label, Target } from "../estimator.js";
import { CsrOperator, type MinimizeResult, minimizeLbfgs, minimizeOwlqn } from "../linalg/index.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, encodeLabels, toMatrixOrSparse } from "../validation.js";
import { type ClassWeight, classWeightSchema, computeClassWeight } from "./class-weight.js";
import { LinearClassifierBase, type LinearClassifierFit } from "./linear-classifier-base.js";
import { toSampleWeight } from "./linear-input.js";
import { binaryLoss, type LogisticData, multinomialLoss, rowStride } from "./logistic-loss.js";

const paramsSchema = z
  .object({
    penalty: z.enum(["l2", "l1", "elasticnet", "none"]).default("l2"),
    /** Inverse regularisation strength. */
    C: z.number().positive().default(1),
    fitIntercept: z.boolean().default(true),
    classWeight: classWeightSchema,
    maxIter: z.number().int().positive().default(100),
    tol: z.number().positive().default(1e-4),
    /** "auto": multinomial for more than two classes, one binary model otherwise. */
    multiClass: z.enum(["auto", "ovr", "multinomial"]).default("auto"),
    /** Share of L1 in the elasticnet penalty (required with penalty "elasticnet", like scikit-learn). */
    l1Ratio: z.number().min(0).max(1).nullable().default(null),
  })
  .strict();

/** LogisticRegression's params (scikit-learn's names in camelCase). */
export type LogisticRegressionParams = z.infer<typeof paramsSchema>;

interface Fitted extends LinearClassifierFit {
  /** True for the softmax model (probabilities by softmax), false for binary / one-vs-rest (sigmoids). */
  readonly multinomial: boolean;
  /** Optimiser iterations per fitted problem (one for binary and multinomial, one per class for ovr). */
  readonly nIter: Int32Array;
  readonly converged: boolean;
}

/** scipy's default relative-reduction tolerance of L-BFGS-B (factr · eps), which scikit-learn keeps. */
const SCIPY_FTOL = 2.220446049250313e-9;

/**
 * Logistic regression (scikit-learn's LogisticRegression), on dense or sparse (CsrMatrix) X. It minimises
 * scikit-learn 1.2's objective Σᵢ wᵢ lossᵢ + penalty / C with the intercept unpenalised:
 * - penalty "l2" / "none": L-BFGS with the Moré–Thuente line search and scipy's L-BFGS-B stopping rules
 *   (max |gradient| ≤ tol, relative decrease ≤ 2.2e-9 · (tol / 1e-4)²), like scikit-learn's default lbfgs solver;
 * - penalty "l1" / "elasticnet": OWL-QN, reaching the optimum of scikit-learn's saga solver.
 * There is no `solver` param: the penalty chooses the method. Binary problems learn one weight row (for classes[1]);
 * more classes use the multinomial (softmax) model unless multiClass is "ovr".
 */
export class LogisticRegression
  extends LinearClassifierBase<LogisticRegressionParams, Fitted>
  implements Classifier<LogisticRegressionParams>
{
  static override readonly kind = "LogisticRegression";
  static override readonly version = 1;

  constructor(params: Partial<LogisticRegressionParams> = {}) {
    super(paramsSchema, params);
    if (this.params.penalty === "elasticnet" && this.params.l1Ratio === null) {
      throw new AppError("INVALID_INPUT", 'LogisticRegression with penalty "elasticnet" needs l1Ratio', [
        { field: "l1Ratio", reason: "required with penalty elasticnet" },
      ]);
    }
  }

  /** Fits on X and labels y; `sampleWeight` optionally weights each row's loss. */
  fit(X: Input, y?: Target, sampleWeight?: ArrayLike<number>): this {
    const m = toMatrixOrSparse(X);
    checkNotEmpty(m.rows);
    const n = m.rows;
    const { classes, codes } = encodeLabels(y, n);
    if (classes.length < 2) {
      throw new AppError("INVALID_INPUT", `LogisticRegression needs at least 2 classes in y, got ${classes.length}`);
    }
    const sw = toSampleWeight(sampleWeight, n) ?? new Float64Array(n).fill(1);
    const { multiClass, classWeight } = this.params;
    const K = classes.length;
    const multinomial = multiClass === "multinomial" || (multiClass === "auto" && K > 2);
    if (multinomial) {
      const cw = computeClassWeight(classWeight, classes, codes);
      const weights = sw.map((w, i) => w * cw[codes[i]!]!);
      const sparse = m instanceof CsrMatrix ? { operator: new CsrOperator(m), rowBuffer: new Float64Array(n * K) } : {};
      const res = this.solve(m, codes, weights, K, sparse);
      const { coef, intercept } = unpack(res.x, K, m.cols, this.params.fitIntercept);
      // Softmax scores are unchanged by a common shift of the intercepts: centre them, as scikit-learn's iterates
      // (started at zero, with gradients summing to zero over classes) are.
      let mean = 0;
      for (let k = 0; k < K; k++) mean += intercept[k]! / K;
      for (let k = 0; k < K; k++) intercept[k] -= mean;
      const keep = K === 2 ? 1 : 0;
      this.fitted = {
        classes,
        coef: keep ? coef.selectRows([1]) : coef,
        intercept: keep ? intercept.slice(1) : intercept,
        nFeatures: m.cols,
        multinomial: true,
        nIter: Int32Array.of(res.iterations),
        converged: res.converged,
      };
      return this;
    }
    const positives = K === 2 ? [1] : classes.map((_, k) => k);
    // Sparse X is multiplied by X and Xᵀ at every evaluation: prepare it once for all the binary problems.
    const sparse = m instanceof CsrMatrix ? { operator: new CsrOperator(m), rowBuffer: new Float64Array(n) } : {};
    const coef = new Matrix(positives.length, m.cols);
    const intercept = new Float64Array(positives.length);
    const nIter = new Int32Array(positives.length);
    let converged = true;
    positives.forEach((pos, row) => {
      const y01 = codes.map((c) => (c === pos ? 1 : 0));
      const cw = binaryClassWeight(classWeight, classes, codes, y01);
      const weights = sw.map((w, i) => w * cw[i]!);
      const res = this.solve(m, y01, weights, 1, sparse);
      coef.data.set(res.x.subarray(0, m.cols), row * m.cols);
      intercept[row] = this.params.fitIntercept ? res.x[m.cols]! : 0;
      nIter[row] = res.iterations;
      converged &&= res.converged;
    });
    this.fitted = { classes, coef, intercept, nFeatures: m.cols, multinomial: false, nIter, converged };
    return this;
  }

  /** One problem: binary (K = 1, codes 0/1) or multinomial (K classes), by L-BFGS or OWL-QN per the penalty. */
  private solve(
    X: Matrix | CsrMatrix,
    codes: Int32Array,
    weights: Float64Array,
    K: number,
    sparse: Pick<LogisticData, "operator" | "rowBuffer"> = {},
  ): MinimizeResult {
    const { penalty, C, fitIntercept, maxIter, tol } = this.params;
    const l1Ratio = this.params.l1Ratio ?? 0;
    const l2 = penalty === "l2" ? 1 / C : penalty === "elasticnet" ? (1 - l1Ratio) / C : 0;
    const data: LogisticData = { X, codes, weights, fitIntercept, l2, ...sparse };
    const stride = rowStride(data);
    const size = K * stride;
    const scratch = new Float64Array(K);
    const fun =
      K === 1
        ? (x: Float64Array, g: Float64Array) => binaryLoss(data, x, g)
        : (x: Float64Array, g: Float64Array) => multinomialLoss(data, K, x, g, scratch);
    // A tighter tol also tightens scipy's relative-decrease test (quadratically: the error in the coefficients goes
    // as the square root of the error in f), so that tol alone sets the accuracy; at the default tol it is scipy's.
    const options = { maxIter, gtol: tol, ftol: SCIPY_FTOL * Math.min(1, tol / 1e-4) ** 2 };
    const x0 = new Float64Array(size);
    if (penalty === "l2" || penalty === "none") return minimizeLbfgs(fun, x0, options);
    const l1 = new Float64Array(size);
    const strength = (penalty === "l1" ? 1 : l1Ratio) / C;
    for (let k = 0; k < K; k++) l1.fill(strength, k * stride, k * stride + X.cols);
    return minimizeOwlqn(fun, x0, l1, options);
  }

  /** Class probabilities, one column per class in the order of `classes`. */
  predictProba(X: Input): Matrix {
    const f = this.requireFitted();
    const scores = this.decisionFunction(X);
    const n = scores.rows;
    const K = f.classes.length;
    const out = new Matrix(n, K);
    const s = scores.data;
    const o = out.data;
    if (scores.cols === 1) {
      // The multinomial fit of two classes keeps classes[1]'s row; its log-odds are twice that score.
      const scale = f.multinomial ? 2 : 1;
      for (let i = 0; i < n; i++) {
        const p1 = sigmoidOf(scale * s[i]!);
        o[2 * i] = 1 - p1;
        o[2 * i + 1] = p1;
      }
      return out;
    }
    for (let i = 0; i < n; i++) {
      const row = i * K;
      if (f.multinomial) {
        let max = Number.NEGATIVE_INFINITY;
        for (let k = 0; k < K; k++) max = Math.max(max, s[row + k]!);
        let sum = 0;
        for (let k = 0; k < K; k++) {
          o[row + k] = Math.exp(s[row + k]! - max);
          sum += o[row + k]!;
        }
        for (let k = 0; k < K; k++) o[row + k] /= sum;
      } else {
        // One-vs-rest: each class's sigmoid, normalised to sum to one (scikit-learn's _predict_proba_lr).
        let sum = 0;
        for (let k = 0; k < K; k++) {
          o[row + k] = sigmoidOf(s[row + k]!);
          sum += o[row + k]!;
        }
        for (let k = 0; k < K; k++) o[row + k] /= sum;
      }
    }
    return out;
  }

  /** Natural log of predictProba. */
  predictLogProba(X: Input): Matrix {
    const p = this.predictProba(X);
    for (let i = 0; i < p.data.length; i++) p.data[i] = Math.log(p.data[i]!);
    return p;
  }

  /** Optimiser iterations per fitted problem (scikit-learn's n_iter_). */
  get nIter(): Int32Array {
    return this.requireFitted().nIter.slice();
  }

  /** False when an optimisation stopped at maxIter (scikit-learn warns ConvergenceWarning). */
  get converged(): boolean {
    return this.requireFitted().converged;
  }
}

function sigmoidOf(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Row weights of one binary problem: "balanced" is computed on the 0/1 mask of that problem (as scikit-learn does
 * for one-vs-rest), a record on the original classes.
 */
function binaryClassWeight(
  classWeight: ClassWeight,
  classes: readonly Label[],
  codes: Int32Array,
  y01: Int32Array,
): Float64Array {
  if (classWeight === "balanced") {
    const cw = computeClassWeight("balanced", [0, 1], y01);
    return Float64Array.from(y01, (c) => cw[c]!);
  }
  const cw = computeClassWeight(classWeight, classes, codes);
  return Float64Array.from(codes, (c) => cw[c]!);
}

function unpack(
  x: Float64Array,
  K: number,
  p: number,
  fitIntercept: boolean,
): { coef: Matrix; intercept: Float64Array } {
  const stride = p + (fitIntercept ? 1 : 0);
  const coef = new Matrix(K, p);
  const intercept = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    coef.data.set(x.subarray(k * stride, k * stride + p), k * p);
    if (fitIntercept) intercept[k] = x[k * stride + p]!;
  }
  return { coef, intercept };
}

registerEstimator(LogisticRegression);
