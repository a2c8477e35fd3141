import { Matrix } from "../matrix.js";

/**
 * Thin singular value decomposition by one-sided Jacobi (Hestenes): plane rotations orthogonalise the columns of A,
 * their norms are the singular values. It is slower than bidiagonalisation for big matrices but simple, and
 * accurate to high relative precision, which the rank decisions of least squares rely on. Callers reduce tall
 * matrices with QR first, so it only sees small square ones.
 */
export interface Svd {
  /** rows × k with orthonormal columns (k = min(rows, cols)); a column for a zero singular value is zero. */
  readonly U: Matrix;
  /** Descending. */
  readonly s: Float64Array;
  /** cols × k with orthonormal columns. */
  readonly V: Matrix;
}

const MAX_SWEEPS = 80;

/** A = U diag(s) Vᵀ. */
export function svd(A: Matrix): Svd {
  if (A.rows < A.cols) {
    const t = svd(A.transpose());
    return { U: t.V, s: t.s, V: t.U };
  }
  const m = A.rows;
  const n = A.cols;
  // Column-major copies: every rotation touches two contiguous columns of W and of V.
  const W = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) W[j * m + i] = A.data[i * n + j]!;
  const V = new Float64Array(n * n);
  for (let j = 0; j < n; j++) V[j * n + j] = 1;
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) norms[j] = sumSquares(W, j * m, m);
  const eps = 2.220446049250313e-16;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let j = 0; j < n - 1; j++) {
      for (let k = j + 1; k < n; k++) {
        const alpha = norms[j]!;
        const beta = norms[k]!;
        if (alpha === 0 || beta === 0) continue;
        const cj = j * m;
        const ck = k * m;
        let gamma = 0;
        for (let i = 0; i < m; i++) gamma += W[cj + i]! * W[ck + i]!;
        if (Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotate(W, cj, ck, m, c, s);
        rotate(V, j * n, k * n, n, c, s);
        // Recomputing the two norms (rather than updating them) keeps them exact as columns shrink.
        norms[j] = sumSquares(W, cj, m);
        norms[k] = sumSquares(W, ck, m);
      }
    }
    if (!rotated) break;
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => norms[b]! - norms[a]!);
  const U = new Matrix(m, n);
  const Vout = new Matrix(n, n);
  const sv = new Float64Array(n);
  order.forEach((src, dst) => {
    const sigma = Math.sqrt(norms[src]!);
    sv[dst] = sigma;
    for (let i = 0; i < m; i++) U.data[i * n + dst] = sigma > 0 ? W[src * m + i]! / sigma : 0;
    for (let i = 0; i < n; i++) Vout.data[i * n + dst] = V[src * n + i]!;
  });
  return { U, s: sv, V: Vout };
}

function sumSquares(a: Float64Array, start: number, len: number): number {
  let s = 0;
  for (let i = start; i < start + len; i++) s += a[i]! * a[i]!;
  return s;
}

function rotate(a: Float64Array, cj: number, ck: number, len: number, c: number, s: number): void {
  for (let i = 0; i < len; i++) {
    const x = a[cj + i]!;
    const y = a[ck + i]!;
    a[cj + i] = c * x - s * y;
    a[ck + i] = s * x + c * y;
  }
}
