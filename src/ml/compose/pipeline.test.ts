import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/fixtures/datasets.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { Matrix } from "../matrix.js";
import { ToyNearestCentroid, ToyRidge } from "../model-selection/toy-estimators.suite.js";
import { StandardScaler } from "../preprocessing/index.js";
import { loadModel } from "../save-load.js";
import { makePipeline, Pipeline } from "./index.js";

const iris = loadDataset("iris");
const diabetes = loadDataset("diabetes");
const X = iris.X;
const y = iris.y;

const classifier = (): Pipeline =>
  new Pipeline([
    ["scale", new StandardScaler()],
    ["clf", new ToyNearestCentroid({ temperature: 0.5 })],
  ]);

checkEstimator("Pipeline (scaler + classifier)", classifier, { X, y });
checkEstimator(
  "Pipeline (scaler + regressor)",
  () =>
    new Pipeline([
      ["scale", new StandardScaler()],
      ["reg", new ToyRidge({ alpha: 2 })],
    ]),
  { X: diabetes.X.selectRows(Array.from({ length: 120 }, (_, i) => i)), y: diabetes.y.slice(0, 120) },
);
checkEstimator(
  "Pipeline (transformers only)",
  () =>
    new Pipeline([
      ["a", new StandardScaler()],
      ["skip", "passthrough"],
      ["b", new StandardScaler({ withMean: false })],
    ]),
  { X },
);

describe("Pipeline", () => {
  it("delegates predict, predictProba, score and classes to the fitted last step", () => {
    const pipe = classifier().fit(X, y);
    const scaler = new StandardScaler().fit(X);
    const clf = new ToyNearestCentroid({ temperature: 0.5 }).fit(scaler.transform(X), y);
    const Xs = scaler.transform(X);
    expect(pipe.predict!(X)).toEqual(clf.predict(Xs));
    expect(pipe.predictProba!(X).data).toEqual(clf.predictProba(Xs).data);
    expect(pipe.score!(X, y)).toBe(clf.score(Xs, y));
    expect(pipe.classes).toEqual([0, 1, 2]);
    expect(pipe.estimatorType).toBe("classifier");
  });

  it("offers only the methods its last step has (like scikit-learn's available_if)", () => {
    const pipe = classifier();
    expect(pipe.transform).toBeUndefined();
    expect(typeof pipe.predictProba).toBe("function");
    const reg = new Pipeline([
      ["scale", new StandardScaler()],
      ["reg", new ToyRidge()],
    ]);
    expect(reg.predictProba).toBeUndefined();
    expect(reg.estimatorType).toBe("regressor");
    const tr = new Pipeline([["scale", new StandardScaler()]]);
    expect(tr.predict).toBeUndefined();
    expect(tr.fitTransform!(X).cols).toBe(4);
    expect(tr.estimatorType).toBe("transformer");
  });

  it("keeps the steps of the params unfitted; namedSteps shows the fitted copies after fit", () => {
    const pipe = classifier();
    const before = pipe.namedSteps.clf as ToyNearestCentroid;
    pipe.fit(X, y);
    expect(before.isFitted).toBe(false);
    expect((pipe.namedSteps.clf as ToyNearestCentroid).isFitted).toBe(true);
  });

  it("sets nested params with step__param and replaces a step by its name", () => {
    const pipe = classifier();
    pipe.setParams({ clf__metric: "manhattan", scale__withMean: false });
    expect((pipe.params.steps[1]![1] as ToyNearestCentroid).params.metric).toBe("manhattan");
    expect((pipe.params.steps[0]![1] as StandardScaler).params.withMean).toBe(false);
    pipe.setParams({ clf: new ToyNearestCentroid({ temperature: 3 }), clf__metric: "manhattan" });
    const clf = pipe.params.steps[1]![1] as ToyNearestCentroid;
    expect(clf.params).toEqual({ metric: "manhattan", temperature: 3, failFit: false });
    expect(() => pipe.setParams({ nope__x: 1 })).toThrow(/no nested estimator "nope"/);
    expect(() => pipe.setParams({ clf__nope: 1 })).toThrow(/no param nope/);
    expect(() => pipe.setParams({ memory: 1 })).toThrow(/no param memory/);
  });

  it("flattens params with {deep: true} like get_params(deep=True)", () => {
    const pipe = classifier();
    const deep = pipe.getParams({ deep: true }) as unknown as Record<string, unknown>;
    expect(Object.keys(deep).sort()).toEqual(
      [
        "steps",
        "scale",
        "scale__withMean",
        "scale__withStd",
        "clf",
        "clf__metric",
        "clf__temperature",
        "clf__failFit",
      ].sort(),
    );
    expect(deep.clf__temperature).toBe(0.5);
    expect(Object.keys(pipe.getParams())).toEqual(["steps"]);
  });

  it("clones deeply: changing the clone's steps leaves the original alone", () => {
    const pipe = classifier();
    const copy = pipe.clone();
    copy.setParams({ clf__metric: "manhattan" });
    expect((pipe.params.steps[1]![1] as ToyNearestCentroid).params.metric).toBe("euclidean");
  });

  it("saves params and fitted steps; an unfitted saved pipeline reloads unfitted", () => {
    const pipe = classifier().fit(X, y);
    const json = JSON.parse(JSON.stringify(pipe.toJSON()));
    expect(json.params.steps[1][1].$model.kind).toBe("ToyNearestCentroid");
    expect(json.params.steps[1][1].$model.fitted).toBeNull();
    expect(json.fitted.steps[1][1].$model.fitted).not.toBeNull();
    const loaded = loadModel<Pipeline>(json);
    expect(loaded.predict!(X)).toEqual(pipe.predict!(X));
  });

  it("rejects a middle step that cannot transform, duplicate names and names with __", () => {
    const bad = new Pipeline([
      ["clf", new ToyNearestCentroid()],
      ["scale", new StandardScaler()],
    ]);
    expect(() => bad.fit(X, y)).toThrow(/step "clf".*no transform/);
    expect(
      () =>
        new Pipeline([
          ["a", new StandardScaler()],
          ["a", new StandardScaler()],
        ]),
    ).toThrow(/twice/);
    expect(() => new Pipeline([["a__b", new StandardScaler()]])).toThrow(/__/);
    expect(() => new Pipeline([])).toThrow(/at least one step/);
  });

  it("makePipeline names steps after their kinds", () => {
    const pipe = makePipeline(new StandardScaler(), new StandardScaler(), new ToyRidge());
    expect(pipe.params.steps.map((s) => s[0])).toEqual(["standardscaler-1", "standardscaler-2", "toyridge"]);
    const m = Matrix.fromRows([
      [1, 2],
      [2, 1],
      [3, 5],
    ]);
    expect(pipe.fit(m, [1, 2, 3]).predict!(m)).toHaveLength(3);
  });
});
