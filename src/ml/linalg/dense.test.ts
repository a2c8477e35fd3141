import { describe, expect, it } from "vitest";
import { CsrMatrix, Matrix } from "../matrix.js";
import { dot, matMul, matMulTransposed, matTVec, matVec } from "./dense.js";
import { maxDiff, naiveMatMul, randomMatrix } from "./random-matrices.suite.js";
import { csrColumnSums, csrGram, csrMatVec, csrTransposeMatVec } from "./sparse.js";

describe("dense products", () => {
  const A = randomMatrix(13, 7, 1);
  const B = randomMatrix(7, 5, 2);
  const x = Float64Array.from({ length: 7 }, (_, i) => i - 3.5);
  const y = Float64Array.from({ length: 13 }, (_, i) => Math.cos(i));

  it("matMul and matMulTransposed agree with the triple loop", () => {
    expect(maxDiff(matMul(A, B).data, naiveMatMul(A, B).data)).toBeLessThan(1e-12);
    expect(maxDiff(matMulTransposed(A, A).data, naiveMatMul(A, A.transpose()).data)).toBeLessThan(1e-12);
    const C = randomMatrix(4, 7, 3);
    expect(maxDiff(matMulTransposed(A, C).data, naiveMatMul(A, C.transpose()).data)).toBeLessThan(1e-12);
  });

  it("matVec, matTVec and dot agree with matMul", () => {
    const col = naiveMatMul(A, new Matrix(7, 1, x));
    expect(maxDiff(matVec(A, x), col.data)).toBeLessThan(1e-12);
    const tv = naiveMatMul(A.transpose(), new Matrix(13, 1, y));
    expect(maxDiff(matTVec(A, y), tv.data)).toBeLessThan(1e-12);
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
  });

  it("rejects mismatched shapes", () => {
    expect(() => matMul(A, A)).toThrow(/Shapes/);
    expect(() => matVec(A, y)).toThrow(/Shapes/);
    expect(() => matTVec(A, x)).toThrow(/Shapes/);
  });
});

describe("sparse products", () => {
  const dense = randomMatrix(9, 6, 4);
  for (let i = 0; i < dense.data.length; i++) if (i % 3 !== 0) dense.data[i] = 0;
  const S = CsrMatrix.fromDense(dense);
  const x = Float64Array.from({ length: 6 }, (_, i) => i + 1);
  const y = Float64Array.from({ length: 9 }, (_, i) => 2 - i);
  const w = Float64Array.from({ length: 9 }, (_, i) => 0.5 + i);

  it("match the dense products", () => {
    expect(maxDiff(csrMatVec(S, x), matVec(dense, x))).toBeLessThan(1e-12);
    expect(maxDiff(csrTransposeMatVec(S, y), matTVec(dense, y))).toBeLessThan(1e-12);
    expect(maxDiff(csrColumnSums(S, w), matTVec(dense, w))).toBeLessThan(1e-12);
    const scaled = dense.clone();
    for (let i = 0; i < 9; i++) for (let j = 0; j < 6; j++) scaled.data[i * 6 + j] *= w[i]!;
    expect(maxDiff(csrGram(S, w).data, naiveMatMul(dense.transpose(), scaled).data)).toBeLessThan(1e-12);
    expect(() => csrMatVec(S, y)).toThrow(/Shapes/);
  });
});
