/**
 * Loads the kernels of csr-operator-kernel.wat. The bytes below are that file compiled with wabt's wat2wasm
 * (regenerate with the command at its top).
 */
const CSR_KERNEL_WASM =
  "AGFzbQEAAAABCgFgBn9/f39/fwACDwEDZW52Bm1lbW9yeQIAAQMDAgAAByICCWNzck1hdFZlYwAAEmNzclRyYW5zcG9zZU1hdFZlYwABCokDAu0BAwN/AnwCfyAAKAIAIQcCQANAIAYgA08NASAAIAZBAnRqKAIEIQhEAAAAAAAAAAAhCUQAAAAAAAAAACEKIAEgB0ECdGohCyACIAdBA3RqIQwCQANAIAdBAWogCE4NASAJIAwrAwAgBCALKAIAQQN0aisDAKKgIQkgCiAMKwMIIAQgCygCBEEDdGorAwCioCEKIAtBCGohCyAMQRBqIQwgB0ECaiEHDAALCyAHIAhIBEAgCSAMKwMAIAQgCygCAEEDdGorAwCioCEJIAdBAWohBwsgBSAGQQN0aiAJIAqgOQMAIAZBAWohBgwACwsLlwEDA38BfAN/IAAoAgAhBwJAA0AgBiADTw0BIAAgBkECdGooAgQhCCAEIAZBA3RqKwMAIQkgASAHQQJ0aiEKIAIgB0EDdGohCwJAA0AgByAITg0BIAUgCigCAEEDdGohDCAMIAwrAwAgCSALKwMAoqA5AwAgCkEEaiEKIAtBCGohCyAHQQFqIQcMAAsLIAZBAWohBgwACwsL";

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
}

/** One instance of the kernels with its own memory; pointers are byte offsets into `buffer`. */
export interface CsrKernel {
  readonly buffer: ArrayBuffer;
  csrMatVec(indptr: number, indices: number, data: number, rows: number, x: number, out: number): void;
  csrTransposeMatVec(indptr: number, indices: number, data: number, rows: number, r: number, out: number): void;
}

/** Wasm memory is addressed with 32-bit offsets; beyond this the caller keeps its JavaScript loops. */
const MAX_KERNEL_BYTES = 2 ** 31 - 2 ** 16;

let compiled: object | null | undefined;

function compiledModule(): object | null {
  if (compiled !== undefined) return compiled;
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    compiled = api ? new api.Module(Uint8Array.from(atob(CSR_KERNEL_WASM), (c) => c.charCodeAt(0))) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

/** A kernel instance with at least `bytes` of zeroed memory, or null when WebAssembly is unavailable. */
export function createCsrKernel(bytes: number): CsrKernel | null {
  if (bytes > MAX_KERNEL_BYTES) return null;
  const module = compiledModule();
  if (module === null) return null;
  const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const memory = new api.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const { exports } = new api.Instance(module, { env: { memory } });
  return {
    buffer: memory.buffer,
    csrMatVec: exports.csrMatVec as CsrKernel["csrMatVec"],
    csrTransposeMatVec: exports.csrTransposeMatVec as CsrKernel["csrTransposeMatVec"],
  };
}
