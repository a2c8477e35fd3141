import type { CsrMatrix } from "../matrix.js";
import { type CsrKernel, createCsrKernel } from "./csr-operator-kernel.js";
import { csrMatVec, csrTransposeMatVec } from "./sparse.js";

/**
 * A CsrMatrix prepared for iterative solvers that multiply by it many times (L-BFGS on sparse logistic regression,
 * conjugate gradients): it is copied once into WebAssembly memory, where A·x and Aᵀ·y run 2.5–3× faster than in
 * JavaScript. The copy costs about one product, so single products should use csrMatVec directly. Without
 * WebAssembly (or beyond 2 GB) it falls back to the JavaScript loops.
 */
export class CsrOperator {
  readonly rows: number;
  readonly cols: number;
  private readonly matrix: CsrMatrix;
  private readonly kernel: CsrKernel | null;
  private readonly offsets: { data: number; x: number; y: number; indices: number; indptr: number };
  private readonly xView: Float64Array | null;
  private readonly yView: Float64Array | null;

  constructor(A: CsrMatrix) {
    this.matrix = A;
    this.rows = A.rows;
    this.cols = A.cols;
    const nnz = A.nnz;
    // Doubles first so every f64 is 8-byte aligned, then the 32-bit index arrays.
    const data = 0;
    const x = data + nnz * 8;
    const y = x + Math.max(A.cols, 1) * 8;
    const indices = y + Math.max(A.rows, 1) * 8;
    const indptr = indices + nnz * 4;
    const total = indptr + (A.rows + 1) * 4;
    this.offsets = { data, x, y, indices, indptr };
    this.kernel = createCsrKernel(total);
    if (this.kernel) {
      const b = this.kernel.buffer;
      new Float64Array(b, data, nnz).set(A.data);
      new Int32Array(b, indices, nnz).set(A.indices);
      new Int32Array(b, indptr, A.rows + 1).set(A.indptr);
      this.xView = new Float64Array(b, x, A.cols);
      this.yView = new Float64Array(b, y, A.rows);
    } else {
      this.xView = null;
      this.yView = null;
    }
  }

  /** out = A x (length rows). */
  matVec(x: Float64Array, out: Float64Array): void {
    const k = this.kernel;
    if (!k || !this.xView || !this.yView) {
      csrMatVec(this.matrix, x, out);
      return;
    }
    const o = this.offsets;
    this.xView.set(x);
    k.csrMatVec(o.indptr, o.indices, o.data, this.rows, o.x, o.y);
    out.set(this.yView);
  }

  /** out = Aᵀ y (length cols). */
  transposeMatVec(y: Float64Array, out: Float64Array): void {
    const k = this.kernel;
    if (!k || !this.xView || !this.yView) {
      csrTransposeMatVec(this.matrix, y, out);
      return;
    }
    const o = this.offsets;
    this.yView.set(y);
    this.xView.fill(0);
    k.csrTransposeMatVec(o.indptr, o.indices, o.data, this.rows, o.y, o.x);
    out.set(this.xView);
  }
}
