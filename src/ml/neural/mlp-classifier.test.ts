import { describe, expect, it } from "vitest";
import { loadDataset, readFixture } from "../../../test/fixtures/datasets.js";
import { AppError } from "../../core/index.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { Matrix } from "../matrix.js";
import { loadModel } from "../save-load.js";
import { MLPClassifier } from "./mlp-classifier.js";

interface Case {
  params: { hidden_layer_sizes: number[]; max_iter: number; early_stopping?: boolean };
  train: number[];
  test: number[];
  scores: number[];
  mean_score: number;
}
const fixture = readFixture<Record<"digits" | "digits_early_stopping" | "breast_cancer", Case>>("sklearn/neural.json");

function standardise(X: Matrix, rows: number[]): Matrix {
  const out = X.clone();
  for (let j = 0; j < X.cols; j++) {
    let mean = 0;
    for (const i of rows) mean += X.get(i, j);
    mean /= rows.length;
    let v = 0;
    for (const i of rows) v += (X.get(i, j) - mean) ** 2;
    const sd = Math.sqrt(v / rows.length) || 1;
    for (let i = 0; i < X.rows; i++) out.set(i, j, (X.get(i, j) - mean) / sd);
  }
  return out;
}

function splitOf(X: Matrix, y: number[], c: Case) {
  return {
    Xtr: X.selectRows(c.train),
    ytr: c.train.map((i) => y[i]!),
    Xte: X.selectRows(c.test),
    yte: c.test.map((i) => y[i]!),
  };
}

const three = Matrix.fromRows([
  [0, 0],
  [0.2, 0.1],
  [0.1, 0.3],
  [3, 3],
  [3.2, 2.9],
  [2.8, 3.1],
  [-3, 3],
  [-3.1, 2.8],
  [-2.9, 3.2],
]);
const threeLabels = ["a", "a", "a", "b", "b", "b", "c", "c", "c"];

checkEstimator("MLPClassifier", () => new MLPClassifier({ hiddenLayerSizes: [5], maxIter: 5 }), {
  X: three,
  y: threeLabels,
});
checkEstimator(
  "MLPClassifier (binary, tanh, sgd, early stopping)",
  () =>
    new MLPClassifier({
      hiddenLayerSizes: [4, 3],
      activation: "tanh",
      solver: "sgd",
      earlyStopping: true,
      validationFraction: 0.3,
      maxIter: 5,
    }),
  { X: three, y: [0, 0, 0, 1, 1, 1, 1, 1, 1] },
);

describe("MLPClassifier parity with scikit-learn", () => {
  it("digits (X/16), hidden [64], maxIter 200: test accuracy within 1 point of scikit-learn's", () => {
    const c = fixture.digits;
    const { X, y } = loadDataset("digits");
    const scaled = X.clone();
    for (let p = 0; p < scaled.data.length; p++) scaled.data[p]! /= 16;
    const { Xtr, ytr, Xte, yte } = splitOf(scaled, y, c);
    const model = new MLPClassifier({ hiddenLayerSizes: c.params.hidden_layer_sizes, maxIter: c.params.max_iter });
    model.fit(Xtr, ytr);
    expect(Math.abs(model.score(Xte, yte) - c.mean_score)).toBeLessThan(0.01);
    expect(model.nIter).toBeLessThanOrEqual(200);
    expect(model.lossCurve.length).toBe(model.nIter);
    expect(model.bestLoss).toBe(Math.min(...model.lossCurve));
  });

  it("digits with early stopping: within scikit-learn's spread over seeds, best weights kept", () => {
    const c = fixture.digits_early_stopping;
    const { X, y } = loadDataset("digits");
    const scaled = X.clone();
    for (let p = 0; p < scaled.data.length; p++) scaled.data[p]! /= 16;
    const { Xtr, ytr, Xte, yte } = splitOf(scaled, y, c);
    const model = new MLPClassifier({ hiddenLayerSizes: [64], maxIter: 200, earlyStopping: true }).fit(Xtr, ytr);
    const acc = model.score(Xte, yte);
    expect(acc).toBeGreaterThan(Math.min(...c.scores) - 0.02);
    expect(acc).toBeLessThan(Math.max(...c.scores) + 0.02);
    const scores = model.validationScores!;
    expect(scores.length).toBe(model.nIter);
    expect(model.bestValidationScore).toBe(Math.max(...scores));
    expect(model.bestLoss).toBeNull();
  });

  it("breast cancer (standardised), binary with one logistic unit: within scikit-learn's spread", () => {
    const c = fixture.breast_cancer;
    const { X, y } = loadDataset("breast_cancer");
    const { Xtr, ytr, Xte, yte } = splitOf(standardise(X, c.train), y, c);
    const model = new MLPClassifier({ hiddenLayerSizes: [16], maxIter: 300 }).fit(Xtr, ytr);
    expect(model.nOutputs).toBe(1);
    expect(model.outActivation).toBe("logistic");
    const acc = model.score(Xte, yte);
    expect(acc).toBeGreaterThan(Math.min(...c.scores) - 0.01);
    expect(acc).toBeLessThan(Math.max(...c.scores) + 0.01);
  });
});

