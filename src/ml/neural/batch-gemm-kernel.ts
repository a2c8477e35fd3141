/**
 * Loads the SIMD kernel of batch-gemm-kernel.wat (the per-batch loops of MLP training). The bytes below are that file compiled with wabt's wat2wasm
 * (regenerate with the command at its top). The module is compiled once; each workspace instantiates it over its
 * own memory.
 */
const KERNEL_WASM =
  "AGFzbQEAAAABMQZgB39/f39/f38AYAR/f39/AGACf38AYAN/f38AYAV/f398fABgCX9/f39/fHx8fAACDwEDZW52Bm1lbW9yeQIAAQMIBwABAQIDBAUHTgcKYWRkUHJvZHVjdAAACXRyYW5zcG9zZQABCGZpbGxSb3dzAAIEcmVsdQADCHJlbHVNYXNrAAQNc2NhbGVHcmFkaWVudAAFBGFkYW0ABgq4DAegBQUHfwF8B38EfAR7IAYgAkEDdGohDyAEQQN0IRAgBEF+cUEDdCERQQAhBwJAA0AgByABTw0BIAAgByACbEEDdGohDCAFIAcgEGxqIQ1BACEJQQAhCAJAA0AgCCACTw0BIAwgCEEDdGorAwAhDiAGIAlBA3RqIA45AwAgDyAJQQJ0aiADIAggEGxqNgIAIAkgDkQAAAAAAAAAAGJqIQkgCEEBaiEIDAALC0EAIQoCQANAIApBBGogCUsNASAGIApBA3RqKwMAIRYgBiAKQQN0aisDCCEXIAYgCkEDdGorAxAhGCAGIApBA3RqKwMYIRkgFv0UIRogF/0UIRsgGP0UIRwgGf0UIR0gDyAKQQJ0aigCACESIA8gCkECdGooAgQhEyAPIApBAnRqKAIIIRQgDyAKQQJ0aigCDCEVQQAhCwJAA0AgCyARTw0BIA0gC2ogDSALav0ABAAgGiASIAtq/QAEAP3yASAbIBMgC2r9AAQA/fIB/fABIBwgFCALav0ABAD98gH98AEgHSAVIAtq/QAEAP3yAf3wAf3wAf0LBAAgC0EQaiELDAALCyARIBBJBEAgDSARaiANIBFqKwMAIBYgEiARaisDAKIgFyATIBFqKwMAoqAgGCAUIBFqKwMAoqAgGSAVIBFqKwMAoqCgOQMACyAKQQRqIQoMAAsLAkADQCAKIAlPDQEgBiAKQQN0aisDACEWIBb9FCEaIA8gCkECdGooAgAhEkEAIQsCQANAIAsgEU8NASANIAtqIA0gC2r9AAQAIBogEiALav0ABAD98gH98AH9CwQAIAtBEGohCwwACwsgESAQSQRAIA0gEWogDSARaisDACAWIBIgEWorAwCioDkDAAsgCkEBaiEKDAALCyAHQQFqIQcMAAsLC2kBBX8gAUEDdCEIAkADQCAEIAFPDQEgACAEIAJsQQN0aiEGIAMgBEEDdGohB0EAIQUCQANAIAUgAk8NASAHIAYgBUEDdGorAwA5AwAgByAIaiEHIAVBAWohBQwACwsgBEEBaiEEDAALCwsxAQJ/IAJBA3QhBQJAA0AgBCABTw0BIAMgBCAFbGogACAF/AoAACAEQQFqIQQMAAsLC3QBA38gAUEDdCEDIAFBfnFBA3QhBAJAA0AgAiAETw0BIAAgAmogACACav0ABAD9DAAAAAAAAAAAAAAAAAAAAAD99QH9CwQAIAJBEGohAgwACwsgAiADSQRAIAAgAmogACACaisDAEQAAAAAAAAAAKU5AwALC4oBAQN/IAJBA3QhBCACQX5xQQN0IQUCQANAIAMgBU8NASABIANqIAEgA2r9AAQAIAAgA2r9AAQA/QwAAAAAAAAAAAAAAAAAAAAA/Uj9Tv0LBAAgA0EQaiEDDAALCyADIARJBEAgACADaisDAEQAAAAAAAAAAGEEQCABIANqRAAAAAAAAAAAOQMACwsLiAECA38CeyACQQN0IQYgAkF+cUEDdCEHIAP9FCEIIAT9FCEJAkADQCAFIAdPDQEgACAFaiAAIAVq/QAEACAIIAEgBWr9AAQA/fIB/fABIAn98gH9CwQAIAVBEGohBQwACwsgBSAGSQRAIAAgBWogACAFaisDACADIAEgBWorAwCioCAEojkDAAsL7AIDA38JewN8IARBA3QhCiAEQX5xQQN0IQsgBv0UIQ8gB/0UIRBEAAAAAAAA8D8gBqH9FCERRAAAAAAAAPA/IAeh/RQhEiAFmv0UIRMgCP0UIRQCQANAIAkgC08NASABIAlq/QAEACEMIA8gAiAJav0ABAD98gEgESAM/fIB/fABIQ0gECADIAlq/QAEAP3yASASIAz98gEgDP3yAf3wASEOIAIgCWogDf0LBAAgAyAJaiAO/QsEACAAIAlqIAAgCWr9AAQAIBMgDf3yASAO/e8BIBT98AH98wH98AH9CwQAIAlBEGohCQwACwsgCSAKSQRAIAEgCWorAwAhFSAGIAIgCWorAwCiRAAAAAAAAPA/IAahIBWioCEWIAcgAyAJaisDAKJEAAAAAAAA8D8gB6EgFaIgFaKgIRcgAiAJaiAWOQMAIAMgCWogFzkDACAAIAlqIAAgCWorAwAgBZogFqIgF58gCKCjoDkDAAsL";

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
}

/** The kernel's exports; every pointer is a byte offset into the instance's memory. */
export interface WasmGemm {
  readonly buffer: ArrayBuffer;
  addProduct(a: number, m: number, k: number, b: number, n: number, c: number, scratch: number): void;
  transpose(a: number, m: number, k: number, out: number): void;
  fillRows(row: number, m: number, n: number, out: number): void;
  relu(z: number, length: number): void;
  reluMask(z: number, delta: number, length: number): void;
  scaleGradient(g: number, w: number, length: number, alpha: number, scale: number): void;
  adam(
    p: number,
    g: number,
    m: number,
    v: number,
    length: number,
    lr: number,
    b1: number,
    b2: number,
    eps: number,
  ): void;
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
    transpose: exports.transpose as WasmGemm["transpose"],
    fillRows: exports.fillRows as WasmGemm["fillRows"],
    relu: exports.relu as WasmGemm["relu"],
    reluMask: exports.reluMask as WasmGemm["reluMask"],
    scaleGradient: exports.scaleGradient as WasmGemm["scaleGradient"],
    adam: exports.adam as WasmGemm["adam"],
  };
}
