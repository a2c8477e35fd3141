import { AppError } from "../../core/index.js";
import { Matrix } from "../matrix.js";

/**
 * Cholesky factorisation A = L Lᵀ of a symmetric positive definite matrix, row by row (Cholesky–Banachiewicz) so
 * that every inner product runs over two contiguous row prefixes. Measured on 100 × 100: ~0.2 ms for factor + solve,
 * against ~1.5 ms for ml-matrix's CholeskyDecomposition, so ml-matrix is not used here.
 */

/** Lower-triangular L with A = L Lᵀ (only the lower triangle of A is read), or null when A is not positive definite. */
export function cholesky(A: Matrix): Matrix | null {
  const n = A.rows;
  if (A.cols !== n) throw new AppError("INVALID_INPUT", `Cholesky needs a square matrix, got ${A.rows}x${A.cols}`);
  const L = new Matrix(n, n);
  const a = A.data;
  const l = L.data;
  for (let i = 0; i < n; i++) {
    const li = i * n;
    for (let j = 0; j <= i; j++) {
      const lj = j * n;
      let s = a[li + j]!;
      for (let k = 0; k < j; k++) s -= l[li + k]! * l[lj + k]!;
      if (i === j) {
        // Not positive definite (or NaN): like LAPACK's potrf, report failure instead of taking sqrt of ≤ 0.
        if (!(s > 0)) return null;
        l[li + i] = Math.sqrt(s);
      } else {
        l[li + j] = s / l[lj + j]!;
      }
    }
  }
  return L;
}

/** Solves L Lᵀ x = b given the factor of `cholesky`. */
export function choleskySolve(L: Matrix, b: ArrayLike<number>): Float64Array {
  const n = L.rows;
  if (b.length !== n) throw new AppError("INVALID_INPUT", `Right-hand side has ${b.length} values, expected ${n}`);
  const l = L.data;
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    const li = i * n;
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= l[li + k]! * x[k]!;
    x[i] = s / l[li + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/** Solves A x = b for symmetric positive definite A; null when A is not positive definite. */
export function solvePositiveDefinite(A: Matrix, b: ArrayLike<number>): Float64Array | null {
  const L = cholesky(A);
  return L ? choleskySolve(L, b) : null;
}
