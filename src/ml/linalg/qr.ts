import { AppError } from "../../core/index.js";
import type { Matrix } from "../matrix.js";

/**
 * Householder QR of a tall matrix (rows ≥ cols), LAPACK-style: the factor is kept column-major so each reflector
 * and each column it updates are contiguous. R sits on and above the diagonal, the reflectors' tails below it
 * (their leading 1 is implicit), with H_k = I − τ_k v_k v_kᵀ and Q = H_0 H_1 … H_{n−1}.
 */
export interface HouseholderQr {
  readonly rows: number;
  readonly cols: number;
  /** Column-major rows × cols: R in the upper triangle, reflectors below. */
  readonly factors: Float64Array;
  readonly tau: Float64Array;
}

/** Factors A (rows ≥ cols) as Q R. */
export function householderQr(A: Matrix): HouseholderQr {
  const m = A.rows;
  const n = A.cols;
  if (m < n) throw new AppError("INVALID_INPUT", `QR needs rows >= cols, got ${m}x${n}`);
  const f = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) f[j * m + i] = A.data[i * n + j]!;
  const tau = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const ck = k * m;
    let tail = 0;
    for (let i = k + 1; i < m; i++) tail += f[ck + i]! * f[ck + i]!;
    const x0 = f[ck + k]!;
    if (tail === 0) {
      tau[k] = 0;
      continue;
    }
    const norm = Math.sqrt(x0 * x0 + tail);
    const beta = x0 >= 0 ? -norm : norm;
    tau[k] = (beta - x0) / beta;
    const scale = 1 / (x0 - beta);
    for (let i = k + 1; i < m; i++) f[ck + i] *= scale;
    f[ck + k] = beta;
    const t = tau[k]!;
    for (let j = k + 1; j < n; j++) {
      const cj = j * m;
      let w = f[cj + k]!;
      for (let i = k + 1; i < m; i++) w += f[ck + i]! * f[cj + i]!;
      w *= t;
      f[cj + k] -= w;
      for (let i = k + 1; i < m; i++) f[cj + i] -= w * f[ck + i]!;
    }
  }
  return { rows: m, cols: n, factors: f, tau };
}

/** Qᵀ b (length rows), applying the reflectors in order. */
export function applyQTranspose(qr: HouseholderQr, b: ArrayLike<number>): Float64Array {
  const { rows: m, cols: n, factors: f, tau } = qr;
  const out = Float64Array.from(b);
  for (let k = 0; k < n; k++) reflect(f, k * m, k, m, tau[k]!, out);
  return out;
}

/** Q z for z of length rows (pad with zeros to use only the first cols columns of Q). */
export function applyQ(qr: HouseholderQr, z: ArrayLike<number>): Float64Array {
  const { rows: m, cols: n, factors: f, tau } = qr;
  const out = Float64Array.from(z);
  for (let k = n - 1; k >= 0; k--) reflect(f, k * m, k, m, tau[k]!, out);
  return out;
}

function reflect(f: Float64Array, ck: number, k: number, m: number, t: number, v: Float64Array): void {
  if (t === 0) return;
  let w = v[k]!;
  for (let i = k + 1; i < m; i++) w += f[ck + i]! * v[i]!;
  w *= t;
  v[k] -= w;
  for (let i = k + 1; i < m; i++) v[i] -= w * f[ck + i]!;
}

/** The cols × cols upper-triangular R as a row-major array. */
export function qrR(qr: HouseholderQr): Float64Array {
  const { rows: m, cols: n, factors: f } = qr;
  const r = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i <= j; i++) r[i * n + j] = f[j * m + i]!;
  return r;
}
