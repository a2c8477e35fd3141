/**
 * Loads the SIMD kernel of gram-kernel.wat. The bytes below are that file compiled with wabt's wat2wasm
 * (regenerate with the command at its top). Compiling the module once costs well under a millisecond; each gram
 * gets its own instance and memory so that a large product does not keep its memory alive afterwards.
 */
const GRAM_KERNEL_WASM =
  "AGFzbQEAAAABGwNgBX9/f39/AGAHf39/f39/fwBgBX97e3t7AAIPAQNlbnYGbWVtb3J5AgABAwQDAAECBxkCCWdyYW1CbG9jawAACXBhY2tCbG9jawABCqIGA/4DAgh/C3sgAUEFdCEHIANBBXQhCAJAA0AgBSACTw0BIAVBfHEhBgJAA0AgBiACTw0BIAAgBUECdiAHbGogBUEDcUEEdGohCSAAIAZBAnYgB2xqIQogCiAIaiEL/QwAAAAAAAAAAAAAAAAAAAAAIRD9DAAAAAAAAAAAAAAAAAAAAAAhEf0MAAAAAAAAAAAAAAAAAAAAACES/QwAAAAAAAAAAAAAAAAAAAAAIRP9DAAAAAAAAAAAAAAAAAAAAAAhFP0MAAAAAAAAAAAAAAAAAAAAACEV/QwAAAAAAAAAAAAAAAAAAAAAIRb9DAAAAAAAAAAAAAAAAAAAAAAhFwJAA0AgCiALTw0BIAn9AAQAIQ0gCf0ABBAhDiAK/QAEACEPIBAgDSAP/fIB/fABIRAgFCAOIA/98gH98AEhFCAK/QAEECEPIBEgDSAP/fIB/fABIREgFSAOIA/98gH98AEhFSAK/QAEICEPIBIgDSAP/fIB/fABIRIgFiAOIA/98gH98AEhFiAK/QAEMCEPIBMgDSAP/fIB/fABIRMgFyAOIA/98gH98AEhFyAJQcAAaiEJIApBwABqIQoMAAsLIAQgBSACbCAGakEDdGohDCAMIBAgESASIBMQAiAMIAJBA3RqIBQgFSAWIBcQAiAGQQRqIQYMAAsLIAVBAmohBQwACwsLxAEEAn8BewZ/AXsgBEEFdCEOIAFBA3QhDwJAA0AgByACTw0BIAYgB0EDdGr9AAQAIQkgACAHIA9saiEKIAogD2ohCyADIAdBBXRqIQwgBSENQQAhCAJAA0AgCCABTw0BIAorAwD9FCALKwMA/SIBIRAgDCAIQQJ2IA5sIAhBA3FBBHRqaiAQIA0rAwD9FP3xASAJ/fIB/QsEACAKQQhqIQogC0EIaiELIA1BCGohDSAIQQFqIQgMAAsLIAdBAmohBwwACwsLWgAgACAAKwMAIAH9IQAgAf0hAaCgOQMAIAAgACsDCCAC/SEAIAL9IQGgoDkDCCAAIAArAxAgA/0hACAD/SEBoKA5AxAgACAAKwMYIAT9IQAgBP0hAaCgOQMYCw==";

interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}

/** One instance of the kernels with its own memory; pointers are byte offsets into `buffer`. */
export interface GramKernel {
  readonly buffer: ArrayBuffer;
  gramBlock(buf: number, stride: number, pp: number, len: number, g: number): void;
  packBlock(src: number, p: number, len: number, dst: number, stride: number, shift: number, scale: number): void;
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
  const packBlock = instance.exports.packBlock as GramKernel["packBlock"];
  return { buffer: memory.buffer, gramBlock, packBlock };
}
