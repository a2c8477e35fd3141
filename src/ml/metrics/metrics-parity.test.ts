import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/datasets.js";
import type { Label } from "../estimator.js";
import { Matrix } from "../matrix.js";
import {
  accuracyScore,
  balancedAccuracyScore,
  classificationReport,
  confusionMatrix,
  f1Score,
  fbetaScore,
  logLoss,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  precisionRecallFscore,
  precisionRecallFscoreSupport,
  precisionScore,
  r2Score,
  recallScore,
  rocAucScore,
  rocCurve,
  rootMeanSquaredError,
  type ZeroDivision,
} from "./index.js";

interface Prf {
  precision: number;
  recall: number;
  f1: number;
}
interface ClassCase {
  name: string;
  yTrue: Label[];
  yPred: Label[];
  labelsOrder: Label[];
  accuracy: number;
  balancedAccuracy: number;
  prf: Record<string, Prf>;
  perLabel: { precision: number[]; recall: number[]; f1: number[]; support: number[] };
  f2Macro: number;
  confusion: number[][];
  confusionOrdered: number[][];
  reportText2: string;
  reportText4: string;
  reportDict: Record<string, unknown>;
  reportSubsetLabels: Label[];
  reportSubsetText: string;
  scores?: number[];
  rocAuc?: number;
  rocCurve?: { fpr: number[]; tpr: number[]; thresholds: number[] };
  logLossAuto?: number;
  logLoss1e15?: number;
  logLossSum?: number;
  proba?: number[][];
  rocAucMacro?: number;
  rocAucWeighted?: number;
  rocAucMicro?: number;
}
interface Fixture {
  classification: ClassCase[];
  regression: Record<string, number> & { yTrue: number[]; yPred: number[] };
}

const fixture = readFixture<Fixture>("sklearn/metrics.json");
const TOL = 1e-12;

function close(actual: number, expected: number, tol = TOL): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

describe("classification metrics match scikit-learn 1.2 to 1e-12", () => {
  for (const c of fixture.classification) {
    describe(c.name, () => {
      it("accuracy and balanced accuracy", () => {
        close(accuracyScore(c.yTrue, c.yPred), c.accuracy);
        close(balancedAccuracyScore(c.yTrue, c.yPred), c.balancedAccuracy);
      });

      it("precision, recall and F1 for every average and zeroDivision", () => {
        for (const [key, want] of Object.entries(c.prf)) {
          const [average, zd] = key.split("/") as ["binary" | "micro" | "macro" | "weighted", string];
          const zeroDivision = (zd === "warn" ? "warn" : Number(zd)) as ZeroDivision;
          const posLabel = c.name === "strings" ? "spam" : 1;
          const opts = { average, zeroDivision, posLabel };
          const got = precisionRecallFscore(c.yTrue, c.yPred, opts);
          close(got.precision, want.precision);
          close(got.recall, want.recall);
          close(got.fScore, want.f1);
          close(precisionScore(c.yTrue, c.yPred, opts), want.precision);
          close(recallScore(c.yTrue, c.yPred, opts), want.recall);
          close(f1Score(c.yTrue, c.yPred, opts), want.f1);
        }
        close(fbetaScore(c.yTrue, c.yPred, 2, { average: "macro" }), c.f2Macro);
      });

      it("per-label scores and support", () => {
        const per = precisionRecallFscoreSupport(c.yTrue, c.yPred);
        for (let k = 0; k < per.labels.length; k++) {
          close(per.precision[k]!, c.perLabel.precision[k]!);
          close(per.recall[k]!, c.perLabel.recall[k]!);
          close(per.fScore[k]!, c.perLabel.f1[k]!);
        }
        expect(Array.from(per.support)).toEqual(c.perLabel.support);
      });

      it("confusion matrix, default and in a given label order", () => {
        expect(confusionMatrix(c.yTrue, c.yPred).toArrays()).toEqual(c.confusion);
        expect(confusionMatrix(c.yTrue, c.yPred, { labels: c.labelsOrder }).toArrays()).toEqual(c.confusionOrdered);
      });

      it("classification report: text identical, structured values equal", () => {
        const r = classificationReport(c.yTrue, c.yPred);
        expect(r.text).toBe(c.reportText2);
        expect(classificationReport(c.yTrue, c.yPred, { digits: 4 }).text).toBe(c.reportText4);
        expect(classificationReport(c.yTrue, c.yPred, { labels: c.reportSubsetLabels }).text).toBe(c.reportSubsetText);
        const dict = c.reportDict as Record<string, Record<string, number>> & { accuracy: number };
        for (const line of r.classes) {
          const want = dict[line.name]!;
          close(line.precision, want.precision!);
          close(line.recall, want.recall!);
          close(line.f1Score, want["f1-score"]!);
          expect(line.support).toBe(want.support);
        }
        close(r.accuracy!, dict.accuracy);
        close(r.macroAvg.f1Score, dict["macro avg"]!["f1-score"]!);
        close(r.weightedAvg.precision, dict["weighted avg"]!.precision!);
        expect(r.weightedAvg.support).toBe(dict["weighted avg"]!.support);
      });

      if (c.scores) {
        it("ROC AUC with tied scores, ROC curve and log loss", () => {
          close(rocAucScore(c.yTrue, c.scores!), c.rocAuc!);
          close(logLoss(c.yTrue, c.scores!), c.logLossAuto!);
          if (c.logLoss1e15 !== undefined) close(logLoss(c.yTrue, c.scores!, { eps: 1e-15 }), c.logLoss1e15);
          if (c.logLossSum !== undefined) close(logLoss(c.yTrue, c.scores!, { normalize: false }), c.logLossSum);
          if (c.rocCurve) {
            const curve = rocCurve(c.yTrue, c.scores!);
            expect(Array.from(curve.fpr)).toEqual(c.rocCurve.fpr);
            expect(Array.from(curve.tpr)).toEqual(c.rocCurve.tpr);
            expect(Array.from(curve.thresholds)).toEqual(c.rocCurve.thresholds);
          }
        });
      }

      if (c.proba) {
        it("multiclass one-vs-rest ROC AUC and log loss from a probability Matrix", () => {
          const P = Matrix.fromRows(c.proba!);
          close(rocAucScore(c.yTrue, P), c.rocAucMacro!);
          close(rocAucScore(c.yTrue, P, { average: "weighted" }), c.rocAucWeighted!);
          close(rocAucScore(c.yTrue, P, { average: "micro" }), c.rocAucMicro!);
          close(logLoss(c.yTrue, P), c.logLossAuto!);
          close(logLoss(c.yTrue, P, { eps: 1e-15 }), c.logLoss1e15!);
        });
      }
    });
  }
});

describe("regression metrics match scikit-learn 1.2 to 1e-12", () => {
  const r = fixture.regression;
  it("r2, MAE, MSE, RMSE, MAPE (with a zero and a tiny target)", () => {
    close(r2Score(r.yTrue, r.yPred), r.r2);
    close(meanAbsoluteError(r.yTrue, r.yPred), r.mae);
    close(meanSquaredError(r.yTrue, r.yPred), r.mse);
    close(rootMeanSquaredError(r.yTrue, r.yPred), r.rmse);
    close(meanAbsolutePercentageError(r.yTrue, r.yPred), r.mape);
    close(meanAbsolutePercentageError(r.yTrue.slice(3), r.yPred.slice(3)), r.mapeNoZero);
  });
});
