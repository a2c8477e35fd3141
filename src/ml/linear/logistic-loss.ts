import type { CsrOperator } from "../linalg/index.js";
import { CsrMatrix, type Matrix } from "../matrix.js";

/**
 * The logistic losses scikit-learn 1.2 minimises with lbfgs, as value + gradient in one pass over the rows:
 *   Σᵢ wᵢ lossᵢ + ½ l2 ‖W‖²        (intercepts not penalised)
 * Binary: lossᵢ = log(1 + e^zᵢ) − yᵢ zᵢ with zᵢ = xᵢ·w + b, yᵢ ∈ {0, 1}; parameters [w₀ … w_{p−1}, b].
 * Multinomial: lossᵢ = log Σₖ e^{zᵢₖ} − zᵢ,yᵢ; parameters K blocks [w_k, b_k] (row-major classes × (p + 1)).
 * Each row is read once for its scores and once, still in cache, to add its share of the gradient; nothing is
 * allocated per evaluation.
 */
export interface LogisticData {
  readonly X: Matrix | CsrMatrix;
  /** Class index of each row (0/1 for binary). */
  readonly codes: Int32Array;
  /** Per-row weight: sample weight × class weight. */
  readonly weights: Float64Array;
  readonly fitIntercept: boolean;
  /** Strength of ½‖W‖² (1/C for l2, 0 for none / pure l1). */
  readonly l2: number;
  /** Sparse X prepared for repeated products: one pass for Xw and one for Xᵀr per decision row. */
  readonly operator?: CsrOperator;
  /** Scratch for the operator path: rows doubles (binary) or rows × classes (multinomial). */
  readonly rowBuffer?: Float64Array;
}

/** Number of parameters of one decision row: the features plus the intercept when fitted. */
export function rowStride(data: LogisticData): number {
  return data.X.cols + (data.fitIntercept ? 1 : 0);
}

/** log(1 + e^z) and the sigmoid, without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Value and gradient of the binary loss at params `x` (length p + intercept); writes `grad`. */
export function binaryLoss(data: LogisticData, x: Float64Array, grad: Float64Array): number {
  const { X, codes, weights, fitIntercept, l2 } = data;
  const n = X.rows;
  const p = X.cols;
  const b = fitIntercept ? x[p]! : 0;
  grad.fill(0);
  let f = 0;
  let gb = 0;
  if (data.operator && data.rowBuffer) {
    const z = data.rowBuffer;
    data.operator.matVec(x.subarray(0, p), z);
    for (let i = 0; i < n; i++) {
      const zi = z[i]! + b;
      const yi = codes[i]!;
      const sw = weights[i]!;
      f += sw * (softplus(zi) - yi * zi);
      const r = sw * (sigmoid(zi) - yi);
      gb += r;
      z[i] = r;
    }
    data.operator.transposeMatVec(z, grad.subarray(0, p));
  } else if (X instanceof CsrMatrix) {
    const { indptr, indices, data: v } = X;
    for (let i = 0; i < n; i++) {
      const start = indptr[i]!;
      const end = indptr[i + 1]!;
      // Two accumulators break the dependency chain of the gathered products (~2× faster in V8).
      let z0 = b;
      let z1 = 0;
      let q = start;
      for (; q + 1 < end; q += 2) {
        z0 += v[q]! * x[indices[q]!]!;
        z1 += v[q + 1]! * x[indices[q + 1]!]!;
      }
      if (q < end) z0 += v[q]! * x[indices[q]!]!;
      const z = z0 + z1;
      const yi = codes[i]!;
      const sw = weights[i]!;
      f += sw * (softplus(z) - yi * z);
      const r = sw * (sigmoid(z) - yi);
      gb += r;
      if (r !== 0) for (let q = start; q < end; q++) grad[indices[q]!] += r * v[q]!;
    }
  } else {
    const d = X.data;
    for (let i = 0; i < n; i++) {
      const base = i * p;
      let z0 = b;
      let z1 = 0;
      let j = 0;
      for (; j + 1 < p; j += 2) {
        z0 += d[base + j]! * x[j]!;
        z1 += d[base + j + 1]! * x[j + 1]!;
      }
      if (j < p) z0 += d[base + j]! * x[j]!;
      const z = z0 + z1;
      const yi = codes[i]!;
      const sw = weights[i]!;
      f += sw * (softplus(z) - yi * z);
      const r = sw * (sigmoid(z) - yi);
      gb += r;
      if (r !== 0) for (let k = 0; k < p; k++) grad[k] += r * d[base + k]!;
    }
  }
  if (l2 !== 0) {
    let ww = 0;
    for (let j = 0; j < p; j++) {
      ww += x[j]! * x[j]!;
      grad[j] += l2 * x[j]!;
    }
    f += 0.5 * l2 * ww;
  }
  if (fitIntercept) grad[p] = gb;
  return f;
}

