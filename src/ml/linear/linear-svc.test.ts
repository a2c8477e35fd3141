import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/fixtures/datasets.js";
import { checkEstimator } from "../check-estimator.suite.js";
import type { CsrMatrix, Matrix } from "../matrix.js";
import { type ClassifierRef, linearFixture, relDiff, standardise, toCsr } from "./linear-fixture.suite.js";
import { LinearSVC } from "./linear-svc.js";

const fx = linearFixture().svc;
const cancer = loadDataset("breast_cancer");
const Xb = standardise(cancer.X);
const iris = loadDataset("iris");
const tight = { tol: 1e-10, maxIter: 200000 };

checkEstimator("LinearSVC (binary)", () => new LinearSVC({ C: 0.5 }), { X: Xb, y: cancer.y });
checkEstimator("LinearSVC (multiclass, sparse)", () => new LinearSVC(), { X: toCsr(fx.sparse.X), y: fx.sparse.y });

function expectParity(m: LinearSVC, ref: ClassifierRef, X: Matrix | CsrMatrix): void {
  expect(m.classes).toEqual(ref.classes);
  expect(m.converged).toBe(true);
  // Coefficients and intercepts together, relative to their largest magnitude.
  const mine = [...m.coef.data, ...m.intercept];
  expect(relDiff(mine, [...ref.coef.flat(), ...ref.intercept])).toBeLessThan(1e-6);
  expect(relDiff(m.decisionFunction(X).data, ref.decision.flat())).toBeLessThan(1e-6);
  expect(m.predict(X)).toEqual(ref.predict);
}

describe("LinearSVC parity with scikit-learn (liblinear, tight tol)", () => {
  it("breast_cancer binary, C=0.5", () => {
    expectParity(new LinearSVC({ C: 0.5, ...tight }).fit(Xb, cancer.y), fx.binary!, Xb);
  });

  it("breast_cancer binary, class_weight balanced, C=0.1", () => {
    const m = new LinearSVC({ C: 0.1, classWeight: "balanced", ...tight }).fit(Xb, cancer.y);
    expectParity(m, fx.binary_balanced!, Xb);
  });

  it("iris one-vs-rest, with and without intercept", () => {
    expectParity(new LinearSVC({ C: 1, ...tight }).fit(iris.X, iris.y), fx.multiclass!, iris.X);
    const m = new LinearSVC({ C: 1, fitIntercept: false, ...tight }).fit(iris.X, iris.y);
    expectParity(m, fx.no_intercept!, iris.X);
  });

  it("sparse input, C=2, labels −1/1", () => {
    const X = toCsr(fx.sparse.X);
    expectParity(new LinearSVC({ C: 2, ...tight }).fit(X, fx.sparse.y), fx.sparse, X);
  });
});

describe("LinearSVC behaviour", () => {
  it("default settings classify breast_cancer well and report their passes", () => {
    const m = new LinearSVC().fit(Xb, cancer.y);
    expect(m.score(Xb, cancer.y)).toBeGreaterThan(0.98);
    expect(m.nIter).toBeGreaterThan(0);
  });

  it("hinge loss fits too, and a different seed reaches the same optimum", () => {
    const a = new LinearSVC({ loss: "hinge", ...tight }).fit(Xb, cancer.y);
    const b = new LinearSVC({ loss: "hinge", seed: 5, ...tight }).fit(Xb, cancer.y);
    expect(relDiff(a.coef.data, b.coef.data)).toBeLessThan(1e-6);
    expect(a.score(Xb, cancer.y)).toBeGreaterThan(0.98);
  });

  it("has no predictProba and rejects unknown labels at scoring", () => {
    const m = new LinearSVC().fit(iris.X, iris.y);
    expect("predictProba" in m).toBe(false);
    expect(() => m.score(iris.X.selectRows([0]), ["setosa"])).toThrow(/unknown class/);
  });
});
