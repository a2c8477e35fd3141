import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/fixtures/datasets.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { parityData, REGRESSION_SETS, treesFixture } from "../tree/sklearn-trees.suite.js";
import { RandomForestRegressor } from "./random-forest-regressor.js";

const diabetes = loadDataset("diabetes");

checkEstimator("RandomForestRegressor", () => new RandomForestRegressor({ nEstimators: 5, oobScore: true }), {
  X: diabetes.X,
  y: diabetes.y,
});
checkEstimator(
  "RandomForestRegressor (few features per split)",
  () => new RandomForestRegressor({ nEstimators: 4, maxFeatures: "sqrt", minSamplesLeaf: 3 }),
  { X: diabetes.X, y: diabetes.y },
);

describe("RandomForestRegressor", () => {
  it("predicts the mean of its trees and reports importances summing to 1", () => {
    const forest = new RandomForestRegressor({ nEstimators: 8, maxDepth: 5 }).fit(diabetes.X, diabetes.y);
    expect(forest.trees.length).toBe(8);
    expect(forest.featureImportances.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(forest.score(diabetes.X, diabetes.y)).toBeGreaterThan(0.5);
    expect(forest.oobScore).toBeNull();
  });
});

describe("RandomForestRegressor vs scikit-learn 1.2 (100 trees, held-out splits of scripts/sklearn/trees.py)", () => {
  const fx = treesFixture();
  for (const name of REGRESSION_SETS) {
    it(`${name}: held-out R² within 1 point of scikit-learn's, out-of-bag R² close to its own`, () => {
      const ref = fx.results["RandomForestRegressor"]![name]!;
      const { Xtrain, ytrain, Xtest, ytest } = parityData(name);
      const model = new RandomForestRegressor({ oobScore: true }).fit(Xtrain, ytrain);
      expect(model.score(Xtest, ytest)).toBeGreaterThanOrEqual(ref.score - 0.01);
      expect(Math.abs(model.oobScore! - ref.oobScore!)).toBeLessThan(0.03);
    });
  }
});
