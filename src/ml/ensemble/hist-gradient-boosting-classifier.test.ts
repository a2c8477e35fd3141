import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/fixtures/datasets.js";
import { AppError } from "../../core/index.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { Matrix } from "../matrix.js";
import { CLASSIFICATION_SETS, parityData, treesFixture } from "../tree/sklearn-trees.suite.js";
import { HistGradientBoostingClassifier } from "./hist-gradient-boosting-classifier.js";

const iris = loadDataset("iris");
const cancer = loadDataset("breast_cancer");
const nanSkip = { nanInput: "NaN is a missing value here, as in scikit-learn (infinity is tested below)" };

checkEstimator(
  "HistGradientBoostingClassifier (binary)",
  () => new HistGradientBoostingClassifier({ maxIter: 10 }),
  { X: cancer.X, y: cancer.y },
  { skip: nanSkip },
);
checkEstimator(
  "HistGradientBoostingClassifier (multiclass, string labels, early stopping)",
  () => new HistGradientBoostingClassifier({ maxIter: 10, earlyStopping: true, seed: 3 }),
  { X: iris.X, y: iris.y.map((v) => ["setosa", "versicolor", "virginica"][v]!) },
  { skip: nanSkip },
);

describe("HistGradientBoostingClassifier", () => {
  it("gives probabilities that are the sigmoid / softmax of the decision function", () => {
    const binary = new HistGradientBoostingClassifier({ maxIter: 5 }).fit(cancer.X, cancer.y);
    const raw = binary.decisionFunction(cancer.X) as Float64Array;
    const proba = binary.predictProba(cancer.X);
    expect(proba.get(0, 1)).toBeCloseTo(1 / (1 + Math.exp(-raw[0]!)), 12);
    const multi = new HistGradientBoostingClassifier({ maxIter: 5 }).fit(iris.X, iris.y);
    const scores = multi.decisionFunction(iris.X) as Matrix;
    expect(scores.cols).toBe(3);
    const p = multi.predictProba(iris.X).row(60);
    const e = Array.from(scores.row(60), Math.exp);
    const total = e.reduce((a, b) => a + b, 0);
    for (let c = 0; c < 3; c++) expect(p[c]).toBeCloseTo(e[c]! / total, 12);
    expect(multi.nIter).toBe(5);
  });

  it("learns from rows with missing values and routes NaN at predict time", () => {
    const X = iris.X.clone();
    for (let i = 0; i < X.rows; i += 3) X.set(i, 2, Number.NaN);
    const model = new HistGradientBoostingClassifier({ maxIter: 20 }).fit(X, iris.y);
    expect(model.score(X, iris.y)).toBeGreaterThan(0.95);
    const allMissing = new Matrix(2, 4).clone();
    allMissing.data.fill(Number.NaN);
    expect(model.predict(allMissing)).toHaveLength(2);
    const inf = iris.X.clone();
    inf.set(3, 1, Number.POSITIVE_INFINITY);
    expect(() => new HistGradientBoostingClassifier().fit(inf, iris.y)).toThrow(AppError);
    expect(() => new HistGradientBoostingClassifier().fit(inf, iris.y)).toThrow(/row 3/);
  });

  it("stops early once the held-out loss stops improving", () => {
    const { Xtrain, ytrain } = parityData("generated");
    const model = new HistGradientBoostingClassifier({
      earlyStopping: true,
      learningRate: 1,
      maxIter: 200,
      nIterNoChange: 3,
    }).fit(Xtrain, ytrain);
    expect(model.nIter).toBeLessThan(200);
    expect(model.validationScores.length).toBe(model.nIter + 1);
  });

  it("needs two classes and accepts class weights", () => {
    expect(() => new HistGradientBoostingClassifier().fit(iris.X.selectRows([0, 1, 2]), [0, 0, 0])).toThrow(
      /single class/,
    );
    const weighted = new HistGradientBoostingClassifier({ maxIter: 5, classWeight: "balanced" }).fit(
      cancer.X,
      cancer.y,
    );
    expect(weighted.score(cancer.X, cancer.y)).toBeGreaterThan(0.9);
  });
});

describe("HistGradientBoostingClassifier vs scikit-learn 1.2 (held-out splits of scripts/sklearn/trees.py)", () => {
  const fx = treesFixture();
  // The "_missing" set has NaN in 10% of four columns' values: NaN handling as in scikit-learn.
  for (const name of [...CLASSIFICATION_SETS, "generated_missing" as const]) {
    it(`${name}: held-out accuracy within 1 point of scikit-learn's`, () => {
      const ref = fx.results["HistGradientBoostingClassifier"]![name]!;
      const { Xtrain, ytrain, Xtest, ytest } = parityData(name);
      const model = new HistGradientBoostingClassifier().fit(Xtrain, ytrain);
      expect(Math.abs(model.score(Xtest, ytest) - ref.score)).toBeLessThanOrEqual(0.01);
    });
  }
});
