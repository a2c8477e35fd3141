import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/fixtures/datasets.js";
import { AppError } from "../../core/index.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { Matrix } from "../matrix.js";
import { DecisionTreeClassifier } from "./decision-tree-classifier.js";
import { CLASSIFICATION_SETS, parityData, treesFixture } from "./sklearn-trees.suite.js";

const iris = loadDataset("iris");
const irisNames = iris.y.map((v) => ["setosa", "versicolor", "virginica"][v]!);

checkEstimator("DecisionTreeClassifier", () => new DecisionTreeClassifier({ maxFeatures: 2, seed: 1 }), {
  X: iris.X,
  y: iris.y,
});
checkEstimator(
  "DecisionTreeClassifier (entropy, string labels)",
  () => new DecisionTreeClassifier({ criterion: "entropy", maxDepth: 3 }),
  { X: iris.X, y: irisNames },
);

function expectInvalid(fn: () => unknown, pattern: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe("INVALID_INPUT");
  expect((caught as AppError).message).toMatch(pattern);
}

describe("DecisionTreeClassifier", () => {
  it("splits halfway between consecutive distinct values", () => {
    const X = Matrix.fromRows([[1], [2], [2], [4], [7]]);
    const tree = new DecisionTreeClassifier().fit(X, [0, 0, 0, 1, 1]).tree;
    expect(tree.nodeCount).toBe(3);
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBe(3);
    expect(new DecisionTreeClassifier().fit(X, ["a", "a", "a", "b", "b"]).predict([[2.9], [3.1]])).toEqual(["a", "b"]);
  });

  it("fits distinct training rows exactly when grown fully, and stops at maxDepth and minSamplesLeaf", () => {
    const full = new DecisionTreeClassifier().fit(iris.X, iris.y);
    expect(full.score(iris.X, iris.y)).toBe(1);
    const shallow = new DecisionTreeClassifier({ maxDepth: 2 }).fit(iris.X, iris.y);
    expect(shallow.getDepth()).toBe(2);
    expect(shallow.getNLeaves()).toBeLessThanOrEqual(4);
    const leafy = new DecisionTreeClassifier({ minSamplesLeaf: 10 }).fit(iris.X, iris.y);
    const { left, nNodeSamples, nodeCount } = leafy.tree;
    for (let node = 0; node < nodeCount; node++)
      if (left[node] === -1) expect(nNodeSamples[node]).toBeGreaterThanOrEqual(10);
  });

  it("returns class probabilities whose argmax is predict, and importances summing to 1", () => {
    const model = new DecisionTreeClassifier({ maxDepth: 3 }).fit(iris.X, irisNames);
    const proba = model.predictProba(iris.X);
    expect(proba.cols).toBe(3);
    const predicted = model.predict(iris.X);
    for (let i = 0; i < proba.rows; i++) {
      const row = Array.from(proba.row(i));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(model.classes[row.indexOf(Math.max(...row))]).toBe(predicted[i]);
    }
    const importances = model.featureImportances;
    expect(importances.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(model.apply(iris.X).length).toBe(iris.X.rows);
  });

  it("weights classes with classWeight", () => {
    // Overlapping classes: the minority wins the contested region only when balanced.
    const X = Matrix.fromRows([[0], [0], [0], [0], [0], [0], [1], [1]]);
    const y = [0, 0, 0, 0, 0, 1, 1, 1];
    expect(new DecisionTreeClassifier().fit(X, y).predict([[0]])).toEqual([0]);
    const balanced = new DecisionTreeClassifier({ classWeight: "balanced" }).fit(X, y);
    // Weights n / (k · count): class 0 → 8/10, class 1 → 8/6; the x=0 leaf holds five 0s and one 1.
    expect(balanced.predictProba([[0]]).get(0, 1)).toBeCloseTo(8 / 6 / (5 * 0.8 + 8 / 6), 12);
    const heavy = new DecisionTreeClassifier({ classWeight: { "1": 10 } }).fit(X, y);
    expect(heavy.predict([[0]])).toEqual([1]);
    expectInvalid(() => new DecisionTreeClassifier({ classWeight: { "7": 2 } }).fit(X, y), /unknown class/);
  });

  it("rejects unknown labels at scoring time, bad maxFeatures and unknown params", () => {
    const model = new DecisionTreeClassifier().fit(iris.X, iris.y);
    expectInvalid(() => model.score(iris.X.selectRows([0, 1]), [0, 9]), /unknown class 9/);
    expectInvalid(() => new DecisionTreeClassifier({ maxFeatures: 9 }).fit(iris.X, iris.y), /maxFeatures/);
    expectInvalid(() => new DecisionTreeClassifier({ maxFeatures: 2.5 }), /maxFeatures/);
    expectInvalid(() => new DecisionTreeClassifier({ maxDeph: 3 } as never), /maxDeph/);
  });
});

describe("DecisionTreeClassifier vs scikit-learn 1.2 (held-out splits of scripts/sklearn/trees.py)", () => {
  const fx = treesFixture();
  const configs = {
    DecisionTreeClassifier: {},
    DecisionTreeClassifier_entropy: { criterion: "entropy" as const },
    DecisionTreeClassifier_depth3: { maxDepth: 3 },
  };
  const predictions = new Map<string, { ours: number[]; theirs: number[] }>();
  for (const [key, params] of Object.entries(configs)) {
    for (const name of CLASSIFICATION_SETS) {
      it(`${key} on ${name}: accuracy within 1 point of scikit-learn's, predictions like scikit-learn's`, () => {
        const ref = fx.results[key]![name]!;
        const { Xtrain, ytrain, Xtest, ytest } = parityData(name);
        const model = new DecisionTreeClassifier(params).fit(Xtrain, ytrain);
        const ours = model.score(Xtest, ytest);
        // scikit-learn breaks ties between equally good features by random_state: compare with all its seeds.
        expect(ours).toBeGreaterThanOrEqual(Math.min(...ref.seedScores!) - 0.01);
        const pred = model.predict(Xtest) as number[];
        let agree = 0;
        for (let i = 0; i < pred.length; i++) if (pred[i] === ref.predictions![i]) agree++;
        expect(agree / pred.length).toBeGreaterThanOrEqual(Math.min(...ref.seedAgreement!) - 0.03);
        predictions.set(`${key}/${name}`, { ours: pred, theirs: ref.predictions! });
      });
    }
  }

  it("depth-limited trees predict like scikit-learn on at least 98% of held-out rows", () => {
    let agree = 0;
    let total = 0;
    for (const name of CLASSIFICATION_SETS) {
      const { ours, theirs } = predictions.get(`DecisionTreeClassifier_depth3/${name}`)!;
      for (let i = 0; i < ours.length; i++) if (ours[i] === theirs[i]) agree++;
      total += ours.length;
    }
    expect(agree / total).toBeGreaterThanOrEqual(0.98);
  });

  it("builds scikit-learn's tree when no split is tied (same importances)", () => {
    const { Xtrain, ytrain } = parityData("generated");
    const model = new DecisionTreeClassifier({ maxDepth: 3 }).fit(Xtrain, ytrain);
    const ref = fx.results["DecisionTreeClassifier_depth3"]!["generated"]!;
    expect(model.tree.nodeCount).toBe(ref.nodeCount);
    const imp = model.featureImportances;
    for (let f = 0; f < imp.length; f++) expect(imp[f]).toBeCloseTo(ref.featureImportances![f]!, 12);
  });
});
