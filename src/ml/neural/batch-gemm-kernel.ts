/**
 * Loads the SIMD kernel of batch-gemm-kernel.wat. The bytes below are that file compiled with wabt's wat2wasm
 * (regenerate with the command at its top). The module is compiled once; each workspace instantiates it over its
 * own memory.
 */
const KERNEL_WASM =
  "AGFzbQEAAAABCwFgB39/f39/f38AAg8BA2VudgZtZW1vcnkCAAEDAgEABw4BCmFkZFByb2R1Y3QAAAqjBQGgBQUHfwF8B38EfAR7IAYgAkEDdGohDyAEQQN0IRAgBEF+cUEDdCERQQAhBwJAA0AgByABTw0BIAAgByACbEEDdGohDCAFIAcgEGxqIQ1BACEJQQAhCAJAA0AgCCACTw0BIAwgCEEDdGorAwAhDiAGIAlBA3RqIA45AwAgDyAJQQJ0aiADIAggEGxqNgIAIAkgDkQAAAAAAAAAAGJqIQkgCEEBaiEIDAALC0EAIQoCQANAIApBBGogCUsNASAGIApBA3RqKwMAIRYgBiAKQQN0aisDCCEXIAYgCkEDdGorAxAhGCAGIApBA3RqKwMYIRkgFv0UIRogF/0UIRsgGP0UIRwgGf0UIR0gDyAKQQJ0aigCACESIA8gCkECdGooAgQhEyAPIApBAnRqKAIIIRQgDyAKQQJ0aigCDCEVQQAhCwJAA0AgCyARTw0BIA0gC2ogDSALav0ABAAgGiASIAtq/QAEAP3yASAbIBMgC2r9AAQA/fIB/fABIBwgFCALav0ABAD98gH98AEgHSAVIAtq/QAEAP3yAf3wAf3wAf0LBAAgC0EQaiELDAALCyARIBBJBEAgDSARaiANIBFqKwMAIBYgEiARaisDAKIgFyATIBFqKwMAoqAgGCAUIBFqKwMAoqAgGSAVIBFqKwMAoqCgOQMACyAKQQRqIQoMAAsLAkADQCAKIAlPDQEgBiAKQQN0aisDACEWIBb9FCEaIA8gCkECdGooAgAhEkEAIQsCQANAIAsgEU8NASANIAtqIA0gC2r9AAQAIBogEiALav0ABAD98gH98AH9CwQAIAtBEGohCwwACwsgESAQSQRAIA0gEWogDSARaisDACAWIBIgEWorAwCioDkDAAsgCkEBaiEKDAALCyAHQQFqIQcMAAsLCw==";

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
}

/** The kernel's exports; every pointer is a byte offset into the instance's memory. */
export interface WasmGemm {
  readonly buffer: ArrayBuffer;
  addProduct(a: number, m: number, k: number, b: number, n: number, c: number, scratch: number): void;
}

/** Wasm memory is addressed with 32-bit offsets; larger workspaces use the JavaScript kernels. */
export const MAX_WASM_BYTES = 2 ** 31 - 2 ** 16;

let compiled: object | null | undefined;

function compiledModule(): object | null {
  if (compiled !== undefined) return compiled;
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    compiled = api ? new api.Module(Uint8Array.from(atob(KERNEL_WASM), (ch) => ch.charCodeAt(0))) : null;
  } catch {
    // A runtime without WebAssembly SIMD: callers fall back to the JavaScript kernels.
    compiled = null;
  }
  return compiled;
}

/** A kernel instance over at least `bytes` of zeroed memory, or null when WebAssembly SIMD is unavailable. */
export function createWasmGemm(bytes: number): WasmGemm | null {
  if (bytes > MAX_WASM_BYTES) return null;
  const module = compiledModule();
  if (module === null) return null;
  const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const memory = new api.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const { exports } = new api.Instance(module, { env: { memory } });
  return {
    buffer: memory.buffer,
    addProduct: exports.addProduct as WasmGemm["addProduct"],
  };
}
