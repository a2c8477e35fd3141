/**
 * Loads the SIMD kernel of kmeans-kernel.wat. The bytes below are that file compiled with wabt's wat2wasm
 * (regenerate with the command at its top). The module is compiled once; each workspace instantiates it over its
 * own memory.
 */
const KERNEL_WASM =
  "AGFzbQEAAAABTAdgA39/fwF8YAd/f39/f39/AGAEf39/fwBgC39/f39/f39/f39/AGAPf39/f39/f39/f39/f39/AX9gBn9/f39/fwBgBX9/f39/AXwCDwEDZW52Bm1lbW9yeQIAAQMIBwABAgMEBQYHQwUIcm93Tm9ybXMAAg1hc3NpZ25OZWFyZXN0AAMNcGx1c1BsdXNSb3VuZAAECmFjY3VtdWxhdGUABQdpbmVydGlhAAYK9Q4H8wEDA38CewF8IAJBA3QhBSACQXxxQQN0IQT9DAAAAAAAAAAAAAAAAAAAAAAhBv0MAAAAAAAAAAAAAAAAAAAAACEHAkADQCADIARPDQEgBiAAIANq/QAEACABIANq/QAEAP3yAf3wASEGIAcgACADav0ABBAgASADav0ABBD98gH98AEhByADQSBqIQMMAAsLIANBEGogBU0EQCAGIAAgA2r9AAQAIAEgA2r9AAQA/fIB/fABIQYgA0EQaiEDCyAGIAf98AEhBiAG/SEAIAb9IQGgIQggAyAFSQRAIAggACADaisDACABIANqKwMAoqAhCAsgCAuIAwMDfwV7AXwgBUEDdCEJIAVBfnFBA3QhCP0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAAAAAAAAAAIQz9DAAAAAAAAAAAAAAAAAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEOAkADQCAHIAhPDQEgACAHav0ABAAhCiALIAogASAHav0ABAD98gH98AEhCyAMIAogAiAHav0ABAD98gH98AEhDCANIAogAyAHav0ABAD98gH98AEhDSAOIAogBCAHav0ABAD98gH98AEhDiAHQRBqIQcMAAsLIAYgC/0hACAL/SEBoDkDACAGIAz9IQAgDP0hAaA5AwggBiAN/SEAIA39IQGgOQMQIAYgDv0hACAO/SEBoDkDGCAHIAlJBEAgACAHaisDACEPIAYgBisDACAPIAEgB2orAwCioDkDACAGIAYrAwggDyACIAdqKwMAoqA5AwggBiAGKwMQIA8gAyAHaisDAKKgOQMQIAYgBisDGCAPIAQgB2orAwCioDkDGAsLOgECfwJAA0AgBCABTw0BIAAgBCACbEEDdGohBSADIARBA3RqIAUgBSACEAA5AwAgBEEBaiEEDAALCwu5AgcCfwF8AX8BfAF/AXwBfyACQQN0IRICQANAIAsgAU8NASAAIAsgEmxqIQwgAyALQQN0aisDACENQQAhDiAKBEAgCCALQQJ0aigCACEOCyAOIAVPBEBBACEOCyANIAYgDkEDdGorAwCgRAAAAAAAAABAIAwgBCAOIBJsaiACEACioSEPQQAhEAJAA0AgECAFTw0BIBAgDkcgByAOIAVsIBBqQQN0aisDAEQAAAAAAAAQQCAPomNxBEAgDSAGIBBBA3RqKwMAoEQAAAAAAAAAQCAMIAQgECASbGogAhAAoqEhESARIA9jIBEgD2EgECAOSXFyBEAgECEOIBEhDwsLIBBBAWohEAwACwsgCCALQQJ0aiAONgIAIAkgC0EDdGogD0QAAAAAAAAAAKU5AwAgC0EBaiELDAALCwvcAwgDfwF8An8BfAF/AnwBfwF8AkADQCAPIAFPDQEgBCAPQQN0aisDACESIAUgD0ECdGooAgAhE0EAIRRBACEQAkADQCAQIAdPDQEgCiAQIAZsIBNqQQN0aisDAEQAAAAAAAAQQCASomMEQEEBIRQLIBBBAWohEAwACwsgFARAIAAgDyACbEEDdGohESADIA9BA3RqKwMAIRpBACEQAkADQCAQQQRqIAdLDQEgESAIIBBBAnRqKAIAIAggEEECdGooAgQgCCAQQQJ0aigCCCAIIBBBAnRqKAIMIAIgDiAQQQN0ahABIBBBBGohEAwACwsCQANAIBAgB08NASAOIBBBA3RqIBEgCCAQQQJ0aigCACACEAA5AwAgEEEBaiEQDAALC0EAIRACQANAIBAgB08NASAaIAkgEEEDdGorAwCgRAAAAAAAAABAIA4gEEEDdGorAwCioSEXIBIhGCAXIBJjBEAgF0QAAAAAAAAAAKUhGAsgCyAWIAdsIBBqQQN0aiAYOQMAIA0gEEEDdGohGSAZIBkrAwAgGKA5AwAgEEEBaiEQDAALCyAMIBZBAnRqIA82AgAgFkEBaiEWBSAVIBKgIRULIA9BAWohDwwACwsgDSAHQQN0aiAVOQMAIBYLwwEBCH8gAkEDdCELIAJBfnFBA3QhDAJAA0AgBiABTw0BIAMgBkECdGooAgAhCiAFIApBA3RqIQ0gDSANKwMARAAAAAAAAPA/oDkDACAAIAYgC2xqIQggBCAKIAtsaiEJQQAhBwJAA0AgByAMTw0BIAkgB2ogCSAHav0ABAAgCCAHav0ABAD98AH9CwQAIAdBEGohBwwACwsgByALSQRAIAkgB2ogCSAHaisDACAIIAdqKwMAoDkDAAsgBkEBaiEGDAALCwvaAQMGfwJ7A3wgAkEDdCEJIAJBfnFBA3QhCgJAA0AgBSABTw0BIAAgBSAJbGohByADIAQgBUECdGooAgAgCWxqIQj9DAAAAAAAAAAAAAAAAAAAAAAhC0EAIQYCQANAIAYgCk8NASAHIAZq/QAEACAIIAZq/QAEAP3xASEMIAsgDCAM/fIB/fABIQsgBkEQaiEGDAALCyAL/SEAIAv9IQGgIQ4gBiAJSQRAIAcgBmorAwAgCCAGaisDAKEhDyAOIA8gD6KgIQ4LIA0gDqAhDSAFQQFqIQUMAAsLIA0L";

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
}

