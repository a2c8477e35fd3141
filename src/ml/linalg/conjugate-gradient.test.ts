import { describe, expect, it } from "vitest";
import { solvePositiveDefinite } from "./cholesky.js";
import { conjugateGradient } from "./conjugate-gradient.js";
import { matVec } from "./dense.js";
import { maxDiff, naiveMatMul, randomMatrix } from "./random-matrices.suite.js";

describe("conjugateGradient", () => {
  it("solves a positive definite system to the requested tolerance", () => {
    const X = randomMatrix(60, 20, 8);
    const A = naiveMatMul(X.transpose(), X);
    const b = Float64Array.from({ length: 20 }, (_, i) => Math.cos(i));
    const r = conjugateGradient((v, out) => matVec(A, v, out), b, { tol: 1e-13 });
    expect(r.converged).toBe(true);
    expect(maxDiff(r.x, solvePositiveDefinite(A, b)!)).toBeLessThan(1e-10);
  });

  it("returns zero for a zero right-hand side and reports a non-converged run", () => {
    expect(conjugateGradient((v, out) => out.set(v), new Float64Array(3)).iterations).toBe(0);
    const A = randomMatrix(30, 30, 2);
    const S = naiveMatMul(A.transpose(), A);
    const r = conjugateGradient((v, out) => matVec(S, v, out), new Float64Array(30).fill(1), { maxIter: 2 });
    expect(r.converged).toBe(false);
  });
});
