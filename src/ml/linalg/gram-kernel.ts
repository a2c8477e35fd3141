/**
 * Loads the SIMD kernel of gram-kernel.wat. The bytes below are that file compiled with wabt's wat2wasm
 * (regenerate with the command at its top). Compiling the module once costs well under a millisecond; each gram
 * gets its own instance and memory so that a large product does not keep its memory alive afterwards.
 */
const GRAM_KERNEL_WASM =
  "AGFzbQEAAAABEQJgBX9/f39/AGAFf3t7e3sAAg8BA2VudgZtZW1vcnkCAAEDAwIAAQcNAQlncmFtQmxvY2sAAArzBAKVBAIMfwt7IAFBA3QhCSADQQN0IQhBACEFAkADQCAFIAJPDQEgACAFIAlsaiELIAsgCWohDCAFQXxxIQYCQANAIAYgAk8NASAAIAYgCWxqIQ0gDSAJaiEOIA4gCWohDyAPIAlqIRD9DAAAAAAAAAAAAAAAAAAAAAAhFP0MAAAAAAAAAAAAAAAAAAAAACEV/QwAAAAAAAAAAAAAAAAAAAAAIRb9DAAAAAAAAAAAAAAAAAAAAAAhF/0MAAAAAAAAAAAAAAAAAAAAACEY/QwAAAAAAAAAAAAAAAAAAAAAIRn9DAAAAAAAAAAAAAAAAAAAAAAhGv0MAAAAAAAAAAAAAAAAAAAAACEbQQAhBwJAA0AgByAITw0BIAsgB2r9AAQAIREgDCAHav0ABAAhEiANIAdq/QAEACETIBQgESAT/fIB/fABIRQgGCASIBP98gH98AEhGCAOIAdq/QAEACETIBUgESAT/fIB/fABIRUgGSASIBP98gH98AEhGSAPIAdq/QAEACETIBYgESAT/fIB/fABIRYgGiASIBP98gH98AEhGiAQIAdq/QAEACETIBcgESAT/fIB/fABIRcgGyASIBP98gH98AEhGyAHQRBqIQcMAAsLIAQgBSACbCAGakEDdGohCiAKIBQgFSAWIBcQASAKIAJBA3RqIBggGSAaIBsQASAGQQRqIQYMAAsLIAVBAmohBQwACwsLWgAgACAAKwMAIAH9IQAgAf0hAaCgOQMAIAAgACsDCCAC/SEAIAL9IQGgoDkDCCAAIAArAxAgA/0hACAD/SEBoKA5AxAgACAAKwMYIAT9IQAgBP0hAaCgOQMYCw==";

interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}

/** One instance of the kernel with its own memory: `gramBlock(buf, stride, pp, len, g)` takes byte offsets. */
export interface GramKernel {
  readonly buffer: ArrayBuffer;
  gramBlock(buf: number, stride: number, pp: number, len: number, g: number): void;
}

/** Wasm memory is addressed with 32-bit offsets; beyond this the caller uses the JavaScript kernel. */
export const MAX_KERNEL_BYTES = 2 ** 31 - 2 ** 16;

let compiled: object | null | undefined;

function compiledModule(): object | null {
  if (compiled !== undefined) return compiled;
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    compiled = api ? new api.Module(Uint8Array.from(atob(GRAM_KERNEL_WASM), (c) => c.charCodeAt(0))) : null;
  } catch {
    // A runtime without WebAssembly SIMD: gram.ts falls back to its JavaScript kernel.
    compiled = null;
  }
  return compiled;
}

/** A kernel instance with at least `bytes` of zeroed memory, or null when WebAssembly SIMD is unavailable. */
export function createGramKernel(bytes: number): GramKernel | null {
  if (bytes > MAX_KERNEL_BYTES) return null;
  const module = compiledModule();
  if (module === null) return null;
  const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const memory = new api.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const instance = new api.Instance(module, { env: { memory } });
  const gramBlock = instance.exports.gramBlock as GramKernel["gramBlock"];
  return { buffer: memory.buffer, gramBlock };
}