/** Value and gradient of the multinomial loss at params `x` (K × stride); `scratch` has length K. */
export function multinomialLoss(
  data: LogisticData,
  K: number,
  x: Float64Array,
  grad: Float64Array,
  scratch: Float64Array,
): number {
  const { X, codes, weights, fitIntercept, l2 } = data;
  const n = X.rows;
  const p = X.cols;
  const stride = rowStride(data);
  grad.fill(0);
  if (data.operator && data.rowBuffer) return multinomialByProducts(data, K, x, grad, data.operator, data.rowBuffer);
  let f = 0;
  const sparse = X instanceof CsrMatrix;
  const indptr = sparse ? X.indptr : null;
  const indices = sparse ? X.indices : null;
  const v = X.data;
  for (let i = 0; i < n; i++) {
    const start = indptr ? indptr[i]! : i * p;
    const end = indptr ? indptr[i + 1]! : start + p;
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < K; k++) {
      const wk = k * stride;
      let z = fitIntercept ? x[wk + p]! : 0;
      if (indices) for (let q = start; q < end; q++) z += v[q]! * x[wk + indices[q]!]!;
      else for (let q = start, j = wk; q < end; q++, j++) z += v[q]! * x[j]!;
      scratch[k] = z;
      if (z > max) max = z;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(scratch[k]! - max);
    const yi = codes[i]!;
    const sw = weights[i]!;
    f += sw * (max + Math.log(sum) - scratch[yi]!);
    for (let k = 0; k < K; k++) {
      const r = sw * (Math.exp(scratch[k]! - max) / sum - (k === yi ? 1 : 0));
      if (r === 0) continue;
      const wk = k * stride;
      if (indices) for (let q = start; q < end; q++) grad[wk + indices[q]!] += r * v[q]!;
      else for (let q = start, j = wk; q < end; q++, j++) grad[j] += r * v[q]!;
      if (fitIntercept) grad[wk + p] += r;
    }
  }
  if (l2 !== 0) {
    let ww = 0;
    for (let k = 0; k < K; k++) {
      const wk = k * stride;
      for (let j = wk; j < wk + p; j++) {
        ww += x[j]! * x[j]!;
        grad[j] += l2 * x[j]!;
      }
    }
    f += 0.5 * l2 * ww;
  }
  return f;
}

/**
 * The multinomial loss through K products with X and K with Xᵀ (class by class, each a fast sparse pass), instead
 * of one JavaScript pass gathering K times per non-zero. `Z` holds the scores class-major (k · rows + i).
 */
function multinomialByProducts(
  data: LogisticData,
  K: number,
  x: Float64Array,
  grad: Float64Array,
  op: CsrOperator,
  Z: Float64Array,
): number {
  const { X, codes, weights, fitIntercept, l2 } = data;
  const n = X.rows;
  const p = X.cols;
  const stride = rowStride(data);
  for (let k = 0; k < K; k++) {
    const zk = Z.subarray(k * n, (k + 1) * n);
    op.matVec(x.subarray(k * stride, k * stride + p), zk);
    if (fitIntercept) {
      const b = x[k * stride + p]!;
      for (let i = 0; i < n; i++) zk[i] += b;
    }
  }
  let f = 0;
  const gb = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < K; k++) max = Math.max(max, Z[k * n + i]!);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(Z[k * n + i]! - max);
    const yi = codes[i]!;
    const sw = weights[i]!;
    f += sw * (max + Math.log(sum) - Z[yi * n + i]!);
    // Z turns into the residuals sw · (softmax − one-hot), consumed by the Xᵀ products below.
    for (let k = 0; k < K; k++) {
      const r = sw * (Math.exp(Z[k * n + i]! - max) / sum - (k === yi ? 1 : 0));
      Z[k * n + i] = r;
      gb[k] += r;
    }
  }
  for (let k = 0; k < K; k++) {
    op.transposeMatVec(Z.subarray(k * n, (k + 1) * n), grad.subarray(k * stride, k * stride + p));
    if (fitIntercept) grad[k * stride + p] = gb[k]!;
  }
  if (l2 !== 0) {
    let ww = 0;
    for (let k = 0; k < K; k++) {
      for (let j = k * stride; j < k * stride + p; j++) {
        ww += x[j]! * x[j]!;
        grad[j] += l2 * x[j]!;
      }
    }
    f += 0.5 * l2 * ww;
  }
  return f;
}
