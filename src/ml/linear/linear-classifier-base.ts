import { AppError } from "../../core/index.js";
import { BaseEstimator, type Input, type Label, type Target } from "../estimator.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import { labelsToCodes } from "../validation.js";
import { checkOutputFinite, predictInput } from "./linear-input.js";

/** What every linear classifier learns: one row of weights per decision (one for two classes). */
export interface LinearClassifierFit {
  readonly classes: Label[];
  /** decisions × features; a single row for binary problems (the score of classes[1]), like scikit-learn. */
  readonly coef: Matrix;
  readonly intercept: Float64Array;
  readonly nFeatures: number;
}

/** Decision scores, predictions and accuracy shared by LogisticRegression and LinearSVC. */
export abstract class LinearClassifierBase<P extends object, F extends LinearClassifierFit> extends BaseEstimator<
  P,
  F
> {
  /**
   * X·coefᵀ + intercept: rows × decisions. For two classes a single column, the score of classes[1] (scikit-learn
   * returns it as a 1-D array).
   */
  decisionFunction(X: Input): Matrix {
    const f = this.requireFitted();
    const m = predictInput(X, f.nFeatures);
    const out = linearScores(m, f.coef, f.intercept);
    checkOutputFinite(out.data, m);
    return out;
  }

  /** The class of highest score (for two classes: classes[1] when the score is positive). */
  predict(X: Input): Label[] {
    const f = this.requireFitted();
    const codes = argmaxCodes(this.decisionFunction(X));
    const out: Label[] = new Array(codes.length);
    for (let i = 0; i < codes.length; i++) out[i] = f.classes[codes[i]!]!;
    return out;
  }

  /** Accuracy of the predictions; a label the model never saw is INVALID_INPUT. */
  score(X: Input, y: Target): number {
    const f = this.requireFitted();
    const truth = labelsToCodes(y, f.classes);
    const pred = argmaxCodes(this.decisionFunction(X));
    if (truth.length !== pred.length) {
      throw new AppError("INVALID_INPUT", `y has ${truth.length} values but X has ${pred.length} rows`, [
        { field: "y", reason: `expected ${pred.length} values, got ${truth.length}` },
      ]);
    }
    let hits = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === truth[i]) hits++;
    return hits / pred.length;
  }

  /** The sorted class labels. */
  get classes(): Label[] {
    return [...this.requireFitted().classes];
  }

  /** Weights, decisions × features (a copy). */
  get coef(): Matrix {
    return this.requireFitted().coef.clone();
  }

  /** One constant per decision (a copy). */
  get intercept(): Float64Array {
    return this.requireFitted().intercept.slice();
  }
}

/** X·Wᵀ + b for dense or sparse X, rows × W.rows. */
export function linearScores(X: Matrix | CsrMatrix, W: Matrix, b: Float64Array): Matrix {
  const n = X.rows;
  const k = W.rows;
  const p = W.cols;
  const out = new Matrix(n, k);
  const o = out.data;
  const w = W.data;
  if (X instanceof CsrMatrix) {
    const { indptr, indices, data } = X;
    for (let i = 0; i < n; i++) {
      const start = indptr[i]!;
      const end = indptr[i + 1]!;
      for (let c = 0; c < k; c++) {
        const wc = c * p;
        // Two accumulators: the gathered products otherwise form one long dependency chain.
        let s0 = b[c]!;
        let s1 = 0;
        let q = start;
        for (; q + 1 < end; q += 2) {
          s0 += data[q]! * w[wc + indices[q]!]!;
          s1 += data[q + 1]! * w[wc + indices[q + 1]!]!;
        }
        if (q < end) s0 += data[q]! * w[wc + indices[q]!]!;
        o[i * k + c] = s0 + s1;
      }
    }
    return out;
  }
  const x = X.data;
  for (let i = 0; i < n; i++) {
    const xi = i * p;
    for (let c = 0; c < k; c++) {
      const wc = c * p;
      let s0 = 0;
      let s1 = 0;
      let j = 0;
      for (; j + 1 < p; j += 2) {
        s0 += x[xi + j]! * w[wc + j]!;
        s1 += x[xi + j + 1]! * w[wc + j + 1]!;
      }
      if (j < p) s0 += x[xi + j]! * w[wc + j]!;
      o[i * k + c] = s0 + s1 + b[c]!;
    }
  }
  return out;
}

/** The index of the highest score per row; a single column is the score of class 1 against class 0. */
export function argmaxCodes(scores: Matrix): Int32Array {
  const n = scores.rows;
  const k = scores.cols;
  const out = new Int32Array(n);
  const d = scores.data;
  if (k === 1) {
    for (let i = 0; i < n; i++) out[i] = d[i]! > 0 ? 1 : 0;
    return out;
  }
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (d[i * k + c]! > d[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}
