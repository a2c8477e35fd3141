import { describe, expect, it } from "vitest";
import { loadDataset, readFixture } from "../../../test/fixtures/datasets.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { Matrix } from "../matrix.js";
import { MLPRegressor } from "./mlp-regressor.js";

interface Case {
  params: {
    hidden_layer_sizes: number[];
    activation: "tanh";
    alpha: number;
    learning_rate_init: number;
    max_iter: number;
  };
  train: number[];
  test: number[];
  scores: number[];
  mean_score: number;
}
const fixture = readFixture<{ diabetes: Case }>("sklearn/neural.json");

const X = Matrix.fromRows(Array.from({ length: 30 }, (_, i) => [i / 10, Math.sin(i / 3), (i % 5) / 4]));
const y = Array.from({ length: 30 }, (_, i) => 2 * (i / 10) - Math.sin(i / 3) + 0.5);

checkEstimator("MLPRegressor", () => new MLPRegressor({ hiddenLayerSizes: [6], maxIter: 10 }), { X, y });
checkEstimator(
  "MLPRegressor (early stopping, logistic, sgd)",
  () =>
    new MLPRegressor({ hiddenLayerSizes: [4], activation: "logistic", solver: "sgd", earlyStopping: true, maxIter: 8 }),
  { X, y },
);

describe("MLPRegressor parity with scikit-learn", () => {
  it("diabetes (X and y standardised on the training rows): test R² within 1 point of scikit-learn's", () => {
    const c = fixture.diabetes;
    const ds = loadDataset("diabetes");
    const Xs = ds.X.clone();
    for (let j = 0; j < Xs.cols; j++) {
      let mean = 0;
      for (const i of c.train) mean += ds.X.get(i, j);
      mean /= c.train.length;
      let v = 0;
      for (const i of c.train) v += (ds.X.get(i, j) - mean) ** 2;
      const sd = Math.sqrt(v / c.train.length);
      for (let i = 0; i < Xs.rows; i++) Xs.set(i, j, (ds.X.get(i, j) - mean) / sd);
    }
    let ym = 0;
    for (const i of c.train) ym += ds.y[i]!;
    ym /= c.train.length;
    let yv = 0;
    for (const i of c.train) yv += (ds.y[i]! - ym) ** 2;
    const ys = Math.sqrt(yv / c.train.length);
    const yn = ds.y.map((v) => (v - ym) / ys);
    const p = c.params;
    const model = new MLPRegressor({
      hiddenLayerSizes: p.hidden_layer_sizes,
      activation: p.activation,
      alpha: p.alpha,
      learningRateInit: p.learning_rate_init,
      maxIter: p.max_iter,
    }).fit(
      Xs.selectRows(c.train),
      c.train.map((i) => yn[i]!),
    );
    const r2 = model.score(
      Xs.selectRows(c.test),
      c.test.map((i) => yn[i]!),
    );
    expect(Math.abs(r2 - c.mean_score)).toBeLessThan(0.01);
    expect(model.nIter).toBeLessThan(p.max_iter);
  });
});

describe("MLPRegressor", () => {
  it("fits a smooth function closely", () => {
    const model = new MLPRegressor({ hiddenLayerSizes: [32], learningRateInit: 0.01, maxIter: 2000, tol: 1e-6 }).fit(
      X,
      y,
    );
    expect(model.score(X, y)).toBeGreaterThan(0.95);
    expect(model.predict(X).length).toBe(30);
    expect(model.outActivation).toBe("identity");
    // The squared loss is halved like scikit-learn's, plus the L2 term.
    expect(model.loss).toBeLessThan(0.05);
  });

  it("early stopping tracks R² on the held-out rows", () => {
    const model = new MLPRegressor({ hiddenLayerSizes: [16], earlyStopping: true, maxIter: 50 }).fit(X, y);
    expect(model.validationScores!.length).toBe(model.nIter);
    expect(model.bestValidationScore).toBe(Math.max(...model.validationScores!));
  });
});
