import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/fixtures/datasets.js";
import type { Input } from "../estimator.js";
import { Matrix } from "../matrix.js";
import { f1Score, logLoss, precisionScore, recallScore, rocAucScore } from "../metrics/index.js";
import { getScorer, scorerNames } from "./index.js";
import { ToyNearestCentroid, ToyRidge } from "./toy-estimators.suite.js";

const iris = loadDataset("iris");
// Classes 1 and 2 of iris, relabelled 0 / 1: a binary problem with overlap.
const rows = iris.y.flatMap((v, i) => (v > 0 ? [i] : []));
const X = iris.X.selectRows(rows);
const y = rows.map((i) => iris.y[i]! - 1);
const clf = new ToyNearestCentroid({ temperature: 0.3 }).fit(X, y);
const pred = clf.predict(X) as number[];
const p1 = clf.predictProba(X).column(1);

/** Decision values that rank opposite to the probabilities, to show roc_auc prefers decisionFunction. */
class ReversedDecision extends ToyNearestCentroid {
  decisionFunction(Xd: Input): Float64Array {
    return this.predictProba(Xd)
      .column(1)
      .map((v) => -v);
  }
}

describe("scorers", () => {
  it("binary classification scorers score the positive class 1 like scikit-learn's", () => {
    expect(getScorer("precision")(clf, X, y)).toBe(precisionScore(y, pred));
    expect(getScorer("recall")(clf, X, y)).toBe(recallScore(y, pred));
    expect(getScorer("f1")(clf, X, y)).toBe(f1Score(y, pred));
    expect(getScorer("f1_weighted")(clf, X, y)).toBe(f1Score(y, pred, { average: "weighted" }));
    expect(getScorer("roc_auc")(clf, X, y)).toBe(rocAucScore(y, p1));
    expect(getScorer("roc_auc_ovr")(clf, X, y)).toBe(rocAucScore(y, p1));
    expect(getScorer("neg_log_loss")(clf, X, y)).toBe(-logLoss(y, p1));
  });

  it("roc_auc uses decision values when the estimator has them", () => {
    const rev = new ReversedDecision({ temperature: 0.3 }).fit(X, y);
    expect(getScorer("roc_auc")(rev, X, y)).toBeCloseTo(1 - rocAucScore(y, p1), 12);
  });

  it("multiclass: roc_auc is refused, roc_auc_ovr(_weighted) and neg_log_loss use the probability matrix", () => {
    const multi = new ToyNearestCentroid().fit(iris.X, iris.y);
    const P = multi.predictProba(iris.X);
    expect(() => getScorer("roc_auc")(multi, iris.X, iris.y)).toThrow(/roc_auc_ovr/);
    expect(getScorer("roc_auc_ovr_weighted")(multi, iris.X, iris.y)).toBe(
      rocAucScore(iris.y, P, { average: "weighted" }),
    );
    expect(getScorer("neg_log_loss")(multi, iris.X, iris.y)).toBe(-logLoss(iris.y, P));
    const twoClassesOnly = rows.slice(0, 60);
    expect(() =>
      getScorer("roc_auc")(
        multi,
        iris.X.selectRows(twoClassesOnly),
        twoClassesOnly.map((i) => iris.y[i]!),
      ),
    ).toThrow(/two classes/);
  });

  it("regression scorers need numbers; the default scorer is the estimator's score", () => {
    const reg = new ToyRidge().fit(X, y);
    expect(getScorer("score")(reg, X, y)).toBe(reg.score(X, y));
    expect(() => getScorer("r2")(reg, X, y.map(String))).toThrow(/not a number/);
    expect(() => getScorer("accuracy")(reg, Matrix.fromRows([[1, 2, 3]]), [1])).toThrow(/columns/);
    expect(scorerNames()).toContain("neg_mean_absolute_percentage_error");
    expect(scorerNames()).not.toContain("score");
  });
});
