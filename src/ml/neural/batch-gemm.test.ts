import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../core/index.js";
import { addProduct, gemmScratch, transposeInto } from "./batch-gemm.js";
import { BatchWorkspace } from "./batch-workspace.js";

function fill(a: Float64Array, zeroShare: number, rng: SeededRandom): void {
  for (let p = 0; p < a.length; p++) a[p] = rng.next() < zeroShare ? 0 : rng.normal();
}

describe("batch products", () => {
  it("addProduct equals the naive triple loop, zeros skipped or not", () => {
    const rng = new SeededRandom(1);
    for (const [m, k, n] of [
      [1, 1, 1],
      [3, 5, 7],
      [9, 4, 2],
      [5, 13, 10],
    ] as const) {
      const A = new Float64Array(m * k);
      const B = new Float64Array(k * n);
      const C = new Float64Array(m * n);
      fill(A, 0.4, rng);
      fill(B, 0, rng);
      fill(C, 0, rng);
      const expected = C.slice();
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) expected[i * n + j]! += A[i * k + p]! * B[p * n + j]!;
      addProduct(A, m, k, B, n, C, gemmScratch(k));
      for (let q = 0; q < C.length; q++) expect(C[q]).toBeCloseTo(expected[q]!, 12);
    }
  });

  it("the workspace's (SIMD) kernel gives exactly the JavaScript kernel's results, odd widths included", () => {
    const rng = new SeededRandom(2);
    for (const [m, k, n] of [
      [1, 1, 1],
      [7, 9, 5],
      [200, 64, 10],
      [64, 31, 33],
    ] as const) {
      const ws = new BatchWorkspace(m * k + k * n + m * n, 3, Math.max(m, k, n));
      const A = ws.alloc(m * k);
      const B = ws.alloc(k * n);
      const C = ws.alloc(m * n);
      fill(A, 0.5, rng);
      fill(B, 0, rng);
      fill(C, 0, rng);
      const expected = C.slice();
      addProduct(A.slice(), m, k, B.slice(), n, expected, gemmScratch(k));
      ws.addProduct(A, m, k, B, n, C);
      expect(Array.from(C)).toEqual(Array.from(expected));
    }
  });

  it("transposeInto transposes", () => {
    const out = new Float64Array(6);
    transposeInto(Float64Array.from([1, 2, 3, 4, 5, 6]), 2, 3, out);
    expect(Array.from(out)).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it("allocations are zeroed views that never overlap", () => {
    const ws = new BatchWorkspace(10, 2, 4);
    const a = ws.alloc(3);
    const b = ws.alloc(7);
    a.fill(1);
    expect(Array.from(b)).toEqual(new Array(7).fill(0));
    expect(() => ws.alloc(100)).toThrow(/room/);
  });
});

describe("BatchWorkspace element-wise steps: kernel (arrays inside) and JavaScript (arrays outside) agree", () => {
  const rng = new SeededRandom(3);
  const len = 37;
  const ws = new BatchWorkspace(12 * len, 12, 8);
  const inside = () => ws.alloc(len);
  const both = (zeroShare = 0) => {
    const a = inside();
    fill(a, zeroShare, rng);
    return { a, b: a.slice() };
  };

  it("transpose, fillRows, relu, reluMask", () => {
    // Node 20 has WebAssembly SIMD, so the kernel path is the one under test here.
    expect(ws.simd).toBe(true);
    const A = both();
    const outIn = inside();
    const outJs = new Float64Array(len);
    ws.transpose(A.a, 1, len, outIn);
    ws.transpose(A.b, 1, len, outJs);
    expect(Array.from(outIn)).toEqual(Array.from(outJs));
    const row = both();
    ws.fillRows(row.a.subarray(0, 5), 7, 5, outIn);
    ws.fillRows(row.b.subarray(0, 5), 7, 5, outJs);
    expect(Array.from(outIn)).toEqual(Array.from(outJs));
    const Z = both(0.3);
    ws.relu(Z.a, len);
    ws.relu(Z.b, len);
    expect(Array.from(Z.a)).toEqual(Array.from(Z.b));
    expect(Math.min(...Z.a)).toBe(0);
    const D = both();
    ws.reluMask(Z.a, D.a, len);
    ws.reluMask(Z.b, D.b, len);
    expect(Array.from(D.a)).toEqual(Array.from(D.b));
  });

  it("scaleGradient and adam", () => {
    const G = both();
    const W = both();
    ws.scaleGradient(G.a, W.a, 0.3, 0.5);
    ws.scaleGradient(G.b, W.b, 0.3, 0.5);
    expect(Array.from(G.a)).toEqual(Array.from(G.b));
    const P = both();
    const m = both();
    const v = both();
    for (let q = 0; q < len; q++) {
      v.a[q] = Math.abs(v.a[q]!);
      v.b[q] = v.a[q]!;
    }
    ws.adam(P.a, G.a, m.a, v.a, 0.01, 0.9, 0.999, 1e-8);
    ws.adam(P.b, G.b, m.b, v.b, 0.01, 0.9, 0.999, 1e-8);
    expect(Array.from(P.a)).toEqual(Array.from(P.b));
    expect(Array.from(m.a)).toEqual(Array.from(m.b));
    expect(Array.from(v.a)).toEqual(Array.from(v.b));
  });
});
