import { AppError } from "../../core/index.js";
import { type CsrMatrix, Matrix } from "../matrix.js";

/** Products of a CsrMatrix with dense vectors: single passes over indptr / indices / data in storage order. */

function shapeError(what: string): AppError {
  return new AppError("INVALID_INPUT", `Shapes do not match: ${what}`);
}

/** A·x for a sparse A. */
export function csrMatVec(
  A: CsrMatrix,
  x: ArrayLike<number>,
  out: Float64Array = new Float64Array(A.rows),
): Float64Array {
  if (x.length !== A.cols) throw shapeError(`A is ${A.rows}x${A.cols}, x has ${x.length} values`);
  const { indptr, indices, data } = A;
  for (let i = 0; i < A.rows; i++) {
    let s = 0;
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) s += data[p]! * x[indices[p]!]!;
    out[i] = s;
  }
  return out;
}

/** Aᵀ·y for a sparse A, scattering each row once. */
export function csrTransposeMatVec(
  A: CsrMatrix,
  y: ArrayLike<number>,
  out: Float64Array = new Float64Array(A.cols),
): Float64Array {
  if (y.length !== A.rows) throw shapeError(`A is ${A.rows}x${A.cols}, y has ${y.length} values`);
  const { indptr, indices, data } = A;
  out.fill(0);
  for (let i = 0; i < A.rows; i++) {
    const v = y[i]!;
    if (v === 0) continue;
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) out[indices[p]!] += v * data[p]!;
  }
  return out;
}

/** Σᵢ wᵢ xᵢ per column (plain column sums without weights). */
export function csrColumnSums(A: CsrMatrix, weights?: ArrayLike<number>): Float64Array {
  const out = new Float64Array(A.cols);
  const { indptr, indices, data } = A;
  for (let i = 0; i < A.rows; i++) {
    const w = weights ? weights[i]! : 1;
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) out[indices[p]!] += w * data[p]!;
  }
  return out;
}

/** AᵀWA as a dense cols × cols matrix: each row adds the outer product of its non-zeros (cost Σᵢ nnzᵢ²). */
export function csrGram(A: CsrMatrix, weights?: ArrayLike<number>): Matrix {
  const p = A.cols;
  const out = new Matrix(p, p);
  const G = out.data;
  const { indptr, indices, data } = A;
  for (let i = 0; i < A.rows; i++) {
    const w = weights ? weights[i]! : 1;
    const start = indptr[i]!;
    const end = indptr[i + 1]!;
    for (let a = start; a < end; a++) {
      const va = w * data[a]!;
      const row = indices[a]! * p;
      // Columns are sorted within a row, so b ≥ a fills the upper triangle.
      for (let b = a; b < end; b++) G[row + indices[b]!] += va * data[b]!;
    }
  }
  for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) G[k * p + j] = G[j * p + k]!;
  return out;
}
