import { CsrMatrix, Matrix } from "../matrix.js";

/** Side-by-side concatenation of blocks with the same rows, as a dense Matrix (sparse blocks are expanded). */
export function hstackDense(blocks: readonly (Matrix | CsrMatrix)[], rows: number): Matrix {
  let cols = 0;
  for (const b of blocks) cols += b.cols;
  const out = new Matrix(rows, cols);
  const d = out.data;
  let offset = 0;
  for (const b of blocks) {
    if (b instanceof Matrix) {
      const w = b.cols;
      for (let i = 0; i < rows; i++) d.set(b.data.subarray(i * w, (i + 1) * w), i * cols + offset);
    } else {
      for (let i = 0; i < rows; i++) {
        const base = i * cols + offset;
        for (let p = b.indptr[i]!; p < b.indptr[i + 1]!; p++) d[base + b.indices[p]!]! += b.data[p]!;
      }
    }
    offset += b.cols;
  }
  return out;
}

/** Side-by-side concatenation as a CsrMatrix; zeros of dense blocks are not stored (like scipy.sparse.hstack). */
export function hstackSparse(blocks: readonly (Matrix | CsrMatrix)[], rows: number): CsrMatrix {
  let cols = 0;
  let capacity = 0;
  for (const b of blocks) {
    cols += b.cols;
    capacity += b instanceof CsrMatrix ? b.nnz : b.data.length;
  }
  const indptr = new Int32Array(rows + 1);
  let indices = new Int32Array(capacity);
  let data = new Float64Array(capacity);
  let nnz = 0;
  for (let i = 0; i < rows; i++) {
    let offset = 0;
    for (const b of blocks) {
      if (b instanceof CsrMatrix) {
        for (let p = b.indptr[i]!; p < b.indptr[i + 1]!; p++) {
          indices[nnz] = b.indices[p]! + offset;
          data[nnz++] = b.data[p]!;
        }
      } else {
        const w = b.cols;
        for (let j = 0; j < w; j++) {
          const v = b.data[i * w + j]!;
          if (v !== 0) {
            indices[nnz] = j + offset;
            data[nnz++] = v;
          }
        }
      }
      offset += b.cols;
    }
    indptr[i + 1] = nnz;
  }
  if (nnz < capacity) {
    indices = indices.slice(0, nnz);
    data = data.slice(0, nnz);
  }
  return new CsrMatrix(rows, cols, indptr, indices, data);
}

/**
 * scikit-learn's choice for ColumnTransformer output: sparse when some block is sparse and the share of stored
 * values (dense blocks count every cell) is below the threshold.
 */
export function chooseSparse(blocks: readonly (Matrix | CsrMatrix)[], threshold: number): boolean {
  if (!blocks.some((b) => b instanceof CsrMatrix)) return false;
  let stored = 0;
  let total = 0;
  for (const b of blocks) {
    stored += b instanceof CsrMatrix ? b.nnz : b.data.length;
    total += b.rows * b.cols;
  }
  return total > 0 && stored / total < threshold;
}
