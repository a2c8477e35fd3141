import { describe, expect, it, vi } from "vitest";
import { Matrix } from "../matrix.js";
import { centeredGram, gram } from "./gram.js";
import { maxDiff, naiveMatMul, randomMatrix } from "./random-matrices.suite.js";

function reference(X: Matrix, shift: Float64Array, w: Float64Array): Matrix {
  const C = new Matrix(X.rows, X.cols);
  const Cw = new Matrix(X.rows, X.cols);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) {
      C.data[i * X.cols + j] = X.get(i, j) - shift[j]!;
      Cw.data[i * X.cols + j] = (X.get(i, j) - shift[j]!) * w[i]!;
    }
  }
  return naiveMatMul(C.transpose(), Cw);
}

describe("gram", () => {
  // Odd row counts and widths exercise the zero padding of the SIMD kernel (pairs of rows, groups of 4 columns).
  for (const [rows, cols] of [
    [1, 1],
    [7, 3],
    [301, 9],
    [260, 16],
  ] as const) {
    it(`XᵀX of ${rows}x${cols} with and without shift and weights`, () => {
      const X = randomMatrix(rows, cols, rows + cols, 2);
      const ones = new Float64Array(rows).fill(1);
      const zero = new Float64Array(cols);
      const plain = gram(X);
      expect(maxDiff(plain.data, reference(X, zero, ones).data)).toBeLessThan(1e-9);
      const shift = Float64Array.from({ length: cols }, (_, j) => j * 0.5);
      const w = Float64Array.from({ length: rows }, (_, i) => (i % 4) * 0.7);
      expect(maxDiff(gram(X, { shift, weights: w }).data, reference(X, shift, w).data)).toBeLessThan(1e-9);
      for (let j = 0; j < cols; j++) for (let k = 0; k < cols; k++) expect(plain.get(j, k)).toBe(plain.get(k, j));
    });
  }

  it("centeredGram centres on the weighted means in one pass, even with large means", () => {
    const X = randomMatrix(500, 6, 9, 1e6);
    const y = Float64Array.from({ length: 500 }, (_, i) => 1e5 + Math.sin(i));
    const w = Float64Array.from({ length: 500 }, (_, i) => 1 + (i % 3));
    const r = centeredGram(X, y, { weights: w });
    let W = 0;
    const mean = new Float64Array(6);
    let ym = 0;
    for (let i = 0; i < 500; i++) {
      W += w[i]!;
      ym += w[i]! * y[i]!;
      for (let j = 0; j < 6; j++) mean[j] += w[i]! * X.get(i, j);
    }
    for (let j = 0; j < 6; j++) mean[j] /= W;
    ym /= W;
    expect(r.weightSum).toBeCloseTo(W, 9);
    expect(maxDiff(r.xMean, mean)).toBeLessThan(1e-6);
    expect(r.yMean).toBeCloseTo(ym, 8);
    const G = reference(X, mean, w);
    expect(maxDiff(r.gram.data, G.data) / G.get(0, 0)).toBeLessThan(1e-10);
    const xty = new Float64Array(6);
    let yty = 0;
    for (let i = 0; i < 500; i++) {
      for (let j = 0; j < 6; j++) xty[j] += w[i]! * (X.get(i, j) - mean[j]!) * (y[i]! - ym);
      yty += w[i]! * (y[i]! - ym) ** 2;
    }
    expect(maxDiff(r.xty, xty)).toBeLessThan(1e-6);
    expect(r.yty).toBeCloseTo(yty, 6);
    expect(r.finite).toBe(true);
  });

  it("centeredGram reports non-finite data", () => {
    const X = randomMatrix(20, 3, 1);
    X.data[10] = Number.NaN;
    expect(centeredGram(X, new Float64Array(20)).finite).toBe(false);
    const y = new Float64Array(20);
    y[3] = Number.POSITIVE_INFINITY;
    expect(centeredGram(randomMatrix(20, 3, 1), y, { center: false }).finite).toBe(false);
  });
});

describe("gram without WebAssembly", () => {
  it("falls back to the JavaScript kernel with the same result", async () => {
    const X = randomMatrix(131, 7, 2, 1);
    const expected = gram(X).data;
    vi.resetModules();
    vi.stubGlobal("WebAssembly", undefined);
    try {
      const fresh = await import("./gram.js");
      expect(maxDiff(fresh.gram(X).data, expected)).toBeLessThan(1e-9);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
