import { AppError } from "../../core/index.js";
import type { Label, Target } from "../estimator.js";
import type { Matrix } from "../matrix.js";
import { labelsToCodes } from "../validation.js";

/** The class with the highest probability in each row (the first on ties, like numpy's argmax). */
export function argmaxRows(proba: Matrix): Int32Array {
  const { rows, cols, data } = proba;
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    let best = 0;
    let bestP = data[base]!;
    for (let k = 1; k < cols; k++) {
      if (data[base + k]! > bestP) {
        bestP = data[base + k]!;
        best = k;
      }
    }
    out[i] = best;
  }
  return out;
}

/** Labels of the most probable class of each row. */
export function labelsFromProba(proba: Matrix, classes: readonly Label[]): Label[] {
  const codes = argmaxRows(proba);
  const out = new Array<Label>(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = classes[codes[i]!]!;
  return out;
}

/** Accuracy of the most probable classes against y; labels the model never saw are INVALID_INPUT. */
export function accuracyFromProba(proba: Matrix, classes: readonly Label[], y: Target): number {
  if (y.length !== proba.rows) {
    throw new AppError("INVALID_INPUT", `y has ${y.length} values but X has ${proba.rows} rows`, [
      { field: "y", reason: `expected ${proba.rows} values, got ${y.length}` },
    ]);
  }
  const truth = labelsToCodes(y, classes);
  const predicted = argmaxRows(proba);
  let hits = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) hits++;
  return hits / truth.length;
}
