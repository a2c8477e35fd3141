import { activateInPlace, multiplyByDerivative } from "./activations.js";
import { addProduct, type GemmScratch, gemmScratch, transposeInto } from "./batch-gemm.js";
import { createWasmGemm, type WasmGemm } from "./batch-gemm-kernel.js";

/**
 * One block of memory for every buffer of a forward/backward pass, with the per-batch loops over it. When
 * WebAssembly SIMD is available the block is the kernel's memory, so the loops run in place with no copying;
 * otherwise it is an ordinary buffer and the JavaScript loops run. Either way the results are the same up to the
 * order of floating-point additions.
 */
export class BatchWorkspace {
  private readonly wasm: WasmGemm | null;
  private readonly buffer: ArrayBuffer;
  private readonly jsScratch: GemmScratch;
  private readonly scratchOffset: number;
  private next = 0;
  private readonly capacity: number;

  /** Room for `doubles` float64 values in at most `arrays` buffers, and products with inner sizes ≤ maxInner. */
  constructor(doubles: number, arrays: number, maxInner: number) {
    const scratchBytes = align(maxInner * 12);
    // Buffers start after the scratch and never at byte 0, which the kernel would read as "no buffer".
    this.capacity = Math.max(scratchBytes, 16) + align(doubles * 8 + arrays * 16);
    this.wasm = createWasmGemm(this.capacity);
    this.buffer = this.wasm ? this.wasm.buffer : new ArrayBuffer(this.capacity);
    this.scratchOffset = 0;
    this.next = Math.max(scratchBytes, 16);
    this.jsScratch = gemmScratch(maxInner);
  }

  /** True when the SIMD kernels run. */
  get simd(): boolean {
    return this.wasm !== null;
  }

  /** A zeroed view of `length` doubles inside the workspace. */
  alloc(length: number): Float64Array {
    const bytes = align(length * 8);
    if (this.next + bytes > this.capacity) throw new Error("BatchWorkspace: out of room (sizing bug)");
    const view = new Float64Array(this.buffer, this.next, length);
    this.next += bytes;
    return view;
  }

  /** The whole block as one view (its index i·8 is byte i·8): for native copies between buffers, copyWithin. */
  whole(): Float64Array {
    return new Float64Array(this.buffer, 0, this.buffer.byteLength / 8);
  }

  /** C (m×n) += A (m×k) · B (k×n), skipping zeros of A. */
  addProduct(A: Float64Array, m: number, k: number, B: Float64Array, n: number, C: Float64Array): void {
    const w = this.kernelFor(A, B, C);
    if (w) w.addProduct(A.byteOffset, m, k, B.byteOffset, n, C.byteOffset, this.scratchOffset);
    else addProduct(A, m, k, B, n, C, this.jsScratch);
  }

  /** out (k×m) = A (m×k) transposed. */
  transpose(A: Float64Array, m: number, k: number, out: Float64Array): void {
    const w = this.kernelFor(A, out);
    if (w) w.transpose(A.byteOffset, m, k, out.byteOffset);
    else transposeInto(A, m, k, out);
  }

  /** Each of the first m rows of out (m×n) = row. */
  fillRows(row: Float64Array, m: number, n: number, out: Float64Array): void {
    const w = this.kernelFor(row, out);
    if (w) w.fillRows(row.byteOffset, m, n, out.byteOffset);
    else for (let i = 0; i < m; i++) out.set(row.subarray(0, n), i * n);
  }

  /** z = max(z, 0) over the first `length` values. */
  relu(Z: Float64Array, length: number): void {
    const w = this.kernelFor(Z);
    if (w) w.relu(Z.byteOffset, length);
    else activateInPlace("relu", Z, length);
  }

  /** delta = 0 where z = 0 (the ReLU derivative), over the first `length` values. */
  reluMask(Z: Float64Array, delta: Float64Array, length: number): void {
    const w = this.kernelFor(Z, delta);
    if (w) w.reluMask(Z.byteOffset, delta.byteOffset, length);
    else multiplyByDerivative("relu", Z, delta, length);
  }

  /** g = (g + alpha·w)·scale, element-wise over g's length. */
  scaleGradient(g: Float64Array, W: Float64Array, alpha: number, scale: number): void {
    const w = this.kernelFor(g, W);
    if (w) w.scaleGradient(g.byteOffset, W.byteOffset, g.length, alpha, scale);
    else for (let q = 0; q < g.length; q++) g[q] = (g[q]! + alpha * W[q]!) * scale;
  }

  /** One Adam step, scikit-learn's formula, over params' length. */
  adam(
    params: Float64Array,
    grads: Float64Array,
    m: Float64Array,
    v: Float64Array,
    lr: number,
    beta1: number,
    beta2: number,
    epsilon: number,
  ): void {
    const w = this.kernelFor(params, grads, m, v);
    if (w) {
      w.adam(params.byteOffset, grads.byteOffset, m.byteOffset, v.byteOffset, params.length, lr, beta1, beta2, epsilon);
      return;
    }
    const c1 = 1 - beta1;
    const c2 = 1 - beta2;
    for (let p = 0; p < params.length; p++) {
      const g = grads[p]!;
      const mp = beta1 * m[p]! + c1 * g;
      const vp = beta2 * v[p]! + c2 * g * g;
      m[p] = mp;
      v[p] = vp;
      params[p]! += (-lr * mp) / (Math.sqrt(vp) + epsilon);
    }
  }

  /** The kernel when every array lives in its memory, else null (the JavaScript loops run). */
  private kernelFor(...arrays: Float64Array[]): WasmGemm | null {
    const w = this.wasm;
    if (!w) return null;
    for (const a of arrays) if (a.buffer !== w.buffer) return null;
    return w;
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}
