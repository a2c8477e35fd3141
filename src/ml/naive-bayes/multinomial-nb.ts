import { z } from "zod";
import { AppError } from "../../core/index.js";
import { BaseEstimator, type Classifier, type Input, type Label, type Target } from "../estimator.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import { accuracyScore } from "../metrics/index.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, checkWidth, encodeLabels, labelsToCodes, toMatrixOrSparse } from "../validation.js";

const paramsSchema = z
  .object({
    /** Additive (Laplace / Lidstone) smoothing; below 1e-10 it is raised to 1e-10 unless forceAlpha. */
    alpha: z.number().min(0).default(1),
    forceAlpha: z.boolean().default(false),
    /** Learn class priors from the class frequencies; otherwise uniform. */
    fitPrior: z.boolean().default(true),
    /** Fixed class priors, in the order of the sorted classes (overrides fitPrior). */
    classPrior: z.array(z.number().positive()).nullable().default(null),
  })
  .strict();

/** The params of MultinomialNB, every default explicit. */
export type MultinomialNBParams = z.infer<typeof paramsSchema>;

interface Fitted {
  readonly classes: Label[];
  /** Samples (or weights) per class. */
  readonly classCount: Float64Array;
  /** Summed feature values per class: nClasses x nFeatures. */
  readonly featureCount: Matrix;
  /** log P(feature | class), smoothed: nClasses x nFeatures. */
  readonly featureLogProb: Matrix;
  readonly classLogPrior: Float64Array;
}

const ALPHA_MIN = 1e-10;
const LOG_TABLE = 4096;

/**
 * Multinomial naive Bayes for counts or TF-IDF weights (scikit-learn's MultinomialNB): dense Matrix or CsrMatrix
 * input, non-negative values. predictProba normalises the joint log-likelihoods with log-sum-exp.
 */
