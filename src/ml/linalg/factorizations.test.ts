import { describe, expect, it } from "vitest";
import { Matrix } from "../matrix.js";
import { cholesky, choleskySolve, solvePositiveDefinite } from "./cholesky.js";
import { matVec } from "./dense.js";
import { lstsq } from "./lstsq.js";
import { applyQ, applyQTranspose, householderQr, qrR } from "./qr.js";
import { maxDiff, naiveMatMul, randomMatrix } from "./random-matrices.suite.js";
import { svd } from "./svd.js";

describe("cholesky", () => {
  it("factors and solves a positive definite system", () => {
    const X = randomMatrix(40, 8, 3);
    const A = naiveMatMul(X.transpose(), X);
    const L = cholesky(A)!;
    expect(maxDiff(naiveMatMul(L, L.transpose()).data, A.data)).toBeLessThan(1e-10);
    const b = Float64Array.from({ length: 8 }, (_, i) => i);
    const x = choleskySolve(L, b);
    expect(maxDiff(matVec(A, x), b)).toBeLessThan(1e-10);
  });

  it("returns null for a matrix that is not positive definite", () => {
    expect(
      cholesky(
        Matrix.fromRows([
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toBeNull();
    expect(
      solvePositiveDefinite(
        Matrix.fromRows([
          [0, 0],
          [0, 1],
        ]),
        [1, 1],
      ),
    ).toBeNull();
    expect(() => cholesky(new Matrix(2, 3))).toThrow(/square/);
  });
});

describe("householder QR and SVD", () => {
  it("Q R reproduces A and Q is orthogonal", () => {
    const A = randomMatrix(12, 5, 4);
    const qr = householderQr(A);
    const R = new Matrix(5, 5, qrR(qr));
    for (let j = 0; j < 5; j++) {
      const e = new Float64Array(12);
      const col = new Float64Array(12);
      for (let i = 0; i <= j; i++) e[i] = R.get(i, j);
      const qe = applyQ(qr, e);
      for (let i = 0; i < 12; i++) col[i] = A.get(i, j);
      expect(maxDiff(qe, col)).toBeLessThan(1e-12);
      expect(maxDiff(applyQTranspose(qr, qe), e)).toBeLessThan(1e-12);
    }
  });

  it("SVD reproduces A with orthonormal factors and descending values, tall and wide", () => {
    for (const A of [randomMatrix(9, 4, 5), randomMatrix(3, 7, 6)]) {
      const { U, s, V } = svd(A);
      const k = s.length;
      const US = new Matrix(U.rows, k);
      for (let i = 0; i < U.rows; i++) for (let t = 0; t < k; t++) US.data[i * k + t] = U.get(i, t) * s[t]!;
      expect(maxDiff(naiveMatMul(US, V.transpose()).data, A.data)).toBeLessThan(1e-12);
      expect(maxDiff(naiveMatMul(V.transpose(), V).data, Matrix.identity(k).data)).toBeLessThan(1e-12);
      for (let t = 1; t < k; t++) expect(s[t]!).toBeLessThanOrEqual(s[t - 1]!);
    }
  });
});

describe("lstsq", () => {
  it("solves full-rank least squares like the normal equations", () => {
    const A = randomMatrix(30, 4, 7);
    const b = Float64Array.from({ length: 30 }, (_, i) => Math.sin(i));
    const { x, rank } = lstsq(A, b);
    expect(rank).toBe(4);
    const At = A.transpose();
    const ref = solvePositiveDefinite(naiveMatMul(At, A), matVec(At, b))!;
    expect(maxDiff(x, ref)).toBeLessThan(1e-12);
  });

  it("gives the minimum-norm solution when columns are dependent", () => {
    // Columns 0 and 1 are equal: any split of their weight fits; the min-norm one splits it evenly.
    const A = Matrix.fromRows([
      [1, 1, 0],
      [2, 2, 1],
      [3, 3, 0],
      [4, 4, 1],
    ]);
    const { x, rank } = lstsq(A, [2, 5, 6, 9]);
    expect(rank).toBe(2);
    expect(x[0]).toBeCloseTo(x[1]!, 12);
    expect(x[0]).toBeCloseTo(1, 12);
    expect(x[2]).toBeCloseTo(1, 12);
  });

  it("gives the minimum-norm solution of an underdetermined system and supports damping", () => {
    const A = Matrix.fromRows([[1, 2, 2]]);
    const { x } = lstsq(A, [9]);
    expect(Array.from(x).map((v) => Number(v.toFixed(12)))).toEqual([1, 2, 2]);
    const damped = lstsq(A, [9], { alpha: 1 }).x;
    // Ridge: x = Aᵀ (A Aᵀ + 1)⁻¹ b = Aᵀ · 9/10.
    expect(maxDiff(damped, [0.9, 1.8, 1.8])).toBeLessThan(1e-12);
  });
});
