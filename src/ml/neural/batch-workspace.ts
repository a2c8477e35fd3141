import { addProduct, type GemmScratch, gemmScratch } from "./batch-gemm.js";
import { createWasmGemm, type WasmGemm } from "./batch-gemm-kernel.js";

/**
 * One block of memory for every buffer of a forward/backward pass, with the matrix products over it. When
 * WebAssembly SIMD is available the block is the kernel's memory, so products run in place with no copying;
 * otherwise it is an ordinary buffer and the JavaScript kernels run. Either way the results are the same up to
 * the order of floating-point additions.
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
    // Buffers start after the scratch and never at byte 0, which the kernel reads as "no buffer".
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

  /** C (m×n) += A (m×k) · B (k×n), skipping zeros of A. */
  addProduct(A: Float64Array, m: number, k: number, B: Float64Array, n: number, C: Float64Array): void {
    const w = this.wasm;
    if (w && A.buffer === w.buffer && B.buffer === w.buffer && C.buffer === w.buffer) {
      w.addProduct(A.byteOffset, m, k, B.byteOffset, n, C.byteOffset, this.scratchOffset);
    } else addProduct(A, m, k, B, n, C, this.jsScratch);
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}
