import { z } from "zod";
import { AppError } from "../../core/index.js";
import { BaseEstimator, type Classifier, type Input, type Label, type Regressor, type Target } from "../estimator.js";
import { Frame } from "../frame.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import { accuracyScore, r2Score } from "../metrics/index.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, checkWidth, encodeLabels, labelsToCodes, toMatrix, toNumericTarget } from "../validation.js";

/**
 * Small deterministic estimators for the tests of compose and model-selection (test support, excluded from the
 * build like every *.suite.ts). They live in a module of their own, not in a test file, so that cross-validation
 * workers can import them (the `workerModules` option) and rebuild them by kind.
 */

const centroidSchema = z
  .object({
    metric: z.enum(["euclidean", "manhattan"]).default("euclidean"),
    /** Softmax temperature of predictProba over negative distances. */
    temperature: z.number().positive().default(1),
    /** Makes fit throw (to test errorScore). */
    failFit: z.boolean().default(false),
  })
  .strict();
type CentroidParams = z.infer<typeof centroidSchema>;

/** scikit-learn's NearestCentroid (euclidean: class means; manhattan: class medians), plus a softmax predictProba. */
export class ToyNearestCentroid
  extends BaseEstimator<CentroidParams, { classes: Label[]; centroids: Matrix }>
  implements Classifier<CentroidParams>
{
  static override readonly kind = "ToyNearestCentroid";
  static override readonly version = 1;

  constructor(params: Partial<CentroidParams> = {}) {
    super(centroidSchema, params);
  }

  fit(X: Input, y?: Target): this {
    if (this.params.failFit) throw new AppError("INVALID_INPUT", "ToyNearestCentroid was asked to fail");
    const m = toMatrix(X);
    checkNotEmpty(m.rows);
    const { classes, codes } = encodeLabels(y, m.rows);
    const k = classes.length;
    const d = m.cols;
    const centroids = new Matrix(k, d);
    for (let c = 0; c < k; c++) {
      const rows: number[] = [];
      for (let i = 0; i < m.rows; i++) if (codes[i] === c) rows.push(i);
      for (let j = 0; j < d; j++) {
        const values = rows.map((i) => m.data[i * d + j]!);
        centroids.data[c * d + j] = this.params.metric === "manhattan" ? median(values) : mean(values);
      }
    }
    this.fitted = { classes, centroids };
    return this;
  }

  get classes(): readonly Label[] {
    return this.requireFitted().classes;
  }

  private distances(X: Input): Matrix {
    const f = this.requireFitted();
    const m = toMatrix(X);
    checkWidth(m.cols, f.centroids.cols);
    const k = f.centroids.rows;
    const d = m.cols;
    const out = new Matrix(m.rows, k);
    for (let i = 0; i < m.rows; i++) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) {
          const diff = m.data[i * d + j]! - f.centroids.data[c * d + j]!;
          s += this.params.metric === "manhattan" ? Math.abs(diff) : diff * diff;
        }
        out.data[i * k + c] = this.params.metric === "manhattan" ? s : Math.sqrt(s);
      }
    }
    return out;
  }

  predict(X: Input): Label[] {
    const dist = this.distances(X);
    const { classes } = this.requireFitted();
    const out: Label[] = [];
    for (let i = 0; i < dist.rows; i++) {
      let best = 0;
      for (let c = 1; c < dist.cols; c++) if (dist.get(i, c) < dist.get(i, best)) best = c;
      out.push(classes[best]!);
    }
    return out;
  }

  predictProba(X: Input): Matrix {
    const dist = this.distances(X);
    const t = this.params.temperature;
    const out = new Matrix(dist.rows, dist.cols);
    for (let i = 0; i < dist.rows; i++) {
      let min = Number.POSITIVE_INFINITY;
      for (let c = 0; c < dist.cols; c++) min = Math.min(min, dist.get(i, c));
      let sum = 0;
      for (let c = 0; c < dist.cols; c++) {
        const e = Math.exp(-(dist.get(i, c) - min) / t);
        out.set(i, c, e);
        sum += e;
      }
      for (let c = 0; c < dist.cols; c++) out.set(i, c, out.get(i, c) / sum);
    }
    return out;
  }

  score(X: Input, y: Target): number {
    labelsToCodes(y, this.classes);
    return accuracyScore(y as ArrayLike<Label>, this.predict(X));
  }
}
registerEstimator(ToyNearestCentroid);

const ridgeSchema = z.object({ alpha: z.number().min(0).default(1), fitIntercept: z.boolean().default(true) }).strict();
type RidgeParams = z.infer<typeof ridgeSchema>;

