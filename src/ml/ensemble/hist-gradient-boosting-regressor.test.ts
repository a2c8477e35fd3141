import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/fixtures/datasets.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { parityData, REGRESSION_SETS, treesFixture } from "../tree/sklearn-trees.suite.js";
import { HistGradientBoostingRegressor } from "./hist-gradient-boosting-regressor.js";

const diabetes = loadDataset("diabetes");

checkEstimator(
  "HistGradientBoostingRegressor",
  () => new HistGradientBoostingRegressor({ maxIter: 10, maxDepth: 3 }),
  { X: diabetes.X, y: diabetes.y },
  { skip: { nanInput: "NaN is a missing value here, as in scikit-learn (infinity is tested below)" } },
);

describe("HistGradientBoostingRegressor", () => {
  it("starts from the mean and improves the training fit with every iteration", () => {
    const one = new HistGradientBoostingRegressor({ maxIter: 1, learningRate: 1e-9 }).fit(diabetes.X, diabetes.y);
    const mean = diabetes.y.reduce((a, b) => a + b, 0) / diabetes.y.length;
    expect(one.predict(diabetes.X)[0]).toBeCloseTo(mean, 5);
    const few = new HistGradientBoostingRegressor({ maxIter: 5 }).fit(diabetes.X, diabetes.y);
    const many = new HistGradientBoostingRegressor({ maxIter: 50 }).fit(diabetes.X, diabetes.y);
    expect(many.score(diabetes.X, diabetes.y)).toBeGreaterThan(few.score(diabetes.X, diabetes.y));
  });

  it("limits leaves, depth and leaf sizes", () => {
    const stump = new HistGradientBoostingRegressor({ maxIter: 3, maxLeafNodes: 2 }).fit(diabetes.X, diabetes.y);
    const deep = new HistGradientBoostingRegressor({ maxIter: 3, maxLeafNodes: null, maxDepth: 2 }).fit(
      diabetes.X,
      diabetes.y,
    );
    const leaves = (m: HistGradientBoostingRegressor, t: number) => {
      const { treeStart, left } = m.trees;
      let n = 0;
      for (let i = treeStart[t]!; i < treeStart[t + 1]!; i++) if (left[i] === -1) n++;
      return n;
    };
    for (let t = 0; t < 3; t++) expect(leaves(stump, t)).toBe(2);
    for (let t = 0; t < 3; t++) expect(leaves(deep, t)).toBeLessThanOrEqual(4);
    expect(stump.score(diabetes.X, diabetes.y)).toBeLessThan(deep.score(diabetes.X, diabetes.y));
    expect(() => new HistGradientBoostingRegressor({ maxBins: 256 })).toThrow(/maxBins/);
  });

  it("rejects infinity (NaN is missing, infinity is an error)", () => {
    const X = diabetes.X.clone();
    X.set(5, 0, Number.NEGATIVE_INFINITY);
    expect(() => new HistGradientBoostingRegressor().fit(X, diabetes.y)).toThrow(/row 5/);
  });
});

describe("HistGradientBoostingRegressor vs scikit-learn 1.2 (held-out splits of scripts/sklearn/trees.py)", () => {
  const fx = treesFixture();
  // The "_missing" set has NaN in 10% of four columns' values: NaN handling as in scikit-learn.
  for (const name of [...REGRESSION_SETS, "generated_regression_missing" as const]) {
    it(`${name}: held-out R² within 1 point of scikit-learn's`, () => {
      const ref = fx.results["HistGradientBoostingRegressor"]![name]!;
      const { Xtrain, ytrain, Xtest, ytest } = parityData(name);
      const model = new HistGradientBoostingRegressor().fit(Xtrain, ytrain);
      expect(Math.abs(model.score(Xtest, ytest) - ref.score)).toBeLessThanOrEqual(0.01);
    });
  }
});