export class MultinomialNB
  extends BaseEstimator<MultinomialNBParams, Fitted>
  implements Classifier<MultinomialNBParams>
{
  static override readonly kind = "MultinomialNB";
  static override readonly version = 1;
  /** featureLogProb transposed (nFeatures x nClasses), so a sparse row reads one contiguous block per feature. */
  private transposed: { for: Fitted; data: Float64Array } | undefined;
  /** featureLogProb[1] - featureLogProb[0] for two classes. */
  private difference: { for: Fitted; diff: Float64Array } | undefined;

  constructor(params: Partial<MultinomialNBParams> = {}) {
    super(paramsSchema, params);
  }

  /** Fits on X (counts) and y; `sampleWeight` weighs each row, as in scikit-learn. */
  fit(X: Input, y?: Target, sampleWeight?: ArrayLike<number>): this {
    const m = asCounts(X);
    checkNotEmpty(m.rows);
    const { classes, codes } = encodeLabels(y, m.rows);
    if (sampleWeight && sampleWeight.length !== m.rows) {
      throw new AppError("INVALID_INPUT", `sampleWeight has ${sampleWeight.length} values but X has ${m.rows} rows`);
    }
    const nc = classes.length;
    const nf = m.cols;
    const classCount = new Float64Array(nc);
    const fc = new Float64Array(nc * nf);
    for (let i = 0; i < m.rows; i++) classCount[codes[i]!]! += sampleWeight ? sampleWeight[i]! : 1;
    if (m instanceof CsrMatrix) accumulateSparse(m, codes, sampleWeight, fc);
    else accumulateDense(m, codes, sampleWeight, fc);
    const alpha = this.params.alpha < ALPHA_MIN && !this.params.forceAlpha ? ALPHA_MIN : this.params.alpha;
    const flp = new Float64Array(nc * nf);
    // Counts are mostly small integers: their logs come from a table (the same Math.log values, computed once).
    const logOf = new Float64Array(LOG_TABLE).fill(Number.NaN);
    for (let c = 0; c < nc; c++) {
      let total = 0;
      for (let j = 0; j < nf; j++) total += fc[c * nf + j]! + alpha;
      const logTotal = Math.log(total);
      for (let j = 0; j < nf; j++) {
        const v = fc[c * nf + j]!;
        let lg: number;
        if (v < LOG_TABLE && v === Math.floor(v)) {
          lg = logOf[v]!;
          if (Number.isNaN(lg)) {
            lg = Math.log(v + alpha);
            logOf[v] = lg;
          }
        } else lg = Math.log(v + alpha);
        flp[c * nf + j] = lg - logTotal;
      }
    }
    this.fitted = {
      classes,
      classCount,
      featureCount: new Matrix(nc, nf, fc),
      featureLogProb: new Matrix(nc, nf, flp),
      classLogPrior: this.priorsFrom(classCount),
    };
    return this;
  }

  predict(X: Input): Label[] {
    const f = this.requireFitted();
    if (f.classes.length === 2) {
      const margin = this.margins(X);
      const out = new Array<Label>(margin.length);
      for (let i = 0; i < margin.length; i++) out[i] = f.classes[margin[i]! > 0 ? 1 : 0]!;
      return out;
    }
    const jll = this.jointLogLikelihood(X);
    const nc = f.classes.length;
    const out = new Array<Label>(jll.rows);
    for (let i = 0; i < jll.rows; i++) {
      let best = 0;
      for (let c = 1; c < nc; c++) if (jll.data[i * nc + c]! > jll.data[i * nc + best]!) best = c;
      out[i] = f.classes[best]!;
    }
    return out;
  }

  predictProba(X: Input): Matrix {
    const out = this.predictLogProba(X);
    for (let p = 0; p < out.data.length; p++) out.data[p] = Math.exp(out.data[p]!);
    return out;
  }

  /** log P(class | x): the joint log-likelihoods minus their log-sum-exp per row. */
  predictLogProba(X: Input): Matrix {
    if (this.requireFitted().classes.length === 2) {
      // Two classes: log P(1 | x) = -log(1 + e^-margin), computed without overflow on either side.
      const margin = this.margins(X);
      const out = new Matrix(margin.length, 2);
      for (let i = 0; i < margin.length; i++) {
        const d = margin[i]!;
        const lp1 = d >= 0 ? -Math.log1p(Math.exp(-d)) : d - Math.log1p(Math.exp(d));
        out.data[2 * i] = lp1 - d;
        out.data[2 * i + 1] = lp1;
      }
      return out;
    }
    const jll = this.jointLogLikelihood(X);
    const nc = jll.cols;
    for (let i = 0; i < jll.rows; i++) {
      const base = i * nc;
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < nc; c++) if (jll.data[base + c]! > max) max = jll.data[base + c]!;
      let sum = 0;
      for (let c = 0; c < nc; c++) sum += Math.exp(jll.data[base + c]! - max);
      const norm = max + Math.log(sum);
      for (let c = 0; c < nc; c++) jll.data[base + c]! -= norm;
    }
    return jll;
  }

  /** log P(x, class) up to a constant: X · featureLogProbᵀ + classLogPrior, one column per class. */
  jointLogLikelihood(X: Input): Matrix {
    const f = this.requireFitted();
    const m = asCounts(X);
    const nf = f.featureLogProb.cols;
    checkWidth(m.cols, nf);
    const nc = f.classes.length;
    const out = new Matrix(m.rows, nc);
    const prior = f.classLogPrior;
    if (m instanceof CsrMatrix) sparseScores(m, this.transposedLogProb(f), prior, out.data);
    else denseScores(m, f.featureLogProb.data, prior, out.data);
    checkRows(m, out.data, nc);
    return out;
  }

  score(X: Input, y: Target): number {
    const f = this.requireFitted();
    labelsToCodes(y, f.classes);
    return accuracyScore(Array.from(y as ArrayLike<Label>), this.predict(X));
  }

  get classes(): readonly Label[] {
    return this.requireFitted().classes;
  }

  get classCount(): Float64Array {
    return this.requireFitted().classCount.slice();
  }

  /** Summed feature values per class (a copy), nClasses x nFeatures. */
  get featureCount(): Matrix {
    return this.requireFitted().featureCount.clone();
  }

  /** Smoothed log P(feature | class) (a copy), nClasses x nFeatures. */
  get featureLogProb(): Matrix {
    return this.requireFitted().featureLogProb.clone();
  }

  get classLogPrior(): Float64Array {
    return this.requireFitted().classLogPrior.slice();
  }

  private priorsFrom(classCount: Float64Array): Float64Array {
    const nc = classCount.length;
    const { classPrior, fitPrior } = this.params;
    if (classPrior !== null) {
      if (classPrior.length !== nc) {
        throw new AppError("INVALID_INPUT", `classPrior has ${classPrior.length} values but y has ${nc} classes`, [
          { field: "classPrior", reason: `expected ${nc} priors` },
        ]);
      }
      return Float64Array.from(classPrior, Math.log);
    }
    if (!fitPrior) return new Float64Array(nc).fill(-Math.log(nc));
    let total = 0;
    for (const c of classCount) total += c;
    const logTotal = Math.log(total);
    return Float64Array.from(classCount, (c) => Math.log(c) - logTotal);
  }

  /**
   * Two classes: jll[i, 1] - jll[i, 0] as one dot product per row with the difference of the log-probabilities —
   * half the arithmetic and half the memory traffic of computing both columns.
   */
  private margins(X: Input): Float64Array {
    const f = this.requireFitted();
    const m = asCounts(X);
    const { cols: nf, data: flp } = f.featureLogProb;
    checkWidth(m.cols, nf);
    if (this.difference?.for !== f) {
      const diff = new Float64Array(nf);
      for (let j = 0; j < nf; j++) diff[j] = flp[nf + j]! - flp[j]!;
      this.difference = { for: f, diff };
    }
    const diff = this.difference.diff;
    const bias = f.classLogPrior[1]! - f.classLogPrior[0]!;
    const out = new Float64Array(m.rows);
    if (m instanceof CsrMatrix) {
      const { indptr, indices, data } = m;
      for (let i = 0; i < m.rows; i++) {
        let s = bias;
        const end = indptr[i + 1]!;
        for (let p = indptr[i]!; p < end; p++) s += data[p]! * diff[indices[p]!]!;
        out[i] = s;
      }
      checkRows(m, out, 1);
    } else {
      const { data } = m;
      for (let i = 0; i < m.rows; i++) {
        let s = bias;
        const row = i * nf;
        for (let j = 0; j < nf; j++) s += data[row + j]! * diff[j]!;
        out[i] = s;
      }
      checkRows(m, out, 1);
    }
    return out;
  }

  private transposedLogProb(f: Fitted): Float64Array {
    if (this.transposed?.for !== f) {
      const { rows: nc, cols: nf, data } = f.featureLogProb;
      const t = new Float64Array(nc * nf);
      for (let c = 0; c < nc; c++) for (let j = 0; j < nf; j++) t[j * nc + c] = data[c * nf + j]!;
      this.transposed = { for: f, data: t };
    }
    return this.transposed.data;
  }
}

