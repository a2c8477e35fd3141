import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/datasets.js";
import { checkEstimator } from "../check-estimator.suite.js";
import * as ml from "../index.js";

// The searches and compose classes with the library's real estimators (text vectoriser, naive Bayes, encoders,
// scalers, LogisticRegression), against scikit-learn on the same generated corpus.

interface TextFixture {
  docs: string[];
  labels: string[];
  nb: Record<"accuracy" | "f1_macro", { meanTestScore: number[]; rankTestScore: number[] }> & { bestIndex: number };
  logistic: { meanTestScore: number[]; rankTestScore: number[]; bestIndex: number };
}
const text = readFixture<{ text: TextFixture }>("sklearn/model_selection.json").text;
const {
  GridSearchCV,
  Pipeline,
  ColumnTransformer,
  TfidfVectorizer,
  MultinomialNB,
  OneHotEncoder,
  MinMaxScaler,
  LogisticRegression,
} = ml;

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, k) => {
    expect(Math.abs(v - expected[k]!)).toBeLessThan(1e-9);
  });
}

const frame = new ml.Frame({
  message: text.docs,
  channel: text.docs.map((d, i) => (d.length % 3 === 0 ? "mail" : i % 2 ? "sms" : "chat")),
  length: text.docs.map((d) => d.length),
});
const prep = (): InstanceType<typeof ColumnTransformer> =>
  new ColumnTransformer({
    transformers: [
      ["text", new TfidfVectorizer(), "message"],
      ["channel", new OneHotEncoder(), ["channel"]],
      ["size", new MinMaxScaler(), ["length"]],
    ],
  });

checkEstimator(
  "Pipeline (ColumnTransformer of TfidfVectorizer, OneHotEncoder, MinMaxScaler + MultinomialNB) on a Frame",
  () =>
    new Pipeline([
      ["prep", prep()],
      ["clf", new MultinomialNB()],
    ]),
  { X: frame, y: text.labels },
);

checkEstimator(
  "GridSearchCV over a ColumnTransformer + LogisticRegression pipeline on a Frame",
  () =>
    new GridSearchCV({
      estimator: new Pipeline([
        ["prep", prep()],
        ["clf", new LogisticRegression()],
      ]),
      paramGrid: { clf__C: [0.5, 5], prep__text__ngramRange: [[1, 2]] },
      cv: 3,
    }),
  { X: frame, y: text.labels },
);

describe("with the library's estimators", () => {
  it("GridSearchCV over TfidfVectorizer + MultinomialNB matches scikit-learn", () => {
    const make = (): InstanceType<typeof GridSearchCV> =>
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
        scoring: ["accuracy", "f1_macro"],
        refit: "f1_macro",
      });
    const gs = make().fit(text.docs, text.labels);
    for (const name of ["accuracy", "f1_macro"] as const) {
      expectClose(gs.cvResults.metrics[name]!.meanTestScore, text.nb[name].meanTestScore);
      expect(gs.cvResults.metrics[name]!.rankTestScore).toEqual(text.nb[name].rankTestScore);
    }
    expect(gs.bestIndex).toBe(text.nb.bestIndex);
    expect(gs.classes).toEqual(["ham", "spam"]);
    const loaded = ml.loadModel<InstanceType<typeof GridSearchCV>>(JSON.stringify(gs));
    expect(loaded.predict!(text.docs.slice(0, 10))).toEqual(gs.predict!(text.docs.slice(0, 10)));
  });

  it("ColumnTransformer sends a single text column to the vectoriser and stays sparse", () => {
    const ct = prep();
    const out = ct.fitTransform(frame);
    expect(out).toBeInstanceOf(ml.CsrMatrix);
    const names = ct.getFeatureNamesOut();
    expect(names.filter((n) => n.startsWith("text__")).length).toBe(out.cols - 4);
    expect(names.slice(-4)).toEqual([
      "channel__channel_chat",
      "channel__channel_mail",
      "channel__channel_sms",
      "size__length",
    ]);
    const cv = ml.crossValidate(
      new Pipeline([
        ["prep", prep()],
        ["clf", new MultinomialNB()],
      ]),
      frame,
      text.labels,
      {
        scoring: "accuracy",
      },
    );
    expect(cv.testScore.every((s) => s > 0.6)).toBe(true);
  });

  it("GridSearchCV over TfidfVectorizer + LogisticRegression matches scikit-learn", () => {
    const gs = new GridSearchCV({
      estimator: new Pipeline([
        ["vec", new TfidfVectorizer()],
        ["clf", new LogisticRegression()],
      ]),
      paramGrid: {
        vec__ngramRange: [
          [1, 1],
          [1, 2],
        ],
        clf__C: [0.1, 10],
      },
      cv: 3,
    }).fit(text.docs, text.labels);
    expectClose(gs.cvResults.meanTestScore, text.logistic.meanTestScore);
    expect(gs.bestIndex).toBe(text.logistic.bestIndex);
  });
});
