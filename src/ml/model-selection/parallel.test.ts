import { afterAll, describe, expect, it } from "vitest";
import { loadDataset, readFixture } from "../../../test/fixtures/datasets.js";
import { Pipeline } from "../compose/index.js";
import { Frame } from "../frame.js";
import { MultinomialNB } from "../naive-bayes/index.js";
import { StandardScaler } from "../preprocessing/index.js";
import { registerEstimator } from "../save-load.js";
import { TfidfVectorizer } from "../text/index.js";
import { type CvResults, crossValidate, GridSearchCV, type Progress, shutdownCvWorkers, TpeSearchCV } from "./index.js";
import { ToyNearestCentroid, ToyRidge } from "./toy-estimators.suite.js";

// Worker threads: every test here compares nJobs 2 with nJobs 1. They share one pool (started once: under vitest
// each worker compiles the library through tsx, which costs seconds), so they live in this one file.

const iris = loadDataset("iris");
const wine = loadDataset("wine");
const diabetes = loadDataset("diabetes");
const workerModules = [new URL("./toy-estimators.suite.ts", import.meta.url).href];

const pipeline = (): Pipeline =>
  new Pipeline([
    ["scale", new StandardScaler()],
    ["clf", new ToyNearestCentroid()],
  ]);

const withoutTimes = (r: CvResults): unknown => ({
  ...r,
  meanFitTime: 0,
  stdFitTime: 0,
  meanScoreTime: 0,
  stdScoreTime: 0,
});

afterAll(async () => {
  await shutdownCvWorkers();
});

describe("nJobs > 1: worker threads give the same results as nJobs 1", () => {
  it("runs on worker threads with identical scores and reports progress", () => {
    const pipe = new Pipeline([
      ["scale", new StandardScaler()],
      ["clf", new ToyNearestCentroid({ temperature: 2 })],
    ]);
    const options = { cv: 5, scoring: ["accuracy", "neg_log_loss", "roc_auc_ovr"], returnTrainScore: true };
    const here = crossValidate(pipe, wine.X, wine.y, options);
    const seen: Progress[] = [];
    const there = crossValidate(pipe, wine.X, wine.y, {
      ...options,
      nJobs: 2,
      workerModules,
      onProgress: (p) => seen.push(p),
    });
    expect(there.testScores).toEqual(here.testScores);
    expect(there.trainScores).toEqual(here.trainScores);
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.every((p) => p.total === 5)).toBe(true);
    expect(there.fitTime.every((t) => t >= 0)).toBe(true);
  });

  it("sends Frames and string labels to workers too", () => {
    const frame = new Frame({ a: Array.from(iris.X.column(0)), b: Array.from(iris.X.column(2)) });
    const labels = iris.y.map((v) => ["setosa", "versicolor", "virginica"][v]!);
    const est = new ToyNearestCentroid();
    const here = crossValidate(est, frame, labels, { cv: 3, scoring: "f1_weighted" });
    const there = crossValidate(est, frame, labels, { cv: 3, scoring: "f1_weighted", nJobs: 2, workerModules });
    expect(there.testScore).toEqual(here.testScore);
  });

  it("runs the (candidate × split) tasks on worker threads with identical results", () => {
    const make = (nJobs: number): GridSearchCV =>
      new GridSearchCV({
        estimator: pipeline(),
        paramGrid: [
          { clf__metric: ["euclidean", "manhattan"] },
          { clf__temperature: [0.5, 2], scale__withStd: [false] },
        ],
        scoring: ["accuracy", "neg_log_loss"],
        refit: "neg_log_loss",
        returnTrainScore: true,
        nJobs,
        workerModules,
      });
    const here = make(1).fit(wine.X, wine.y);
    const progress: Progress[] = [];
    const there = new GridSearchCV(make(2).params, { onProgress: (p) => progress.push(p) }).fit(wine.X, wine.y);
    expect(withoutTimes(there.cvResults)).toEqual(withoutTimes(here.cvResults));
    expect(there.bestParams).toEqual(here.bestParams);
    expect(there.predictProba!(wine.X).data).toEqual(here.predictProba!(wine.X).data);
    expect(progress).toHaveLength(20);
    expect(progress[19]).toEqual({ done: 20, total: 20 });
    expect(Object.keys(there.cvResults.metrics)).toEqual(["accuracy", "neg_log_loss"]);
    expect(there.cvResults.meanTestScore).toEqual(there.cvResults.metrics.neg_log_loss!.meanTestScore);
  });

  it("TpeSearchCV evaluates each trial's folds in parallel with the same trials", () => {
    const make = (nJobs: number): TpeSearchCV =>
      new TpeSearchCV({
        estimator: new ToyRidge(),
        paramDistributions: { alpha: { logUniform: [0.01, 100] }, fitIntercept: [true, false] },
        nIter: 8,
        nStartup: 4,
        cv: 4,
        nJobs,
        workerModules,
      });
    const here = make(1).fit(diabetes.X, diabetes.y);
    const there = make(2).fit(diabetes.X, diabetes.y);
    expect(withoutTimes(there.cvResults)).toEqual(withoutTimes(here.cvResults));
  });

  it("a search over the library's TfidfVectorizer + MultinomialNB on text (no worker modules needed)", () => {
    const docs = readFixture<{ text: { docs: string[]; labels: string[] } }>("sklearn/model_selection.json").text;
    const make = (nJobs: number): GridSearchCV =>
      new GridSearchCV({
        estimator: new Pipeline([
          ["vec", new TfidfVectorizer()],
          ["clf", new MultinomialNB()],
        ]),
        paramGrid: {
          vec__ngramRange: [
            [1, 1],
            [1, 2],
          ],
          clf__alpha: [0.1, 1],
        },
        cv: 3,
        scoring: "f1_macro",
        nJobs,
      });
    const here = make(1).fit(docs.docs, docs.labels);
    const there = make(2).fit(docs.docs, docs.labels);
    expect(withoutTimes(there.cvResults)).toEqual(withoutTimes(here.cvResults));
  });

  it("a workerModules URL that does not load is INVALID_INPUT, and the pool stays usable", () => {
    const missing = new URL("./no-such-module.suite.ts", import.meta.url).href;
    expect(() => crossValidate(new ToyRidge(), diabetes.X, diabetes.y, { nJobs: 2, workerModules: [missing] })).toThrow(
      /could not load the data.*no-such-module/,
    );
    const ok = crossValidate(new ToyRidge(), diabetes.X, diabetes.y, { nJobs: 2, workerModules });
    expect(ok.testScore).toEqual(crossValidate(new ToyRidge(), diabetes.X, diabetes.y).testScore);
  });

  it("an estimator kind the workers do not know is a clear error", () => {
    class LocalRidge extends ToyRidge {
      static override readonly kind = "LocalRidgeOfParallelTest";
    }
    registerEstimator(LocalRidge);
    expect(() => crossValidate(new LocalRidge(), diabetes.X, diabetes.y, { nJobs: 2 })).toThrow(
      /Unknown model kind "LocalRidgeOfParallelTest"/,
    );
  });
});
