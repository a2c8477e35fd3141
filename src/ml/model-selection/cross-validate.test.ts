import { describe, expect, it } from "vitest";
import { loadDataset, readFixture } from "../../../test/fixtures/datasets.js";
import { Pipeline } from "../compose/index.js";
import type { Estimator, Input, Target } from "../estimator.js";
import { StandardScaler } from "../preprocessing/index.js";
import { type CrossValidateResult, crossValidate, crossValScore, KFold } from "./index.js";
import { ToyNearestCentroid, ToyRidge } from "./toy-estimators.suite.js";

interface CvBlock {
  test: Record<string, number[]>;
  train?: Record<string, number[]>;
}
const fixture = readFixture<{ crossValidate: Record<string, CvBlock> & { diabetesRidgeDefaultScore: number[] } }>(
  "sklearn/model_selection.json",
).crossValidate;

const iris = loadDataset("iris");
const wine = loadDataset("wine");
const diabetes = loadDataset("diabetes");

function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol = 1e-10): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    expect(Math.abs(actual[k]! - expected[k]!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[k]!)));
  }
}

function expectBlock(r: CrossValidateResult, want: CvBlock, tol?: number): void {
  expect(Object.keys(r.testScores)).toEqual(Object.keys(want.test));
  for (const [name, scores] of Object.entries(want.test)) expectClose(r.testScores[name]!, scores, tol);
  if (want.train)
    for (const [name, scores] of Object.entries(want.train)) expectClose(r.trainScores![name]!, scores, tol);
}

describe("crossValidate matches scikit-learn's cross_validate", () => {
  const clfScorers = Object.keys(fixture.irisCentroid!.test);
  const regScorers = Object.keys(fixture.diabetesRidge!.test);

  it("NearestCentroid on iris (stratified 5 folds, train scores too) and wine (4 folds)", () => {
    const r = crossValidate(new ToyNearestCentroid(), iris.X, iris.y, {
      scoring: clfScorers,
      returnTrainScore: true,
    });
    expectBlock(r, fixture.irisCentroid!, 1e-12);
    expectBlock(
      crossValidate(new ToyNearestCentroid(), wine.X, wine.y, { cv: 4, scoring: clfScorers }),
      fixture.wineCentroid!,
      1e-12,
    );
  });

  it("a StandardScaler + NearestCentroid Pipeline on wine", () => {
    const pipe = new Pipeline([
      ["scale", new StandardScaler()],
      ["clf", new ToyNearestCentroid()],
    ]);
    expectBlock(crossValidate(pipe, wine.X, wine.y, { scoring: ["accuracy"] }), fixture.winePipeline!, 1e-12);
  });

  it("Ridge on diabetes with the regression scorers (negated losses) and the default score", () => {
    const r = crossValidate(new ToyRidge({ alpha: 1 }), diabetes.X, diabetes.y, {
      scoring: regScorers,
      returnTrainScore: true,
    });
    expectBlock(r, fixture.diabetesRidge!, 1e-9);
    expect(r.testScore).toBe(r.testScores.r2);
    expectClose(
      crossValScore(new ToyRidge({ alpha: 0.5 }), diabetes.X, diabetes.y, { cv: 3 }),
      fixture.diabetesRidgeDefaultScore,
      1e-9,
    );
  });
});

describe("crossValidate", () => {
  it("a failing fit scores errorScore (NaN by default), raises with 'raise', and all failing raises", () => {
    const folds = new KFold({ nSplits: 3, shuffle: true })
      .split(iris.X)
      .map((s, k) => (k === 1 ? { train: s.train.slice(0, 0), test: s.test } : s));
    const r = crossValidate(new ToyNearestCentroid(), iris.X, iris.y, { cv: folds, scoring: "accuracy" });
    expect(Number.isNaN(r.testScore[1]!)).toBe(true);
    expect(Number.isNaN(r.testScore[0]!)).toBe(false);
    expect(crossValidate(new ToyNearestCentroid(), iris.X, iris.y, { cv: folds, errorScore: -1 }).testScore[1]).toBe(
      -1,
    );
    expect(() => crossValidate(new ToyNearestCentroid(), iris.X, iris.y, { cv: folds, errorScore: "raise" })).toThrow(
      /empty/,
    );
    expect(() => crossValidate(new ToyNearestCentroid({ failFit: true }), iris.X, iris.y)).toThrow(
      /All 5 fits failed.*asked to fail/,
    );
  });

  it("takes scorer functions in this thread only, and rejects unknown scorer names", () => {
    const custom = (est: Estimator, X: Input, y: Target): number => (est as ToyNearestCentroid).score(X, y) * 100;
    const r = crossValidate(new ToyNearestCentroid(), iris.X, iris.y, {
      cv: 3,
      scoring: { pct: custom, acc: "accuracy" },
    });
    expectClose(
      r.testScores.pct!,
      Array.from(r.testScores.acc!, (v) => v * 100),
      1e-12,
    );
    expect(() =>
      crossValidate(new ToyNearestCentroid(), iris.X, iris.y, { cv: 3, scoring: { pct: custom }, nJobs: 2 }),
    ).toThrow(/Scorer functions/);
    expect(() => crossValidate(new ToyNearestCentroid(), iris.X, iris.y, { scoring: "accuracy_macro" })).toThrow(
      /Unknown scorer "accuracy_macro"/,
    );
  });
});
