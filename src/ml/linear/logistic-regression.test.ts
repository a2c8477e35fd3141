import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/fixtures/datasets.js";
import { AppError } from "../../core/index.js";
import { checkEstimator } from "../check-estimator.suite.js";
import type { Label } from "../estimator.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import { linearScores } from "./linear-classifier-base.js";
import { type ClassifierRef, linearFixture, relDiff, standardise, toCsr } from "./linear-fixture.suite.js";
import { LogisticRegression } from "./logistic-regression.js";

const fx = linearFixture().logistic;
const cancer = loadDataset("breast_cancer");
const Xb = standardise(cancer.X);
const iris = loadDataset("iris");
const text = { X: toCsr(fx.text.X), y: fx.text.y };
const tight = { tol: 1e-10, maxIter: 10000 };

checkEstimator("LogisticRegression (binary)", () => new LogisticRegression(), { X: Xb, y: cancer.y });
checkEstimator("LogisticRegression (multinomial)", () => new LogisticRegression({ C: 0.5 }), {
  X: iris.X,
  y: iris.y,
});
checkEstimator("LogisticRegression (l1, sparse)", () => new LogisticRegression({ penalty: "l1", C: 10 }), text);

/** Σ wᵢ lossᵢ + ‖W‖₁ / C at the given weights: the l1 objective, whose optimum may not be unique. */
function l1Objective(
  X: Matrix | CsrMatrix,
  y: readonly Label[],
  classes: readonly Label[],
  W: Matrix,
  b: Float64Array,
  C: number,
) {
  const S = linearScores(X, W, b);
  let f = 0;
  for (let i = 0; i < X.rows; i++) {
    const c = classes.indexOf(y[i]!);
    if (S.cols === 1) {
      const z = S.data[i]!;
      const lse = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      f += lse - (c === 1 ? z : 0);
    } else {
      const row = Array.from(S.row(i));
      const max = Math.max(...row);
      f += max + Math.log(row.reduce((a, z) => a + Math.exp(z - max), 0)) - row[c]!;
    }
  }
  for (const w of W.data) f += Math.abs(w) / C;
  return f;
}

function expectParity(m: LogisticRegression, ref: ClassifierRef, X: Matrix | CsrMatrix): void {
  expect(m.classes).toEqual(ref.classes);
  // Coefficients and intercepts together, relative to their largest magnitude.
  const mine = [...m.coef.data, ...m.intercept];
  expect(relDiff(mine, [...ref.coef.flat(), ...ref.intercept])).toBeLessThan(1e-6);
  expect(relDiff(m.predictProba(X).data, ref.proba!.flat())).toBeLessThan(1e-6);
  expect(relDiff(m.decisionFunction(X).data, ref.decision.flat())).toBeLessThan(1e-6);
  expect(m.predict(X)).toEqual(ref.predict);
}

describe("LogisticRegression parity with scikit-learn (l2 and none: coefficients to 1e-6)", () => {
  it("breast_cancer binary, C=1", () => {
    expectParity(new LogisticRegression({ C: 1, ...tight }).fit(Xb, cancer.y), fx.binary!, Xb);
  });

  it("breast_cancer binary, class_weight balanced, C=0.1", () => {
    const m = new LogisticRegression({ C: 0.1, classWeight: "balanced", ...tight }).fit(Xb, cancer.y);
    expectParity(m, fx.binary_balanced!, Xb);
  });

  it("breast_cancer binary without intercept", () => {
    const m = new LogisticRegression({ fitIntercept: false, ...tight }).fit(Xb, cancer.y);
    expectParity(m, fx.binary_no_intercept!, Xb);
    expect(Array.from(m.intercept)).toEqual([0]);
  });

  it("iris multinomial, C=1, and with a class weight per label", () => {
    expectParity(new LogisticRegression(tight).fit(iris.X, iris.y), fx.multinomial!, iris.X);
    const weighted = new LogisticRegression({ C: 0.5, classWeight: { 0: 1, 1: 2, 2: 0.5 }, ...tight });
    expectParity(weighted.fit(iris.X, iris.y), fx.multinomial_weighted!, iris.X);
  });

  it("iris multinomial from sparse input (class-by-class sparse products) matches too", () => {
    const S = CsrMatrix.fromDense(iris.X);
    expectParity(new LogisticRegression(tight).fit(S, iris.y), fx.multinomial!, S);
  });

  it("unpenalised, on generated non-separable data", () => {
    const ref = fx.unpenalised;
    const X = Matrix.fromRows(ref.X);
    expectParity(new LogisticRegression({ penalty: "none", ...tight }).fit(X, ref.y), ref, X);
  });

  it("sparse text-like features with string labels, C=10", () => {
    expectParity(new LogisticRegression({ C: 10, ...tight }).fit(text.X, text.y), fx.text.l2, text.X);
    // Dense input gives the same model.
    const dense = new LogisticRegression({ C: 10, ...tight }).fit(text.X.toDense(), text.y);
    expect(relDiff(dense.coef.data, fx.text.l2.coef.flat())).toBeLessThan(1e-6);
  });

  it("default settings predict like scikit-learn's lbfgs defaults on iris", () => {
    const m = new LogisticRegression().fit(iris.X, iris.y);
    const agree = m.predict(iris.X).filter((p, i) => p === fx.multinomial_default.predict[i]).length;
    expect(agree).toBeGreaterThanOrEqual(149);
  });
});

