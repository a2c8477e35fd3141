/**
 * Loads the SIMD kernel of gram-kernel.wat. The bytes below are that file compiled with wabt's wat2wasm
 * (regenerate with the command at its top). Compiling the module once costs well under a millisecond; each gram
 * gets its own instance and memory so that a large product does not keep its memory alive afterwards.
 */
const GRAM_KERNEL_WASM =
  "AGFzbQEAAAABGwNgBX9/f39/AGAHf39/f39/fwBgBX97e3t7AAIPAQNlbnYGbWVtb3J5AgABAwQDAAECBxkCCWdyYW1CbG9jawAACXBhY2tCbG9jawABCrIGA5UEAgx/C3sgAUEDdCEJIANBA3QhCEEAIQUCQANAIAUgAk8NASAAIAUgCWxqIQsgCyAJaiEMIAVBfHEhBgJAA0AgBiACTw0BIAAgBiAJbGohDSANIAlqIQ4gDiAJaiEPIA8gCWohEP0MAAAAAAAAAAAAAAAAAAAAACEU/QwAAAAAAAAAAAAAAAAAAAAAIRX9DAAAAAAAAAAAAAAAAAAAAAAhFv0MAAAAAAAAAAAAAAAAAAAAACEX/QwAAAAAAAAAAAAAAAAAAAAAIRj9DAAAAAAAAAAAAAAAAAAAAAAhGf0MAAAAAAAAAAAAAAAAAAAAACEa/QwAAAAAAAAAAAAAAAAAAAAAIRtBACEHAkADQCAHIAhPDQEgCyAHav0ABAAhESAMIAdq/QAEACESIA0gB2r9AAQAIRMgFCARIBP98gH98AEhFCAYIBIgE/3yAf3wASEYIA4gB2r9AAQAIRMgFSARIBP98gH98AEhFSAZIBIgE/3yAf3wASEZIA8gB2r9AAQAIRMgFiARIBP98gH98AEhFiAaIBIgE/3yAf3wASEaIBAgB2r9AAQAIRMgFyARIBP98gH98AEhFyAbIBIgE/3yAf3wASEbIAdBEGohBwwACwsgBCAFIAJsIAZqQQN0aiEKIAogFCAVIBYgFxACIAogAkEDdGogGCAZIBogGxACIAZBBGohBgwACwsgBUECaiEFDAALCwu9AQQCfwF7Bn8BeyAEQQN0IQ4gAUEDdCEPQQAhBwJAA0AgByACTw0BIAYgB0EDdGr9AAQAIQkgACAHIA9saiEKIAogD2ohCyADIAdBA3RqIQwgBSENQQAhCAJAA0AgCCABTw0BIAorAwD9FCALKwMA/SIBIRAgDCAQIA0rAwD9FP3xASAJ/fIB/QsEACAKQQhqIQogC0EIaiELIA1BCGohDSAMIA5qIQwgCEEBaiEIDAALCyAHQQJqIQcMAAsLC1oAIAAgACsDACAB/SEAIAH9IQGgoDkDACAAIAArAwggAv0hACAC/SEBoKA5AwggACAAKwMQIAP9IQAgA/0hAaCgOQMQIAAgACsDGCAE/SEAIAT9IQGgoDkDGAs=";

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
