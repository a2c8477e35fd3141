import { describe, expect, it } from "vitest";
import { minimizeLbfgs } from "./lbfgs.js";
import { MoreThuente } from "./line-search.js";
import { minimizeOwlqn } from "./owlqn.js";

function rosenbrock(x: Float64Array, g: Float64Array): number {
  let f = 0;
  g.fill(0);
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i + 1]! - x[i]! * x[i]!;
    const b = 1 - x[i]!;
    f += 100 * a * a + b * b;
    g[i] += -400 * x[i]! * a - 2 * b;
    g[i + 1] += 200 * a;
  }
  return f;
}

describe("minimizeLbfgs", () => {
  it("finds the minimum of the Rosenbrock function", () => {
    const r = minimizeLbfgs(rosenbrock, [-1.2, 1, -1.2, 1, 0.5], { gtol: 1e-10, ftol: 0 });
    expect(r.converged).toBe(true);
    for (const v of r.x) expect(v).toBeCloseTo(1, 7);
    expect(r.f).toBeLessThan(1e-14);
    expect(r.iterations).toBeLessThan(200);
  });

  it("solves a convex quadratic to the gradient tolerance", () => {
    const diag = [1, 10, 100, 1000];
    const fun = (x: Float64Array, g: Float64Array): number => {
      let f = 0;
      for (let i = 0; i < 4; i++) {
        const d = x[i]! - i;
        f += 0.5 * diag[i]! * d * d;
        g[i] = diag[i]! * d;
      }
      return f;
    };
    const r = minimizeLbfgs(fun, [0, 0, 0, 0], { gtol: 1e-9, ftol: 0 });
    expect(r.converged).toBe(true);
    expect(Math.max(...Array.from(r.grad, Math.abs))).toBeLessThanOrEqual(1e-9);
    for (let i = 0; i < 4; i++) expect(r.x[i]).toBeCloseTo(i, 9);
  });

  it("stops at the iteration limit and reports it", () => {
    const r = minimizeLbfgs(rosenbrock, [-1.2, 1], { maxIter: 3 });
    expect(r.iterations).toBe(3);
    expect(r.converged).toBe(false);
    expect(r.message).toMatch(/iteration/);
  });

  it("returns at once when started at a stationary point", () => {
    const r = minimizeLbfgs(rosenbrock, [1, 1]);
    expect(r.iterations).toBe(0);
    expect(r.converged).toBe(true);
  });
});

describe("MoreThuente", () => {
  it("finds a strong-Wolfe step on a one-dimensional quadratic", () => {
    // φ(t) = (t − 3)², φ'(0) = −6: the exact minimiser t = 3 satisfies the conditions.
    const ls = new MoreThuente(9, -6, 1);
    let status = "evaluate";
    for (let k = 0; k < 20 && status === "evaluate"; k++) {
      const t = ls.stp;
      status = ls.next((t - 3) ** 2, 2 * (t - 3));
    }
    expect(status).toBe("converged");
    expect(Math.abs(2 * (ls.stp - 3))).toBeLessThanOrEqual(0.9 * 6);
    expect((ls.stp - 3) ** 2).toBeLessThanOrEqual(9 - 1e-3 * 6 * ls.stp);
  });

  it("refuses a direction that does not descend", () => {
    expect(new MoreThuente(1, 2, 1).invalid).toBe(true);
  });
});

describe("minimizeOwlqn", () => {
  it("solves a lasso-type problem exactly, with zeros where the penalty wins", () => {
    // f(x) = ½‖x − c‖², penalty λ‖x‖₁: the solution is soft-thresholding of c.
    const c = [3, -0.5, 0.2, -2];
    const fun = (x: Float64Array, g: Float64Array): number => {
      let f = 0;
      for (let i = 0; i < 4; i++) {
        g[i] = x[i]! - c[i]!;
        f += 0.5 * g[i]! * g[i]!;
      }
      return f;
    };
    const r = minimizeOwlqn(fun, [0, 0, 0, 0], [1, 1, 1, 0], { gtol: 1e-12, ftol: 0 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(2, 10);
    expect(r.x[1]).toBe(0);
    expect(r.x[2]).toBe(0);
    expect(r.x[3]).toBeCloseTo(-2, 10);
    expect(r.f).toBeCloseTo(0.5 * (0.25 + 0.04) + 2 + 0.5, 10);
  });
});
