import { SeededRandom } from "../../core/index.js";
import { Matrix } from "../matrix.js";

/** Reproducible random matrices for the linear algebra tests. */
export function randomMatrix(rows: number, cols: number, seed = 1, offset = 0): Matrix {
  const rng = new SeededRandom(seed);
  const m = new Matrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal() + offset;
  return m;
}

/** The straightforward triple loop, as a reference. */
export function naiveMatMul(A: Matrix, B: Matrix): Matrix {
  const out = new Matrix(A.rows, B.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < B.cols; j++) {
      let s = 0;
      for (let k = 0; k < A.cols; k++) s += A.get(i, k) * B.get(k, j);
      out.set(i, j, s);
    }
  }
  return out;
}

/** max |a − b| over two arrays of equal length. */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