/** featureCount[class of row i] += weight * row i, for CSR rows. */
function accumulateSparse(
  m: CsrMatrix,
  codes: Int32Array,
  weight: ArrayLike<number> | undefined,
  fc: Float64Array,
): void {
  const { indptr, indices, data } = m;
  const nf = m.cols;
  for (let i = 0; i < m.rows; i++) {
    const w = weight ? weight[i]! : 1;
    const base = codes[i]! * nf;
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) {
      const v = data[p]!;
      if (!(v >= 0 && v < Number.POSITIVE_INFINITY)) throw badCount(v, i, indices[p]!);
      fc[base + indices[p]!]! += w * v;
    }
  }
}

/** featureCount[class of row i] += weight * row i, for dense rows. */
function accumulateDense(m: Matrix, codes: Int32Array, weight: ArrayLike<number> | undefined, fc: Float64Array): void {
  const { data } = m;
  const nf = m.cols;
  for (let i = 0; i < m.rows; i++) {
    const w = weight ? weight[i]! : 1;
    const base = codes[i]! * nf;
    const row = i * nf;
    for (let j = 0; j < nf; j++) {
      const v = data[row + j]!;
      if (!(v >= 0 && v < Number.POSITIVE_INFINITY)) throw badCount(v, i, j);
      fc[base + j]! += w * v;
    }
  }
}

