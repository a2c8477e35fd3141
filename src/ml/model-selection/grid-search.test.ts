import { describe, expect, it } from "vitest";
import { loadDataset, readFixture } from "../../../test/fixtures/datasets.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { Pipeline } from "../compose/index.js";
import { StandardScaler } from "../preprocessing/index.js";
import { loadModel } from "../save-load.js";
import { type CvResults, GridSearchCV, KFold, RandomizedSearchCV, TpeSearchCV } from "./index.js";
import { ToyNearestCentroid, ToyRidge } from "./toy-estimators.suite.js";

interface SearchBlock {
  meanTestScore: number[];
  stdTestScore: number[];
  rankTestScore: number[];
  splitTestScores: number[][];
  bestIndex: number;
  bestScore: number;
  meanTrainScore?: number[];
  params: Record<string, unknown>[];
  refitScore?: number;
}
const fixture = readFixture<{ search: Record<string, SearchBlock> }>("sklearn/model_selection.json").search;

const iris = loadDataset("iris");
const wine = loadDataset("wine");
const diabetes = loadDataset("diabetes");

const pipeline = (): Pipeline =>
  new Pipeline([
    ["scale", new StandardScaler()],
    ["clf", new ToyNearestCentroid()],
  ]);

function expectClose(actual: readonly number[], expected: readonly number[], tol: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, k) => {
    expect(Math.abs(v - expected[k]!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[k]!)));
  });
}

function expectSearch(r: CvResults, best: GridSearchCV, want: SearchBlock, tol: number): void {
  expect(r.params).toEqual(want.params);
  expectClose(r.meanTestScore, want.meanTestScore, tol);
  expectClose(r.stdTestScore, want.stdTestScore, Math.max(tol, 1e-12));
  expect(r.rankTestScore).toEqual(want.rankTestScore);
  r.splitTestScores.forEach((split, s) => {
    expectClose(split, want.splitTestScores[s]!, tol);
  });
  expect(best.bestIndex).toBe(want.bestIndex);
  expect(Math.abs(best.bestScore - want.bestScore)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want.bestScore)));
}

checkEstimator(
  "GridSearchCV",
  () => new GridSearchCV({ estimator: pipeline(), paramGrid: { clf__metric: ["euclidean", "manhattan"] }, cv: 3 }),
  { X: iris.X, y: iris.y },
);
checkEstimator(
  "RandomizedSearchCV",
  () =>
    new RandomizedSearchCV({
      estimator: new ToyRidge(),
      paramDistributions: { alpha: { logUniform: [0.01, 10] } },
      nIter: 4,
      cv: 3,
    }),
  { X: diabetes.X, y: diabetes.y },
);
checkEstimator(
  "TpeSearchCV",
  () =>
    new TpeSearchCV({
      estimator: new ToyRidge(),
      paramDistributions: { alpha: { logUniform: [0.01, 10] }, fitIntercept: [true, false] },
      nIter: 6,
      nStartup: 3,
      cv: 3,
    }),
  { X: diabetes.X, y: diabetes.y },
);

describe("GridSearchCV matches scikit-learn", () => {
  it("a scaler + NearestCentroid pipeline grid on wine (ties ranked alike, first best kept)", () => {
    const gs = new GridSearchCV({
      estimator: pipeline(),
      paramGrid: {
        clf__metric: ["euclidean", "manhattan"],
        scale__withMean: [true, false],
        scale__withStd: [true, false],
      },
    }).fit(wine.X, wine.y);
    expectSearch(gs.cvResults, gs, fixture.winePipeline!, 1e-12);
    expect(gs.bestParams).toEqual(fixture.winePipeline!.params[fixture.winePipeline!.bestIndex]);
    expect(gs.classes).toEqual([0, 1, 2]);
  });

  it("a Ridge alpha grid on diabetes scored by neg_mean_squared_error, with train scores and refit score", () => {
    const gs = new GridSearchCV({
      estimator: new ToyRidge(),
      paramGrid: { alpha: [0.001, 0.01, 0.1, 1, 10] },
      cv: 4,
      scoring: "neg_mean_squared_error",
      returnTrainScore: true,
    }).fit(diabetes.X, diabetes.y);
    const want = fixture.diabetesRidge!;
    expectSearch(gs.cvResults, gs, want, 1e-9);
    expectClose(gs.cvResults.meanTrainScore!, want.meanTrainScore!, 1e-9);
    expect(Math.abs(gs.score(diabetes.X, diabetes.y) - want.refitScore!)).toBeLessThan(
      1e-9 * Math.abs(want.refitScore!),
    );
  });
});

