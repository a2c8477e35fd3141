import { describe, expect, it } from "vitest";
import { Matrix } from "../matrix.js";
import { pyFixed } from "./classification-report.js";
import { confusionMatrix, f1Score, logLoss, precisionScore, rocAucScore } from "./index.js";

describe("classification metrics: edge cases", () => {
  it("formats like Python: exact ties round to even", () => {
    expect(pyFixed(0.125, 2)).toBe("0.12");
    expect(pyFixed(0.375, 2)).toBe("0.38");
    expect(pyFixed(2.5, 0)).toBe("2");
    expect(pyFixed(0.1 + 0.2, 2)).toBe("0.30");
    expect(pyFixed(1, 4)).toBe("1.0000");
  });

  it("average binary on three labels, an absent posLabel and mixed label types are INVALID_INPUT", () => {
    expect(() => f1Score([0, 1, 2], [0, 1, 1])).toThrow(/multiclass/);
    expect(() => precisionScore(["a", "b"], ["a", "b"])).toThrow(/posLabel/);
    expect(() => precisionScore([0, "a"], [0, "a"], { average: "macro" })).toThrow(/Mix of label/);
    expect(() => f1Score([0, 1], [0])).toThrow(/2 values/);
  });

  it("zero division gives 0 (or 1 when asked) without throwing", () => {
    expect(precisionScore([1, 1, 0], [0, 0, 0])).toBe(0);
    expect(precisionScore([1, 1, 0], [0, 0, 0], { zeroDivision: 1 })).toBe(1);
  });

  it("ROC AUC counts ties as half and refuses a single class", () => {
    expect(rocAucScore([0, 1], [0.5, 0.5])).toBe(0.5);
    expect(rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(() => rocAucScore([1, 1], [0.2, 0.3])).toThrow(/one class/);
    expect(() =>
      rocAucScore(
        [0, 1, 2],
        Matrix.fromRows([
          [1, 0, 0],
          [0, 1, 0],
          [0.5, 0.6, 0],
        ]),
      ),
    ).toThrow(/sums/);
  });

  it("log loss needs two labels and matching columns", () => {
    expect(() => logLoss([1, 1], [0.9, 0.8])).toThrow(/only one label/);
    expect(logLoss([1, 1], [0.9, 0.8], { labels: [0, 1] })).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 14);
    expect(() =>
      logLoss(
        [0, 1, 2],
        Matrix.fromRows([
          [1, 0],
          [0, 1],
          [0.5, 0.5],
        ]),
      ),
    ).toThrow(/columns/);
  });

  it("confusion matrix ignores samples outside the given labels", () => {
    expect(confusionMatrix(["a", "b", "c"], ["a", "c", "c"], { labels: ["c", "a"] }).toArrays()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(() => confusionMatrix(["a"], ["a"], { labels: ["z"] })).toThrow(/at least one label/i);
  });
});
