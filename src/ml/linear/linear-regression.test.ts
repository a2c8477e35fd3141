import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/fixtures/datasets.js";
import { AppError } from "../../core/index.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import { loadModel } from "../save-load.js";
import { linearFixture, relDiff } from "./linear-fixture.suite.js";
import { LinearRegression } from "./linear-regression.js";

const diabetes = loadDataset("diabetes");
const fx = linearFixture();

checkEstimator("LinearRegression", () => new LinearRegression(), { X: diabetes.X, y: diabetes.y });

describe("LinearRegression parity with scikit-learn", () => {
  it("diabetes: coef, intercept and predictions to 1e-6", () => {
    const ref = fx.regression.linear!;
    const m = new LinearRegression().fit(diabetes.X, diabetes.y);
    expect(relDiff(m.coef, ref.coef)).toBeLessThan(1e-6);
    expect(Math.abs(m.intercept - ref.intercept) / Math.abs(ref.intercept)).toBeLessThan(1e-6);
    expect(relDiff(m.predict(diabetes.X), ref.predict)).toBeLessThan(1e-6);
    expect(m.rank).toBe(10);
  });

  it("diabetes with sample weights and without intercept", () => {
    const w = fx.regression.linear_weighted!;
    const m = new LinearRegression().fit(diabetes.X, diabetes.y, fx.regression.sample_weight);
    expect(relDiff(m.coef, w.coef)).toBeLessThan(1e-6);
    expect(relDiff(m.predict(diabetes.X), w.predict)).toBeLessThan(1e-6);
    const ref = fx.regression.linear_no_intercept!;
    const n = new LinearRegression({ fitIntercept: false }).fit(diabetes.X, diabetes.y);
    expect(relDiff(n.coef, ref.coef)).toBeLessThan(1e-6);
    expect(n.intercept).toBe(0);
  });

  it("rank-deficient data: the minimum-norm solution, like lstsq", () => {
    for (const ref of [fx.rank_deficient.tall, fx.rank_deficient.wide]) {
      const X = Matrix.fromRows(ref.X);
      const m = new LinearRegression().fit(X, ref.y);
      expect(m.rank).toBe(ref.rank);
      expect(relDiff(m.coef, ref.coef)).toBeLessThan(1e-6);
      expect(relDiff(m.predict(X), ref.predict)).toBeLessThan(1e-6);
    }
  });

  it("accepts sparse input (densified) with the same result", () => {
    const m = new LinearRegression().fit(CsrMatrix.fromDense(diabetes.X), diabetes.y);
    expect(relDiff(m.coef, fx.regression.linear!.coef)).toBeLessThan(1e-6);
  });
});

describe("LinearRegression input checks", () => {
  const m = new LinearRegression().fit(diabetes.X, diabetes.y);

  it("names the row of a NaN at predict time", () => {
    const X = diabetes.X.selectRows([0, 1, 2, 3, 4]);
    X.data[3 * X.cols + 2] = Number.NaN;
    expect(() => m.predict(X)).toThrow(/row 3, column 2/);
  });

  it("rejects bad sample weights and mismatched y", () => {
    expect(() => new LinearRegression().fit(diabetes.X, diabetes.y, [1, 2])).toThrow(AppError);
    const neg = new Float64Array(diabetes.X.rows).fill(1);
    neg[5] = -1;
    expect(() => new LinearRegression().fit(diabetes.X, diabetes.y, neg)).toThrow(/sampleWeight\[5\]/);
    expect(() => new LinearRegression().fit(diabetes.X, diabetes.y.slice(1))).toThrow(/rows/);
  });

  it("scores with R² and survives a save/load round trip", () => {
    expect(m.score(diabetes.X, diabetes.y)).toBeCloseTo(0.5177, 3);
    const loaded = loadModel<LinearRegression>(JSON.stringify(m.toJSON()));
    expect(Array.from(loaded.coef)).toEqual(Array.from(m.coef));
    expect(Array.from(loaded.singularValues)).toEqual(Array.from(m.singularValues));
  });
});