describe("GridSearchCV", () => {
  it("routes nested params both ways: estimator__clf__metric", () => {
    const gs = new GridSearchCV({ estimator: pipeline(), paramGrid: { clf__metric: ["euclidean"] } });
    gs.setParams({ estimator__clf__temperature: 3, cv: new KFold({ nSplits: 3, shuffle: true, seed: 1 }) });
    const deep = gs.getParams({ deep: true }) as unknown as Record<string, unknown>;
    expect(deep.estimator__clf__temperature).toBe(3);
    expect(deep.estimator__scale__withMean).toBe(true);
    expect(gs.params.cv).toEqual({ kind: "KFold", nSplits: 3, shuffle: true, seed: 1 });
    gs.fit(iris.X, iris.y);
    expect(gs.nSplits).toBe(3);
    expect(() => gs.setParams({ estimator__nope__x: 1 })).toThrow(/nope/);
  });

  it("searches over estimators too, and saves / loads with its best estimator", () => {
    const gs = new GridSearchCV({
      estimator: pipeline(),
      paramGrid: { clf: [new ToyNearestCentroid(), new ToyNearestCentroid({ metric: "manhattan" })] },
      cv: 3,
    }).fit(iris.X, iris.y);
    const loaded = loadModel<GridSearchCV>(JSON.stringify(gs));
    expect(loaded.predict!(iris.X)).toEqual(gs.predict!(iris.X));
    expect(loaded.bestScore).toBe(gs.bestScore);
    expect((loaded.cvResults.params[1]!.clf as ToyNearestCentroid).params.metric).toBe("manhattan");
    expect(((gs.params.paramGrid as Record<string, unknown[]>).clf![0] as ToyNearestCentroid).isFitted).toBe(false);
  });

  it("refit false keeps the ranking but no best estimator; several scorers need a refit name", () => {
    const gs = new GridSearchCV({
      estimator: new ToyRidge(),
      paramGrid: { alpha: [0.1, 1] },
      refit: false,
    }).fit(diabetes.X, diabetes.y);
    expect(gs.bestParams).toEqual(gs.cvResults.params[gs.bestIndex]);
    expect(() => gs.bestEstimator).toThrow(/refit: false/);
    expect(() => gs.predict!(diabetes.X)).toThrow(/refit: false/);
    expect(gs.predictProba).toBeUndefined();
    const multi = new GridSearchCV({
      estimator: new ToyRidge(),
      paramGrid: { alpha: [1] },
      scoring: ["r2", "neg_mean_absolute_error"],
    });
    expect(() => multi.fit(diabetes.X, diabetes.y)).toThrow(/refit must be the name/);
  });

  it("failing candidates score errorScore and rank last; invalid grids are INVALID_INPUT", () => {
    const gs = new GridSearchCV({
      estimator: new ToyNearestCentroid(),
      paramGrid: { failFit: [true, false], temperature: [1, -1] },
      cv: 3,
    }).fit(iris.X, iris.y);
    const means = gs.cvResults.meanTestScore;
    expect(means.filter(Number.isNaN)).toHaveLength(3);
    expect(gs.bestParams).toEqual({ failFit: false, temperature: 1 });
    expect(gs.cvResults.rankTestScore).toEqual([2, 2, 1, 2]);
    expect(() => new GridSearchCV({ estimator: new ToyRidge(), paramGrid: { alpha: [] } })).toThrow(/non-empty/);
    expect(() => new GridSearchCV({ paramGrid: { alpha: [1] } })).toThrow(/estimator/);
  });
});
