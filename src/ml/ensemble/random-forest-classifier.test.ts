import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/fixtures/datasets.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { CLASSIFICATION_SETS, parityData, treesFixture } from "../tree/sklearn-trees.suite.js";
import { RandomForestClassifier } from "./random-forest-classifier.js";

const iris = loadDataset("iris");
const generated = parityData("generated");

checkEstimator("RandomForestClassifier", () => new RandomForestClassifier({ nEstimators: 5, seed: 2 }), {
  X: iris.X,
  y: iris.y.map((v) => ["setosa", "versicolor", "virginica"][v]!),
});
// More than 1024 rows: the root nodes are searched on bins.
checkEstimator(
  "RandomForestClassifier (binned large nodes, oob)",
  () => new RandomForestClassifier({ nEstimators: 3, oobScore: true, maxDepth: 8 }),
  { X: generated.Xtrain, y: generated.ytrain, Xtest: generated.Xtest },
);

describe("RandomForestClassifier", () => {
  it("averages tree probabilities; importances sum to 1; seeds change the forest", () => {
    const a = new RandomForestClassifier({ nEstimators: 10 }).fit(iris.X, iris.y);
    const proba = a.predictProba(iris.X);
    for (let i = 0; i < proba.rows; i++) expect(proba.row(i).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(a.trees.length).toBe(10);
    expect(a.featureImportances.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    const b = new RandomForestClassifier({ nEstimators: 10, seed: 1 }).fit(iris.X, iris.y);
    expect(Array.from(b.predictProba(iris.X).data)).not.toEqual(Array.from(proba.data));
  });

  it("without bootstrap and with every feature, each tree is the same exact tree", () => {
    const forest = new RandomForestClassifier({ nEstimators: 3, bootstrap: false, maxFeatures: null }).fit(
      iris.X,
      iris.y,
    );
    const [t0, t1] = forest.trees;
    expect(Array.from(t1!.threshold)).toEqual(Array.from(t0!.threshold));
    expect(forest.score(iris.X, iris.y)).toBe(1);
  });

  it("accepts class weights, including balanced_subsample", () => {
    for (const classWeight of ["balanced", "balanced_subsample", { "0": 3 }] as const) {
      const m = new RandomForestClassifier({ nEstimators: 5, classWeight }).fit(iris.X, iris.y);
      expect(m.score(iris.X, iris.y)).toBeGreaterThan(0.95);
    }
  });

  it("rejects oobScore without bootstrap", () => {
    expect(() => new RandomForestClassifier({ oobScore: true, bootstrap: false })).toThrow(/oobScore/);
  });
});

describe("RandomForestClassifier vs scikit-learn 1.2 (100 trees, held-out splits of scripts/sklearn/trees.py)", () => {
  const fx = treesFixture();
  for (const name of CLASSIFICATION_SETS) {
    it(`${name}: held-out accuracy within 1 point of scikit-learn's, out-of-bag score close to its own`, () => {
      const ref = fx.results["RandomForestClassifier"]![name]!;
      const { Xtrain, ytrain, Xtest, ytest } = parityData(name);
      const model = new RandomForestClassifier({ oobScore: true }).fit(Xtrain, ytrain);
      expect(model.score(Xtest, ytest)).toBeGreaterThanOrEqual(ref.score - 0.01);
      expect(Math.abs(model.oobScore! - ref.oobScore!)).toBeLessThan(0.03);
    });
  }

  it("exact search everywhere (binnedSplits: false) scores like the binned default", () => {
    const { Xtrain, ytrain, Xtest, ytest } = generated;
    const exact = new RandomForestClassifier({ nEstimators: 30, binnedSplits: false }).fit(Xtrain, ytrain);
    const ref = fx.results["RandomForestClassifier"]!["generated"]!.score;
    expect(exact.score(Xtest, ytest)).toBeGreaterThanOrEqual(ref - 0.02);
  });
});