/** scikit-learn's Ridge by the normal equations (centred data when fitting an intercept). */
export class ToyRidge
  extends BaseEstimator<RidgeParams, { coef: Float64Array; intercept: number }>
  implements Regressor<RidgeParams>
{
  static override readonly kind: string = "ToyRidge";
  static override readonly version = 1;

  constructor(params: Partial<RidgeParams> = {}) {
    super(ridgeSchema, params);
  }

  fit(X: Input, y?: Target): this {
    const m = toMatrix(X);
    checkNotEmpty(m.rows);
    const t = toNumericTarget(y, m.rows);
    const n = m.rows;
    const d = m.cols;
    const xMean = new Float64Array(d);
    let yMean = 0;
    if (this.params.fitIntercept) {
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) xMean[j]! += m.data[i * d + j]! / n;
      for (let i = 0; i < n; i++) yMean += t[i]! / n;
    }
    const A = new Float64Array(d * d);
    const b = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const xj = m.data[i * d + j]! - xMean[j]!;
        b[j]! += xj * (t[i]! - yMean);
        for (let k = 0; k < d; k++) A[j * d + k]! += xj * (m.data[i * d + k]! - xMean[k]!);
      }
    }
    for (let j = 0; j < d; j++) A[j * d + j]! += this.params.alpha;
    const coef = solve(A, b, d);
    let intercept = yMean;
    for (let j = 0; j < d; j++) intercept -= xMean[j]! * coef[j]!;
    this.fitted = { coef, intercept: this.params.fitIntercept ? intercept : 0 };
    return this;
  }

  predict(X: Input): Float64Array {
    const f = this.requireFitted();
    const m = toMatrix(X);
    checkWidth(m.cols, f.coef.length);
    const out = new Float64Array(m.rows);
    for (let i = 0; i < m.rows; i++) {
      let s = f.intercept;
      for (let j = 0; j < m.cols; j++) s += m.data[i * m.cols + j]! * f.coef[j]!;
      out[i] = s;
    }
    return out;
  }

  score(X: Input, y: Target): number {
    return r2Score(toNumericTarget(y, y.length), this.predict(X));
  }
}
registerEstimator(ToyRidge);

const quadraticSchema = z
  .object({ alpha: z.number().positive().default(1), l1Ratio: z.number().min(0).max(1).default(0.5) })
  .strict();
type QuadraticParams = z.infer<typeof quadraticSchema>;

/** A regressor whose score is a known smooth function of its params, peaking at alpha 0.05, l1Ratio 0.7 (for TPE). */
export class ToyQuadraticScore extends BaseEstimator<QuadraticParams, { nFeatures: number }> {
  static override readonly kind = "ToyQuadraticScore";
  static override readonly version = 1;

  constructor(params: Partial<QuadraticParams> = {}) {
    super(quadraticSchema, params);
  }

  /** The score every fold gets for these params. */
  static objective(alpha: number, l1Ratio: number): number {
    const a = Math.log10(alpha) - Math.log10(0.05);
    const b = l1Ratio - 0.7;
    return -(a * a) / 4 - 4 * b * b;
  }

  fit(X: Input, _y?: Target): this {
    this.fitted = { nFeatures: toMatrix(X).cols };
    return this;
  }

  predict(X: Input): Float64Array {
    const f = this.requireFitted();
    const m = toMatrix(X);
    checkWidth(m.cols, f.nFeatures);
    return new Float64Array(m.rows);
  }

  score(_X: Input, _y: Target): number {
    this.requireFitted();
    return ToyQuadraticScore.objective(this.params.alpha, this.params.l1Ratio);
  }
}
registerEstimator(ToyQuadraticScore);

const oneHotSchema = z.object({ handleUnknown: z.enum(["error", "ignore"]).default("ignore") }).strict();
type OneHotParams = z.infer<typeof oneHotSchema>;

/** One-hot encoding of one categorical column (a plain array of strings, or a one-column Frame), as a CsrMatrix. */
export class ToyOneHot extends BaseEstimator<OneHotParams, { categories: string[] }> {
  static override readonly kind = "ToyOneHot";
  static override readonly version = 1;

  constructor(params: Partial<OneHotParams> = {}) {
    super(oneHotSchema, params);
  }

  private values(X: Input): string[] {
    const col = X instanceof Frame ? X.column(X.columns[0]!) : X;
    if (!Array.isArray(col) || col.some((v) => typeof v !== "string")) {
      throw new AppError("INVALID_INPUT", "ToyOneHot takes an array of strings");
    }
    return col as string[];
  }

  fit(X: Input, _y?: Target): this {
    this.fitted = { categories: [...new Set(this.values(X))].sort() };
    return this;
  }

  transform(X: Input): CsrMatrix {
    const { categories } = this.requireFitted();
    const values = this.values(X);
    const index = new Map(categories.map((c, k) => [c, k]));
    const indptr = new Int32Array(values.length + 1);
    const indices: number[] = [];
    values.forEach((v, i) => {
      const k = index.get(v);
      if (k !== undefined) indices.push(k);
      else if (this.params.handleUnknown === "error") throw new AppError("INVALID_INPUT", `Unknown category ${v}`);
      indptr[i + 1] = indices.length;
    });
    const data = new Float64Array(indices.length).fill(1);
    return new CsrMatrix(values.length, categories.length, indptr, Int32Array.from(indices), data);
  }

  fitTransform(X: Input, y?: Target): CsrMatrix {
    return this.fit(X, y).transform(X);
  }

  getFeatureNamesOut(input: string[] = ["x0"]): string[] {
    return this.requireFitted().categories.map((c) => `${input[0]}_${c}`);
  }
}
registerEstimator(ToyOneHot);

function mean(values: number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/** Solves the symmetric positive definite system A x = b by Cholesky. */
function solve(A: Float64Array, b: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * d + j]!;
      for (let k = 0; k < j; k++) s -= L[i * d + k]! * L[j * d + k]!;
      L[i * d + j] = i === j ? Math.sqrt(s) : s / L[j * d + j]!;
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * d + k]! * z[k]!;
    z[i] = s / L[i * d + i]!;
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < d; k++) s -= L[k * d + i]! * x[k]!;
    x[i] = s / L[i * d + i]!;
  }
  return x;
}