describe("MLPClassifier", () => {
  it("learns separable classes; predictProba rows sum to 1 in the order of classes", () => {
    const model = new MLPClassifier({ hiddenLayerSizes: [8], learningRateInit: 0.05, maxIter: 300 }).fit(
      three,
      threeLabels,
    );
    expect(model.classes).toEqual(["a", "b", "c"]);
    expect(model.predict(three)).toEqual(threeLabels);
    expect(model.score(three, threeLabels)).toBe(1);
    const P = model.predictProba(three);
    expect(P.cols).toBe(3);
    for (let i = 0; i < P.rows; i++) {
      expect(P.get(i, 0) + P.get(i, 1) + P.get(i, 2)).toBeCloseTo(1, 12);
    }
    expect(P.get(4, 1)).toBeGreaterThan(0.5);
    const logP = model.predictLogProba(three);
    expect(logP.get(4, 1)).toBeCloseTo(Math.log(P.get(4, 1)), 12);
  });

  it("binary: two probability columns from one output unit", () => {
    const y = [0, 0, 0, 1, 1, 1, 1, 1, 1];
    const model = new MLPClassifier({ hiddenLayerSizes: [6], learningRateInit: 0.05, maxIter: 300 }).fit(three, y);
    const P = model.predictProba(three);
    expect(P.cols).toBe(2);
    for (let i = 0; i < P.rows; i++) {
      expect(P.get(i, 0) + P.get(i, 1)).toBeCloseTo(1, 12);
      expect(model.predict(three)[i]).toBe(P.get(i, 1) > 0.5 ? 1 : 0);
    }
    expect(model.score(three, y)).toBe(1);
  });

  it("exposes weights with scikit-learn's shapes and every activation trains", () => {
    for (const activation of ["relu", "tanh", "logistic", "identity"] as const) {
      const model = new MLPClassifier({ hiddenLayerSizes: [7, 4], activation, maxIter: 20 }).fit(three, threeLabels);
      expect(model.coefs.map((c) => [c.rows, c.cols])).toEqual([
        [2, 7],
        [7, 4],
        [4, 3],
      ]);
      expect(model.intercepts.map((b) => b.length)).toEqual([7, 4, 3]);
      expect(model.nLayers).toBe(4);
      const curve = model.lossCurve;
      expect(curve[curve.length - 1]).toBeLessThan(curve[0]!);
    }
  });

  it("stops after nIterNoChange epochs without improvement", () => {
    const model = new MLPClassifier({ hiddenLayerSizes: [8], maxIter: 5000, tol: 10, nIterNoChange: 3 }).fit(
      three,
      threeLabels,
    );
    expect(model.nIter).toBe(5);
  });

  it("sgd schedules run and adaptive lowers the rate instead of stopping", () => {
    for (const learningRate of ["constant", "invscaling", "adaptive"] as const) {
      const model = new MLPClassifier({
        hiddenLayerSizes: [8],
        solver: "sgd",
        learningRate,
        learningRateInit: 0.1,
        maxIter: 50,
      }).fit(three, threeLabels);
      expect(model.nIter).toBeGreaterThan(0);
    }
    const adaptive = new MLPClassifier({
      hiddenLayerSizes: [8],
      solver: "sgd",
      learningRate: "adaptive",
      tol: 10,
      nIterNoChange: 2,
      maxIter: 40,
    }).fit(three, threeLabels);
    expect(adaptive.nIter).toBeGreaterThan(3);
  });

  it("rejects unknown labels at scoring time and bad params", () => {
    const model = new MLPClassifier({ hiddenLayerSizes: [4], maxIter: 5 }).fit(three, threeLabels);
    expect(() => model.score(three, ["a", "a", "a", "b", "b", "b", "c", "c", "z"])).toThrow(AppError);
    expect(() => new MLPClassifier({ activation: "softplus" as never })).toThrow(/activation/);
    expect(() => new MLPClassifier({ hiddenLayerSizes: [0] })).toThrow(/hiddenLayerSizes/);
  });

  it("saves and loads with identical probabilities", () => {
    const model = new MLPClassifier({ hiddenLayerSizes: [5], maxIter: 30 }).fit(three, threeLabels);
    const back = loadModel<MLPClassifier>(JSON.stringify(model.toJSON()));
    expect(Array.from(back.predictProba(three).data)).toEqual(Array.from(model.predictProba(three).data));
    expect(Array.from(back.lossCurve)).toEqual(Array.from(model.lossCurve));
  });
});
