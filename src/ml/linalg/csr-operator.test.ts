import { describe, expect, it, vi } from "vitest";
import { CsrMatrix } from "../matrix.js";
import { CsrOperator } from "./csr-operator.js";
import { maxDiff, randomMatrix } from "./random-matrices.suite.js";
import { csrMatVec, csrTransposeMatVec } from "./sparse.js";

function sparseMatrix(rows: number, cols: number): CsrMatrix {
  const dense = randomMatrix(rows, cols, rows * 7 + cols);
  for (let i = 0; i < dense.data.length; i++) if ((i * 2654435761) % 7 > 1) dense.data[i] = 0;
  return CsrMatrix.fromDense(dense);
}

describe("CsrOperator", () => {
  // Rows of odd and even lengths (and empty ones) exercise the kernel's unrolled loop and its tail.
  for (const [rows, cols] of [
    [1, 1],
    [17, 9],
    [200, 31],
  ] as const) {
    it(`matches the JavaScript products on ${rows}x${cols}, repeatedly`, () => {
      const A = sparseMatrix(rows, cols);
      const op = new CsrOperator(A);
      for (let rep = 0; rep < 3; rep++) {
        const x = Float64Array.from({ length: cols }, (_, j) => Math.sin(j + rep));
        const y = Float64Array.from({ length: rows }, (_, i) => Math.cos(i * rep));
        const ax = new Float64Array(rows);
        const aty = new Float64Array(cols);
        op.matVec(x, ax);
        op.transposeMatVec(y, aty);
        expect(maxDiff(ax, csrMatVec(A, x))).toBeLessThan(1e-12);
        expect(maxDiff(aty, csrTransposeMatVec(A, y))).toBeLessThan(1e-12);
      }
    });
  }

  it("falls back to JavaScript without WebAssembly", async () => {
    const A = sparseMatrix(30, 12);
    const x = Float64Array.from({ length: 12 }, (_, j) => j);
    vi.resetModules();
    vi.stubGlobal("WebAssembly", undefined);
    try {
      const fresh = await import("./csr-operator.js");
      const op = new fresh.CsrOperator(A);
      const out = new Float64Array(30);
      op.matVec(x, out);
      expect(maxDiff(out, csrMatVec(A, x))).toBeLessThan(1e-12);
      const back = new Float64Array(12);
      op.transposeMatVec(out, back);
      expect(maxDiff(back, csrTransposeMatVec(A, out))).toBeLessThan(1e-12);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
