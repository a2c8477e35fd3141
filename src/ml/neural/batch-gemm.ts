/**
 * The matrix products of a network's forward and backward passes over a mini-batch, on row-major Float64Array
 * blocks written into caller-owned buffers (no allocation per batch). Zeros of the left operand are skipped: inputs
 * such as pixel counts and ReLU activations are often half zeros, which halves the work of the two largest products.
 */

/** Scratch for addProduct: one row's non-zero positions and values (sized to the largest inner dimension). */
export interface GemmScratch {
  readonly offsets: Int32Array;
  readonly values: Float64Array;
}

/** Scratch for inner dimensions up to `k`. */
export function gemmScratch(k: number): GemmScratch {
  return { offsets: new Int32Array(k), values: new Float64Array(k) };
}

/**
 * C (m×n) += A (m×k) · B (k×n). Each row of A is first compacted to its non-zeros, then four rows of B are
 * combined per pass over the row of C, so C is loaded and stored once per four multiply-adds.
 */
export function addProduct(
  A: Float64Array,
  m: number,
  k: number,
  B: Float64Array,
  n: number,
  C: Float64Array,
  scratch: GemmScratch,
): void {
  const { offsets, values } = scratch;
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    const ci = i * n;
    let nnz = 0;
    for (let p = 0; p < k; p++) {
      // Written unconditionally, kept only when non-zero: no branch to mispredict on half-zero rows.
      const a = A[ai + p]!;
      offsets[nnz] = p * n;
      values[nnz] = a;
      nnz += a !== 0 ? 1 : 0;
    }
    let q = 0;
    for (; q + 3 < nnz; q += 4) {
      const a0 = values[q]!;
      const a1 = values[q + 1]!;
      const a2 = values[q + 2]!;
      const a3 = values[q + 3]!;
      const b0 = offsets[q]!;
      const b1 = offsets[q + 1]!;
      const b2 = offsets[q + 2]!;
      const b3 = offsets[q + 3]!;
      for (let j = 0; j < n; j++) {
        C[ci + j]! += a0 * B[b0 + j]! + a1 * B[b1 + j]! + a2 * B[b2 + j]! + a3 * B[b3 + j]!;
      }
    }
    for (; q < nnz; q++) {
      const a = values[q]!;
      const b = offsets[q]!;
      for (let j = 0; j < n; j++) C[ci + j]! += a * B[b + j]!;
    }
  }
}

/** out (k×m) = A (m×k) transposed. */
export function transposeInto(A: Float64Array, m: number, k: number, out: Float64Array): void {
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    for (let p = 0; p < k; p++) out[p * m + i] = A[ai + p]!;
  }
}