/** out[i, c] = prior[c] + Σ x[i, j] · t[j, c], with t the transposed log-probabilities (nFeatures x nClasses). */
function sparseScores(m: CsrMatrix, t: Float64Array, prior: Float64Array, out: Float64Array): void {
  const { indptr, indices, data } = m;
  const nc = prior.length;
  if (nc === 2) {
    // The common binary case keeps both sums in registers.
    const p0 = prior[0]!;
    const p1 = prior[1]!;
    for (let i = 0; i < m.rows; i++) {
      let s0 = p0;
      let s1 = p1;
      const end = indptr[i + 1]!;
      for (let p = indptr[i]!; p < end; p++) {
        const v = data[p]!;
        const at = indices[p]! << 1;
        s0 += v * t[at]!;
        s1 += v * t[at + 1]!;
      }
      out[2 * i] = s0;
      out[2 * i + 1] = s1;
    }
    return;
  }
  for (let i = 0; i < m.rows; i++) {
    const base = i * nc;
    for (let c = 0; c < nc; c++) out[base + c] = prior[c]!;
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) {
      const v = data[p]!;
      const at = indices[p]! * nc;
      for (let c = 0; c < nc; c++) out[base + c]! += v * t[at + c]!;
    }
  }
}

/** out[i, c] = prior[c] + Σ x[i, j] · flp[c, j] for dense rows. */
function denseScores(m: Matrix, flp: Float64Array, prior: Float64Array, out: Float64Array): void {
  const { data } = m;
  const nf = m.cols;
  const nc = prior.length;
  for (let i = 0; i < m.rows; i++) {
    const row = i * nf;
    for (let c = 0; c < nc; c++) {
      let s = 0;
      const w = c * nf;
      for (let j = 0; j < nf; j++) s += data[row + j]! * flp[w + j]!;
      out[i * nc + c] = s + prior[c]!;
    }
  }
}

/** X as a Matrix or a CsrMatrix; its values are checked where they are used (one pass over the data, not two). */
function asCounts(X: Input): Matrix | CsrMatrix {
  if (X instanceof CsrMatrix) return X;
  return toMatrixOrSparse(X);
}

/** INVALID_INPUT naming a non-finite (or, at fit, negative) value. */
function badCount(v: number, row: number, col: number): AppError {
  const finite = v - v === 0;
  const what = finite ? "Negative values in data passed to MultinomialNB (X)" : "X has a non-finite value";
  return new AppError("INVALID_INPUT", `${what}: ${v} at row ${row}, column ${col}`, [
    { index: row, field: String(col), reason: finite ? `negative value ${v}` : `non-finite value ${v}` },
  ]);
}

/**
 * A non-finite value in X makes its row's scores non-finite: only such rows are searched for the culprit (scores
 * can also be infinite legitimately, with alpha forced to 0, and are then kept).
 */
function checkRows(m: Matrix | CsrMatrix, scores: Float64Array, width: number): void {
  for (let i = 0; i < m.rows; i++) {
    let finite = true;
    for (let c = 0; c < width; c++) if (!Number.isFinite(scores[i * width + c]!)) finite = false;
    if (finite) continue;
    if (m instanceof CsrMatrix) {
      for (let p = m.indptr[i]!; p < m.indptr[i + 1]!; p++) {
        if (!Number.isFinite(m.data[p]!)) throw badCount(m.data[p]!, i, m.indices[p]!);
      }
    } else {
      for (let j = 0; j < m.cols; j++) if (!Number.isFinite(m.get(i, j))) throw badCount(m.get(i, j), i, j);
    }
  }
}

registerEstimator(MultinomialNB);
