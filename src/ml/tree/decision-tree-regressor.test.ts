import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/fixtures/datasets.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { Matrix } from "../matrix.js";
import { DecisionTreeRegressor } from "./decision-tree-regressor.js";
import { parityData, REGRESSION_SETS, treesFixture } from "./sklearn-trees.suite.js";

const diabetes = loadDataset("diabetes");

checkEstimator("DecisionTreeRegressor", () => new DecisionTreeRegressor({ maxFeatures: "sqrt", seed: 4 }), {
  X: diabetes.X,
  y: diabetes.y,
});

describe("DecisionTreeRegressor", () => {
  it("predicts leaf means and splits halfway between values", () => {
    const X = Matrix.fromRows([[1], [2], [3], [10], [11]]);
    const model = new DecisionTreeRegressor({ maxDepth: 1 }).fit(X, [1, 2, 3, 10, 11]);
    expect(model.tree.threshold[0]).toBe(6.5);
    expect(Array.from(model.predict([[0], [7]]))).toEqual([2, 10.5]);
    expect(model.tree.impurity[1]).toBeCloseTo(2 / 3, 12);
  });

  it("fits the training targets exactly when grown fully, and honours minSamplesSplit", () => {
    const full = new DecisionTreeRegressor().fit(diabetes.X, diabetes.y);
    expect(full.score(diabetes.X, diabetes.y)).toBeGreaterThan(0.999);
    const coarse = new DecisionTreeRegressor({ minSamplesSplit: 100 }).fit(diabetes.X, diabetes.y);
    const { left, nNodeSamples, nodeCount } = coarse.tree;
    for (let node = 0; node < nodeCount; node++)
      if (left[node] !== -1) expect(nNodeSamples[node]).toBeGreaterThanOrEqual(100);
    expect(coarse.featureImportances.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("stops splitting when the impurity decrease is below minImpurityDecrease", () => {
    const loose = new DecisionTreeRegressor().fit(diabetes.X, diabetes.y);
    const strict = new DecisionTreeRegressor({ minImpurityDecrease: 50 }).fit(diabetes.X, diabetes.y);
    expect(strict.getNLeaves()).toBeLessThan(loose.getNLeaves() / 5);
  });
});

describe("DecisionTreeRegressor vs scikit-learn 1.2 (held-out splits of scripts/sklearn/trees.py)", () => {
  const fx = treesFixture();
  const configs: Record<string, { maxDepth?: number }> = {
    DecisionTreeRegressor: {},
    DecisionTreeRegressor_depth4: { maxDepth: 4 },
  };
  for (const [key, params] of Object.entries(configs)) {
    for (const name of REGRESSION_SETS) {
      it(`${key} on ${name}: R² within 1 point of scikit-learn's`, () => {
        const ref = fx.results[key]![name]!;
        const { Xtrain, ytrain, Xtest, ytest } = parityData(name);
        const model = new DecisionTreeRegressor(params).fit(Xtrain, ytrain);
        expect(model.score(Xtest, ytest)).toBeGreaterThanOrEqual(Math.min(...ref.seedScores!) - 0.01);
        const pred = model.predict(Xtest);
        let agree = 0;
        for (let i = 0; i < pred.length; i++) if (Math.abs(pred[i]! - ref.predictions![i]!) < 1e-9) agree++;
        // Fully grown regression trees tie in almost every deep node; depth-limited ones must match.
        if (params.maxDepth) {
          expect(agree / pred.length).toBe(1);
          expect(model.tree.nodeCount).toBe(ref.nodeCount);
          const imp = model.featureImportances;
          for (let f = 0; f < imp.length; f++) expect(imp[f]).toBeCloseTo(ref.featureImportances![f]!, 12);
        } else expect(agree / pred.length).toBeGreaterThanOrEqual(Math.min(...ref.seedAgreement!) - 0.05);
      });
    }
  }
});

describe("tree prediction", () => {
  it("matches a plain walk of the tree arrays comparing float32 features (x <= threshold goes left)", () => {
    const model = new DecisionTreeRegressor().fit(diabetes.X, diabetes.y);
    const { feature, threshold, left, right, value } = model.tree;
    // Rows between and around the training values exercise thresholds of every rounding.
    const X = diabetes.X.clone();
    for (let p = 0; p < X.data.length; p++) X.data[p] = X.data[p]! * (1 + ((p % 7) - 3) * 1e-7);
    const predicted = model.predict(X);
    for (let i = 0; i < X.rows; i++) {
      let node = 0;
      while (left[node] !== -1) {
        node = Math.fround(X.get(i, feature[node]!)) <= threshold[node]! ? left[node]! : right[node]!;
      }
      expect(predicted[i]).toBe(value[node]);
    }
  });
});
