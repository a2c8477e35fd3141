import { type CenteredGram, centeredGram } from "../linalg/index.js";
import { Matrix } from "../matrix.js";
import { checkFinite } from "../validation.js";

/**
 * scikit-learn's _preprocess_data + _rescale_data for dense least squares: centre X and y on their (weighted) means
 * when fitting an intercept, then scale rows by √w. Most fits only need the one-pass cross products (`crossProducts`);
 * the rank-deficient and wide paths need the transformed data itself (`transformedData`).
 */

/** XᵀWX, XᵀWy and the means, in one pass; throws INVALID_INPUT naming the cell when X or y is not finite. */
export function crossProducts(
  X: Matrix,
  y: Float64Array,
  weights: Float64Array | null,
  fitIntercept: boolean,
): CenteredGram {
  const cg = centeredGram(X, y, { center: fitIntercept, ...(weights ? { weights } : {}) });
  if (!cg.finite) {
    // Only scanned when the sums are not finite; y was checked finite by toNumericTarget.
    checkFinite(X);
  }
  return cg;
}

/** The weighted column means of X and the mean of y (zeros without an intercept); checks X finite. */
export function weightedMeans(
  X: Matrix,
  y: Float64Array,
  weights: Float64Array | null,
  fitIntercept: boolean,
): { xMean: Float64Array; yMean: number } {
  const { rows: n, cols: p, data } = X;
  const xMean = new Float64Array(p);
  let yMean = 0;
  let W = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    const base = i * p;
    for (let j = 0; j < p; j++) xMean[j] += w * data[base + j]!;
    yMean += w * y[i]!;
    W += w;
  }
  let finite = true;
  for (let j = 0; j < p; j++) if (!Number.isFinite(xMean[j]!)) finite = false;
  if (!finite) checkFinite(X);
  if (!fitIntercept || W === 0) return { xMean: new Float64Array(p), yMean: 0 };
  for (let j = 0; j < p; j++) xMean[j] /= W;
  return { xMean, yMean: yMean / W };
}

/** √wᵢ (xᵢ − x̄) and √wᵢ (yᵢ − ȳ) as new arrays (no centring without an intercept). */
export function transformedData(
  X: Matrix,
  y: Float64Array,
  weights: Float64Array | null,
  xMean: Float64Array,
  yMean: number,
): { Xt: Matrix; yt: Float64Array } {
  const { rows: n, cols: p } = X;
  const Xt = new Matrix(n, p);
  const yt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = weights ? Math.sqrt(weights[i]!) : 1;
    const base = i * p;
    for (let j = 0; j < p; j++) Xt.data[base + j] = (X.data[base + j]! - xMean[j]!) * s;
    yt[i] = (y[i]! - yMean) * s;
  }
  return { Xt, yt };
}

/** ȳ − x̄·coef: the intercept that undoes the centring. */
export function interceptFor(coef: Float64Array, xMean: Float64Array, yMean: number): number {
  let s = yMean;
  for (let j = 0; j < coef.length; j++) s -= xMean[j]! * coef[j]!;
  return s;
}
