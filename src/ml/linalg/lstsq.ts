import { AppError } from "../../core/index.js";
import { Matrix } from "../matrix.js";
import { applyQ, applyQTranspose, householderQr, qrR } from "./qr.js";
import { svd } from "./svd.js";

/** The minimum-norm least-squares solution and what it learned about A (like scipy.linalg.lstsq). */
export interface LstsqResult {
  readonly x: Float64Array;
  /** The number of singular values kept. */
  readonly rank: number;
  /** Singular values of A, descending. */
  readonly singularValues: Float64Array;
}

/** Options of `lstsq`. */
export interface LstsqOptions {
  /** Singular values ≤ rcond · s_max count as zero. Default: machine epsilon · max(rows, cols), as numpy. */
  readonly rcond?: number;
  /** Tikhonov damping: minimises ‖Ax − b‖² + alpha‖x‖² through filter factors s / (s² + alpha). Default 0. */
  readonly alpha?: number;
}

/**
 * Minimum-norm solution of min ‖Ax − b‖ that handles rank deficiency like LAPACK's gelsd: a tall A is reduced by
 * Householder QR to its R factor (a wide A through the QR of Aᵀ), whose SVD decides the rank.
 */
export function lstsq(A: Matrix, b: ArrayLike<number>, options: LstsqOptions = {}): LstsqResult {
  const m = A.rows;
  const n = A.cols;
  if (b.length !== m) throw new AppError("INVALID_INPUT", `b has ${b.length} values, A has ${m} rows`);
  const rcond = options.rcond ?? 2.220446049250313e-16 * Math.max(m, n);
  const alpha = options.alpha ?? 0;
  if (n === 0 || m === 0) return { x: new Float64Array(n), rank: 0, singularValues: new Float64Array(0) };
  if (m >= n) {
    const qr = householderQr(A);
    const c = applyQTranspose(qr, b).subarray(0, n);
    const { x, rank, s } = solveSmall(new Matrix(n, n, qrR(qr)), c, rcond, alpha);
    return { x, rank, singularValues: s };
  }
  // A = Rᵀ Qᵀ with Aᵀ = Q R: x = Q z keeps ‖x‖ = ‖z‖, so the min-norm z of Rᵀ z = b gives the min-norm x.
  const qr = householderQr(A.transpose());
  const Rt = new Matrix(m, m, qrR(qr)).transpose();
  const { x: z, rank, s } = solveSmall(Rt, b, rcond, alpha);
  const padded = new Float64Array(n);
  padded.set(z);
  return { x: applyQ(qr, padded), rank, singularValues: s };
}

function solveSmall(
  R: Matrix,
  c: ArrayLike<number>,
  rcond: number,
  alpha: number,
): { x: Float64Array; rank: number; s: Float64Array } {
  const k = R.cols;
  const { U, s, V } = svd(R);
  const cutoff = rcond * (s[0] ?? 0);
  const coef = new Float64Array(k);
  let rank = 0;
  for (let t = 0; t < k; t++) {
    const sigma = s[t]!;
    if (!(sigma > cutoff) || sigma === 0) continue;
    rank++;
    let uc = 0;
    for (let i = 0; i < U.rows; i++) uc += U.data[i * k + t]! * c[i]!;
    coef[t] = (uc * sigma) / (sigma * sigma + alpha);
  }
  const x = new Float64Array(V.rows);
  for (let i = 0; i < V.rows; i++) {
    let v = 0;
    for (let t = 0; t < k; t++) v += V.data[i * k + t]! * coef[t]!;
    x[i] = v;
  }
  return { x, rank, s };
}
