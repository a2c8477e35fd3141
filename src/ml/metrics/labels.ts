import { AppError } from "../../core/index.js";
import type { Label } from "../estimator.js";
import { compareLabels } from "../validation.js";

/** Throws INVALID_INPUT unless both label arrays have the same, non-zero length. */
export function checkSameLength(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, predName = "yPred"): void {
  if (yTrue.length !== yPred.length) {
    throw new AppError("INVALID_INPUT", `yTrue has ${yTrue.length} values but ${predName} has ${yPred.length}`, [
      { field: predName, reason: `expected ${yTrue.length} values, got ${yPred.length}` },
    ]);
  }
  if (yTrue.length === 0) throw new AppError("INVALID_INPUT", "Metrics need at least one value");
}

/**
 * The sorted distinct labels of the given arrays, like sklearn's unique_labels. Mixing numbers and strings is
 * INVALID_INPUT there too, because the sort order would be meaningless.
 */
export function uniqueLabels(...arrays: readonly ArrayLike<Label>[]): Label[] {
  const seen = new Set<Label>();
  let hasNumber = false;
  let hasString = false;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (typeof v === "number") {
        if (Number.isNaN(v)) throw new AppError("INVALID_INPUT", "Labels contain NaN", [{ index: i, reason: "NaN" }]);
        hasNumber = true;
      } else if (typeof v === "string") hasString = true;
      else {
        throw new AppError("INVALID_INPUT", `Label at index ${i} is not a number or a string`, [
          { index: i, reason: `not a label: ${String(v)}` },
        ]);
      }
      seen.add(v);
    }
  }
  if (hasNumber && hasString) {
    throw new AppError("INVALID_INPUT", "Mix of label input types (string and number)");
  }
  return [...seen].sort(compareLabels);
}

/** A map from label to its position in `labels`. */
export function labelIndex(labels: readonly Label[]): Map<Label, number> {
  const index = new Map<Label, number>();
  labels.forEach((label, k) => {
    if (index.has(label)) throw new AppError("INVALID_INPUT", `Label ${JSON.stringify(label)} is listed twice`);
    index.set(label, k);
  });
  return index;
}
