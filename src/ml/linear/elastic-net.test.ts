import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/fixtures/datasets.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { ElasticNet } from "./elastic-net.js";
import { Lasso } from "./lasso.js";
import { linearFixture, relDiff } from "./linear-fixture.suite.js";

const diabetes = loadDataset("diabetes");
const fx = linearFixture();

checkEstimator("Lasso", () => new Lasso({ alpha: 0.1 }), { X: diabetes.X, y: diabetes.y });
checkEstimator("ElasticNet", () => new ElasticNet({ alpha: 0.01, selection: "random", seed: 3 }), {
  X: diabetes.X,
  y: diabetes.y,
});

function paramsOf(ref: { params?: Record<string, unknown> }) {
  const p = ref.params!;
  return {
    alpha: p.alpha as number,
    tol: p.tol as number,
    maxIter: p.max_iter as number,
    fitIntercept: p.fit_intercept as boolean,
  };
}

describe("Lasso / ElasticNet parity with scikit-learn", () => {
  // The default-tol fits replay scikit-learn's coordinate descent pass for pass: same n_iter, same coefficients.
  for (const name of ["lasso", "lasso_tight", "lasso_no_intercept"]) {
    it(`${name}: coef, intercept, predictions, n_iter`, () => {
      const ref = fx.regression[name]!;
      const m = new Lasso(paramsOf(ref)).fit(diabetes.X, diabetes.y);
      expect(relDiff(m.coef, ref.coef)).toBeLessThan(1e-6);
      expect(Math.abs(m.intercept - ref.intercept)).toBeLessThan(1e-6 * Math.max(1, Math.abs(ref.intercept)));
      expect(relDiff(m.predict(diabetes.X), ref.predict)).toBeLessThan(1e-6);
      expect(m.nIter).toBe(ref.n_iter);
      expect(m.dualGap).toBeCloseTo(ref.dual_gap!, 6);
    });
  }

  for (const name of ["enet", "enet_tight", "enet_few_iter"]) {
    it(`${name}: coef, intercept, predictions, n_iter`, () => {
      const ref = fx.regression[name]!;
      const m = new ElasticNet({ ...paramsOf(ref), l1Ratio: ref.params!.l1_ratio as number }).fit(
        diabetes.X,
        diabetes.y,
      );
      expect(relDiff(m.coef, ref.coef)).toBeLessThan(1e-6);
      expect(relDiff(m.predict(diabetes.X), ref.predict)).toBeLessThan(1e-6);
      expect(m.nIter).toBe(ref.n_iter);
      expect(m.converged).toBe(name !== "enet_few_iter");
    });
  }

  it("random selection reaches the same optimum at a tight tol", () => {
    const ref = fx.regression.lasso_tight!;
    const m = new Lasso({ ...paramsOf(ref), selection: "random", seed: 7 }).fit(diabetes.X, diabetes.y);
    expect(relDiff(m.coef, ref.coef)).toBeLessThan(1e-6);
  });
});

describe("Lasso / ElasticNet behaviour", () => {
  it("a large alpha zeroes every coefficient and predicts the mean", () => {
    const m = new Lasso({ alpha: 1e6 }).fit(diabetes.X, diabetes.y);
    expect(Array.from(m.coef).every((v) => v === 0)).toBe(true);
    const mean = diabetes.y.reduce((a, b) => a + b, 0) / diabetes.y.length;
    expect(m.intercept).toBeCloseTo(mean, 9);
  });

  it("positive keeps coefficients non-negative", () => {
    const m = new ElasticNet({ alpha: 0.001, positive: true }).fit(diabetes.X, diabetes.y);
    expect(Math.min(...m.coef)).toBeGreaterThanOrEqual(0);
  });

  it("rejects l1Ratio outside [0, 1]", () => {
    expect(() => new ElasticNet({ l1Ratio: 2 })).toThrow(/l1Ratio/);
  });
});
