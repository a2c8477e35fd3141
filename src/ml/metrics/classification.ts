import { AppError } from "../../core/index.js";
import type { Label } from "../estimator.js";
import { Matrix } from "../matrix.js";
import { checkSameLength, labelIndex, uniqueLabels } from "./labels.js";

/** Share of predictions equal to the truth, like sklearn.metrics.accuracy_score. */
export function accuracyScore(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>): number {
  checkSameLength(yTrue, yPred);
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /** Row and column order; samples whose labels are not listed are ignored. Default: sorted union of labels. */
  readonly labels?: readonly Label[];
}

/**
 * Counts of (true label, predicted label) pairs, like sklearn.metrics.confusion_matrix: row i is the true label
 * `labels[i]`, column j the predicted label `labels[j]`.
 */
export function confusionMatrix(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  options: ConfusionMatrixOptions = {},
): Matrix {
  checkSameLength(yTrue, yPred);
  const labels = options.labels ?? uniqueLabels(yTrue, yPred);
  if (labels.length === 0) throw new AppError("INVALID_INPUT", "labels must contain at least one label");
  const index = labelIndex(labels);
  if (options.labels) {
    let any = false;
    for (let i = 0; i < yTrue.length && !any; i++) any = index.has(yTrue[i]!);
    if (!any) throw new AppError("INVALID_INPUT", "At least one label specified must be in yTrue");
  }
  const k = labels.length;
  const out = new Matrix(k, k);
  for (let i = 0; i < yTrue.length; i++) {
    const t = index.get(yTrue[i]!);
    const p = index.get(yPred[i]!);
    if (t !== undefined && p !== undefined) out.data[t * k + p]! += 1;
  }
  return out;
}

/**
 * The mean of the per-class recalls (classes only predicted, never true, are left out), like
 * sklearn.metrics.balanced_accuracy_score.
 */
export function balancedAccuracyScore(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>): number {
  const c = confusionMatrix(yTrue, yPred);
  const k = c.rows;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < k; i++) {
    let rowSum = 0;
    for (let j = 0; j < k; j++) rowSum += c.data[i * k + j]!;
    if (rowSum > 0) {
      sum += c.data[i * k + i]! / rowSum;
      count++;
    }
  }
  return sum / count;
}
