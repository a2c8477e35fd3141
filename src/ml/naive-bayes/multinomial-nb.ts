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

  constructor(params: Partial<MultinomialNBParams> = {}) {
    super(paramsSchema, params);
  }

  /** Fits on X (counts) and y; `sampleWeight` weighs each row, as in scikit-learn. */
  fit(X: Input, y?: Target, sampleWeight?: ArrayLike<number>): this {
    const m = toMatrixOrSparse(X);
    checkNotEmpty(m.rows);
    checkNonNegative(m);
    const { classes, codes } = encodeLabels(y, m.rows);
    if (sampleWeight && sampleWeight.length !== m.rows) {
      throw new AppError("INVALID_INPUT", `sampleWeight has ${sampleWeight.length} values but X has ${m.rows} rows`);
    }
    const nc = classes.length;
    const nf = m.cols;
    const classCount = new Float64Array(nc);
    const fc = new Float64Array(nc * nf);
    for (let i = 0; i < m.rows; i++) {
      const w = sampleWeight ? sampleWeight[i]! : 1;
      // With a single class scikit-learn's label binariser still gives every row to it.
      const base = codes[i]! * nf;
      classCount[codes[i]!]! += w;
      if (m instanceof CsrMatrix) {
        for (let p = m.indptr[i]!; p < m.indptr[i + 1]!; p++) fc[base + m.indices[p]!]! += w * m.data[p]!;
      } else {
        const row = i * nf;
        for (let j = 0; j < nf; j++) fc[base + j]! += w * m.data[row + j]!;
      }
    }
    const alpha = this.params.alpha < ALPHA_MIN && !this.params.forceAlpha ? ALPHA_MIN : this.params.alpha;
    const flp = new Float64Array(nc * nf);
    for (let c = 0; c < nc; c++) {
      let total = 0;
      for (let j = 0; j < nf; j++) total += fc[c * nf + j]! + alpha;
      const logTotal = Math.log(total);
      for (let j = 0; j < nf; j++) flp[c * nf + j] = Math.log(fc[c * nf + j]! + alpha) - logTotal;
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
    const m = toMatrixOrSparse(X);
    const nf = f.featureLogProb.cols;
    checkWidth(m.cols, nf);
    const nc = f.classes.length;
    const out = new Matrix(m.rows, nc);
    const prior = f.classLogPrior;
    if (m instanceof CsrMatrix) {
      const t = this.transposedLogProb(f);
      for (let i = 0; i < m.rows; i++) {
        const base = i * nc;
        for (let c = 0; c < nc; c++) out.data[base + c] = prior[c]!;
        for (let p = m.indptr[i]!; p < m.indptr[i + 1]!; p++) {
          const v = m.data[p]!;
          const at = m.indices[p]! * nc;
          for (let c = 0; c < nc; c++) out.data[base + c]! += v * t[at + c]!;
        }
      }
    } else {
      const flp = f.featureLogProb.data;
      for (let i = 0; i < m.rows; i++) {
        const row = i * nf;
        for (let c = 0; c < nc; c++) {
          let s = 0;
          const w = c * nf;
          for (let j = 0; j < nf; j++) s += m.data[row + j]! * flp[w + j]!;
          out.data[i * nc + c] = s + prior[c]!;
        }
      }
    }
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

/** Counts cannot be negative: INVALID_INPUT naming the first bad row and column. */
function checkNonNegative(m: Matrix | CsrMatrix): void {
  const bad = (row: number, col: number, v: number): AppError =>
    new AppError(
      "INVALID_INPUT",
      `Negative values in data passed to MultinomialNB (X): ${v} at row ${row}, column ${col}`,
      [{ index: row, field: String(col), reason: `negative value ${v}` }],
    );
  if (m instanceof CsrMatrix) {
    for (let i = 0; i < m.rows; i++) {
      for (let p = m.indptr[i]!; p < m.indptr[i + 1]!; p++) if (m.data[p]! < 0) throw bad(i, m.indices[p]!, m.data[p]!);
    }
    return;
  }
  for (let p = 0; p < m.data.length; p++) if (m.data[p]! < 0) throw bad(Math.floor(p / m.cols), p % m.cols, m.data[p]!);
}

registerEstimator(MultinomialNB);