describe("LogisticRegression parity with scikit-learn's saga (l1: objective to 1e-8)", () => {
  const cases = [
    ["breast_cancer binary, C=0.5", Xb, cancer.y, fx.binary_l1!, 0.5],
    ["iris multinomial, C=1", iris.X, iris.y, fx.multinomial_l1!, 1],
    ["sparse text-like, C=10", text.X, text.y, fx.text.l1, 10],
  ] as const;
  for (const [name, X, y, ref, C] of cases) {
    it(name, () => {
      const m = new LogisticRegression({ penalty: "l1", C, ...tight }).fit(X, y);
      const mine = l1Objective(X, y, m.classes, m.coef, m.intercept, C);
      const W = Matrix.fromRows(ref.coef);
      const theirs = l1Objective(X, y, ref.classes, W, Float64Array.from(ref.intercept), C);
      expect(theirs).toBeCloseTo(ref.objective!, 6);
      expect(Math.abs(mine - theirs) / theirs).toBeLessThan(1e-8);
      expect(m.predict(X).filter((p, i) => p === ref.predict[i]).length).toBeGreaterThanOrEqual(X.rows - 1);
    });
  }
});

describe("LogisticRegression behaviour", () => {
  it("one-vs-rest fits one binary model per class and normalises their sigmoids", () => {
    const m = new LogisticRegression({ multiClass: "ovr" }).fit(iris.X, iris.y);
    expect(m.coef.rows).toBe(3);
    expect(m.nIter.length).toBe(3);
    const P = m.predictProba(iris.X);
    for (let i = 0; i < P.rows; i++) expect(P.get(i, 0) + P.get(i, 1) + P.get(i, 2)).toBeCloseTo(1, 12);
    expect(m.score(iris.X, iris.y)).toBeGreaterThan(0.9);
  });

  it("multinomial on two classes equals the binary model at twice the C (its log-odds are twice the score)", () => {
    const multi = new LogisticRegression({ multiClass: "multinomial", C: 0.5, ...tight }).fit(Xb, cancer.y);
    const binary = new LogisticRegression({ C: 1, ...tight }).fit(Xb, cancer.y);
    expect(multi.coef.rows).toBe(1);
    expect(relDiff(multi.predictProba(Xb).data, binary.predictProba(Xb).data)).toBeLessThan(1e-6);
    const logP = multi.predictLogProba(Xb.selectRows([0]));
    expect(Math.exp(logP.get(0, 0)) + Math.exp(logP.get(0, 1))).toBeCloseTo(1, 12);
  });

  it("elasticnet needs l1Ratio and lies between l1 and l2", () => {
    expect(() => new LogisticRegression({ penalty: "elasticnet" })).toThrow(/l1Ratio/);
    const m = new LogisticRegression({ penalty: "elasticnet", l1Ratio: 0.5 }).fit(Xb, cancer.y);
    expect(m.score(Xb, cancer.y)).toBeGreaterThan(0.95);
  });

  it("reports non-convergence at maxIter", () => {
    const m = new LogisticRegression({ maxIter: 2 }).fit(Xb, cancer.y);
    expect(m.converged).toBe(false);
    expect(Array.from(m.nIter)).toEqual([2]);
  });

  it("rejects one class, unknown labels at scoring, and unknown classWeight keys", () => {
    expect(() => new LogisticRegression().fit(Xb.selectRows([0, 1]), [1, 1])).toThrow(/2 classes/);
    const m = new LogisticRegression().fit(iris.X, iris.y);
    let caught: unknown;
    try {
      m.score(iris.X.selectRows([0, 1]), [0, 7]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe("INVALID_INPUT");
    expect((caught as AppError).message).toMatch(/unknown class 7/);
    expect(() => new LogisticRegression({ classWeight: { 9: 2 } }).fit(iris.X, iris.y)).toThrow(/classWeight/);
    expect(() => m.score(iris.X, iris.y.slice(1))).toThrow(/rows/);
  });

  it("names the row of a NaN in sparse input at predict time", () => {
    const m = new LogisticRegression().fit(text.X, text.y);
    const bad = text.X.clone();
    bad.data[bad.indptr[4]!] = Number.NaN;
    expect(() => m.predictProba(bad)).toThrow(/row 4/);
  });
});
