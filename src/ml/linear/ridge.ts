import { z } from "zod";
import type { Input, Target } from "../estimator.js";
import {
  CsrOperator,
  cholesky,
  choleskySolve,
  conjugateGradient,
  csrColumnSums,
  csrGram,
  csrTransposeMatVec,
  lstsq,
  matMulTransposed,
  matTVec,
} from "../linalg/index.js";
import { type CsrMatrix, Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, toMatrixOrSparse, toNumericTarget } from "../validation.js";
import { crossProducts, interceptFor, transformedData, weightedMeans } from "./least-squares-data.js";
import { toSampleWeight } from "./linear-input.js";
import { type LinearFit, LinearRegressorBase } from "./linear-regressor-base.js";

const paramsSchema = z
  .object({
    alpha: z.number().min(0).default(1),
    fitIntercept: z.boolean().default(true),
    /** Iterations of the conjugate gradient (sparse input); null: 10 × the dimension. */
    maxIter: z.number().int().positive().nullable().default(null),
    /** Relative residual of the conjugate gradient when solver is "sparse_cg". */
    tol: z.number().positive().default(1e-4),
    /** "sparse_cg" applies to sparse input (dense input is always solved directly); "svd" to dense input. */
    solver: z.enum(["auto", "cholesky", "svd", "sparse_cg"]).default("auto"),
  })
  .strict();

/** Ridge's params (scikit-learn's names in camelCase). */
export type RidgeParams = z.infer<typeof paramsSchema>;

interface Fitted extends LinearFit {
  /** Conjugate-gradient iterations, or null for the direct solvers. */
  readonly nIter: number | null;
}

/** Sparse input up to this many columns is solved exactly through its dense Gram matrix; wider input by CG. */
const SPARSE_GRAM_MAX_COLS = 2000;
/** The conjugate gradient's tolerance under solver "auto": tight enough to be a direct solve in practice. */
const AUTO_CG_TOL = 1e-12;

/**
 * Linear least squares with an L2 penalty (scikit-learn's Ridge): minimises Σ wᵢ (yᵢ − xᵢ·coef − b)² + alpha‖coef‖².
 * Dense X: Cholesky of XᵀX + αI from one pass over X (the dual (XXᵀ + αI) when cols > rows), falling back to the
 * SVD when the system is singular. Sparse X (CsrMatrix, never densified): the exact solution of the centred system
 * through the sparse Gram matrix, or conjugate gradients on it for wide data. Unlike scikit-learn's "auto" (sparse_cg
 * at tol=1e-4) the sparse "auto" result is exact; choose solver "sparse_cg" for scikit-learn's tolerance.
 */
export class Ridge extends LinearRegressorBase<RidgeParams, Fitted> {
  static override readonly kind = "Ridge";
  static override readonly version = 1;

  constructor(params: Partial<RidgeParams> = {}) {
    super(paramsSchema, params);
  }

  /** Fits on X and y; `sampleWeight` optionally weights each row's squared error. */
  fit(X: Input, y?: Target, sampleWeight?: ArrayLike<number>): this {
    const m = X instanceof Matrix ? X : toMatrixOrSparse(X);
    checkNotEmpty(m.rows);
    const target = toNumericTarget(y, m.rows);
    const weights = toSampleWeight(sampleWeight, m.rows);
    this.fitted = m instanceof Matrix ? this.fitDense(m, target, weights) : this.fitSparse(m, target, weights);
    return this;
  }

  private fitDense(X: Matrix, y: Float64Array, weights: Float64Array | null): Fitted {
    const { alpha, fitIntercept, solver } = this.params;
    const p = X.cols;
    if (X.rows >= p && solver !== "svd") {
      const cg = crossProducts(X, y, weights, fitIntercept);
      const A = cg.gram;
      for (let j = 0; j < p; j++) A.data[j * p + j] += alpha;
      const L = cholesky(A);
      if (L) return this.result(choleskySolve(L, cg.xty), cg.xMean, cg.yMean, p, null);
    }
    const { xMean, yMean } = weightedMeans(X, y, weights, fitIntercept);
    const { Xt, yt } = transformedData(X, y, weights, xMean, yMean);
    if (X.rows < p && solver !== "svd") {
      // More columns than rows: the n×n dual (Xc Xcᵀ + αI) d = yc, mapped back by coef = Xcᵀ d.
      const K = matMulTransposed(Xt, Xt);
      for (let i = 0; i < K.rows; i++) K.data[i * K.rows + i] += alpha;
      const L = cholesky(K);
      if (L) return this.result(matTVec(Xt, choleskySolve(L, yt)), xMean, yMean, p, null);
    }
    // Singular system (alpha = 0 on collinear data) or solver "svd": filter factors s / (s² + α) on the SVD of X.
    return this.result(lstsq(Xt, yt, { alpha }).x, xMean, yMean, p, null);
  }

  private fitSparse(X: CsrMatrix, y: Float64Array, weights: Float64Array | null): Fitted {
    const { alpha, fitIntercept, solver, tol, maxIter } = this.params;
    const n = X.rows;
    const p = X.cols;
    const w = weights ?? new Float64Array(n).fill(1);
    let W = 0;
    let yMean = 0;
    for (let i = 0; i < n; i++) {
      W += w[i]!;
      yMean += w[i]! * y[i]!;
    }
    const xMean = fitIntercept && W > 0 ? csrColumnSums(X, w).map((v) => v / W) : new Float64Array(p);
    yMean = fitIntercept && W > 0 ? yMean / W : 0;
    // b = Xcᵀ W (y − ȳ); the centring term vanishes because Σ wᵢ (yᵢ − ȳ) = 0 when centring.
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = w[i]! * (y[i]! - yMean);
    const b = csrTransposeMatVec(X, r);
    if (solver !== "sparse_cg" && p <= SPARSE_GRAM_MAX_COLS) {
      const A = csrGram(X, w);
      for (let j = 0; j < p; j++) {
        for (let k = 0; k < p; k++) A.data[j * p + k] -= W * xMean[j]! * xMean[k]!;
        A.data[j * p + j] += alpha;
      }
      const L = cholesky(A);
      if (L) return this.result(choleskySolve(L, b), xMean, yMean, p, null);
    }
    // (Xcᵀ W Xc + αI) v with Xc = X − 1 x̄ᵀ applied implicitly, so X stays sparse.
    const Xv = new Float64Array(n);
    const op = new CsrOperator(X);
    const res = conjugateGradient(
      (v, out) => {
        op.matVec(v, Xv);
        let mv = 0;
        for (let j = 0; j < p; j++) mv += xMean[j]! * v[j]!;
        let s = 0;
        for (let i = 0; i < n; i++) {
          Xv[i] = w[i]! * (Xv[i]! - mv);
          s += Xv[i]!;
        }
        op.transposeMatVec(Xv, out);
        for (let j = 0; j < p; j++) out[j] += alpha * v[j]! - xMean[j]! * s;
      },
      b,
      { tol: solver === "sparse_cg" ? tol : AUTO_CG_TOL, ...(maxIter !== null ? { maxIter } : {}) },
    );
    return this.result(res.x, xMean, yMean, p, res.iterations);
  }

  private result(
    coef: Float64Array,
    xMean: Float64Array,
    yMean: number,
    nFeatures: number,
    nIter: number | null,
  ): Fitted {
    const intercept = this.params.fitIntercept ? interceptFor(coef, xMean, yMean) : 0;
    return { coef, intercept, nFeatures, nIter };
  }
}

registerEstimator(Ridge);