/** The kernel's exports; every pointer is a byte offset into the instance's memory. */
export interface KMeansKernel {
  readonly buffer: ArrayBuffer;
  rowNorms(x: number, n: number, d: number, out: number): void;
  assignNearest(
    x: number,
    n: number,
    d: number,
    xn: number,
    c: number,
    k: number,
    cn: number,
    cc: number,
    labels: number,
    minDist: number,
    warm: number,
  ): void;
  plusPlusRound(
    x: number,
    n: number,
    d: number,
    xn: number,
    closest: number,
    owner: number,
    k: number,
    trials: number,
    cand: number,
    candNorm: number,
    toC: number,
    candDist: number,
    near: number,
    pots: number,
    tmp: number,
  ): number;
  accumulate(x: number, n: number, d: number, labels: number, sums: number, counts: number): void;
  inertia(x: number, n: number, d: number, c: number, labels: number): number;
}

/** Wasm memory is addressed with 32-bit offsets; larger workspaces use the JavaScript loops. */
export const MAX_KERNEL_BYTES = 2 ** 31 - 2 ** 16;

let compiled: object | null | undefined;

function compiledModule(): object | null {
  if (compiled !== undefined) return compiled;
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    compiled = api ? new api.Module(Uint8Array.from(atob(KERNEL_WASM), (ch) => ch.charCodeAt(0))) : null;
  } catch {
    // A runtime without WebAssembly SIMD: callers fall back to the JavaScript loops.
    compiled = null;
  }
  return compiled;
}

/** A kernel instance over at least `bytes` of zeroed memory, or null when WebAssembly SIMD is unavailable. */
export function createKMeansKernel(bytes: number): KMeansKernel | null {
  if (bytes > MAX_KERNEL_BYTES) return null;
  const module = compiledModule();
  if (module === null) return null;
  const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const memory = new api.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const e = new api.Instance(module, { env: { memory } }).exports;
  return {
    buffer: memory.buffer,
    rowNorms: e.rowNorms as KMeansKernel["rowNorms"],
    assignNearest: e.assignNearest as KMeansKernel["assignNearest"],
    plusPlusRound: e.plusPlusRound as KMeansKernel["plusPlusRound"],
    accumulate: e.accumulate as KMeansKernel["accumulate"],
    inertia: e.inertia as KMeansKernel["inertia"],
  };
}
