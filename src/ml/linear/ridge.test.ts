import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/fixtures/datasets.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import { linearFixture, relDiff, toCsr } from "./linear-fixture.suite.js";
import { Ridge } from "./ridge.js";

const diabetes = loadDataset("diabetes");
const fx = linearFixture();

checkEstimator("Ridge", () => new Ridge({ alpha: 0.5 }), { X: diabetes.X, y: diabetes.y });
checkEstimator("Ridge (sparse)", () => new Ridge(), { X: toCsr(fx.sparse_ridge.tall.X), y: fx.sparse_ridge.tall.y });

describe("Ridge parity with scikit-learn", () => {
  it("diabetes: alpha 1, weighted alpha 0.3, and without intercept", () => {
    const cases = [
      [new Ridge({ alpha: 1 }).fit(diabetes.X, diabetes.y), fx.regression.ridge!],
      [
        new Ridge({ alpha: 0.3 }).fit(diabetes.X, diabetes.y, fx.regression.sample_weight),
        fx.regression.ridge_weighted!,
      ],
      [new Ridge({ alpha: 2, fitIntercept: false }).fit(diabetes.X, diabetes.y), fx.regression.ridge_no_intercept!],
    ] as const;
    for (const [m, ref] of cases) {
      expect(relDiff(m.coef, ref.coef)).toBeLessThan(1e-6);
      expect(Math.abs(m.intercept - ref.intercept)).toBeLessThan(1e-6 * Math.max(1, Math.abs(ref.intercept)));
      expect(relDiff(m.predict(diabetes.X), ref.predict)).toBeLessThan(1e-6);
    }
  });

  it("more columns than rows: the dual solution", () => {
    const X = Matrix.fromRows(fx.rank_deficient.wide.X);
    const ref = fx.rank_deficient.ridge_dual;
    const m = new Ridge({ alpha: 0.5 }).fit(X, fx.rank_deficient.wide.y);
    expect(relDiff(m.coef, ref.coef)).toBeLessThan(1e-6);
    expect(relDiff(m.predict(X), ref.predict)).toBeLessThan(1e-6);
    const svd = new Ridge({ alpha: 0.5, solver: "svd" }).fit(X, fx.rank_deficient.wide.y);
    expect(relDiff(svd.coef, ref.coef)).toBeLessThan(1e-6);
  });

  for (const name of ["tall", "wide"] as const) {
    it(`sparse input (${name}), weighted with intercept and unweighted without, kept sparse`, () => {
      const c = fx.sparse_ridge[name];
      const X = toCsr(c.X);
      const weighted = new Ridge({ alpha: 0.7 }).fit(X, c.y, c.sample_weight);
      expect(relDiff(weighted.coef, c.weighted.coef)).toBeLessThan(1e-6);
      expect(Math.abs(weighted.intercept - c.weighted.intercept)).toBeLessThan(1e-6);
      expect(relDiff(weighted.predict(X), c.weighted.predict)).toBeLessThan(1e-6);
      const plain = new Ridge({ alpha: 0.7, fitIntercept: false }).fit(X, c.y);
      expect(relDiff(plain.coef, c.no_intercept.coef)).toBeLessThan(1e-6);
      // The conjugate-gradient path (solver sparse_cg at a tight tol) reaches the same solution.
      const cg = new Ridge({ alpha: 0.7, solver: "sparse_cg", tol: 1e-12 }).fit(X, c.y, c.sample_weight);
      expect(relDiff(cg.coef, c.weighted.coef)).toBeLessThan(1e-6);
      // Dense input gives the same model.
      const dense = new Ridge({ alpha: 0.7 }).fit(X.toDense(), c.y, c.sample_weight);
      expect(relDiff(dense.coef, c.weighted.coef)).toBeLessThan(1e-6);
    });
  }
});

describe("Ridge edge cases", () => {
  it("alpha 0 on collinear columns falls back to the minimum-norm solution", () => {
    const ref = fx.rank_deficient.tall;
    const X = Matrix.fromRows(ref.X);
    const m = new Ridge({ alpha: 0 }).fit(X, ref.y);
    expect(relDiff(m.coef, ref.coef)).toBeLessThan(1e-6);
  });

  it("rejects NaN in sparse input and a wrong width at predict time", () => {
    const X = CsrMatrix.fromDense(
      Matrix.fromRows([
        [1, 0],
        [0, 2],
        [3, 0],
      ]),
    );
    X.data[1] = Number.NaN;
    expect(() => new Ridge().fit(X, [1, 2, 3])).toThrow(/row 1/);
    const m = new Ridge().fit(diabetes.X, diabetes.y);
    expect(() => m.predict(toCsr(fx.sparse_ridge.tall.X))).toThrow(/columns/);
  });
});
