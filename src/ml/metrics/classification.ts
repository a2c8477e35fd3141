import { AppError } from "../../core/index.js";
import type { Label } from "../estimator.js";

/** Share of predictions equal to the truth, like sklearn.metrics.accuracy_score. */
export function accuracyScore(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>): number {
  if (yTrue.length !== yPred.length) {
    throw new AppError("INVALID_INPUT", `yTrue has ${yTrue.length} values but yPred has ${yPred.length}`);
  }
  if (yTrue.length === 0) throw new AppError("INVALID_INPUT", "Metrics need at least one value");
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}
