import { z } from "zod";
import { AppError } from "../../core/index.js";
import type { Label } from "../estimator.js";

/**
 * Params shared by trees and forests. scikit-learn tells a count (int) from a fraction (float) by type; JavaScript
 * has one number type, so a number in (0, 1] is a fraction of the features (1 = all, scikit-learn's 1.0) and an
 * integer above 1 is a count.
 */
export const maxFeaturesSchema = z
  .union([
    z.literal("sqrt"),
    z.literal("log2"),
    z
      .number()
      .positive()
      .refine((v) => v <= 1 || Number.isInteger(v), "a fraction in (0, 1] or an integer count above 1"),
  ])
  .nullable();

/** Per-class weights: "balanced" (n / (nClasses · count)) or weights by label (keys are the labels as text). */
export const classWeightSchema = z.union([z.literal("balanced"), z.record(z.string(), z.number().min(0))]).nullable();

/** How many features each split examines. */
export type MaxFeatures = z.infer<typeof maxFeaturesSchema>;
/** Per-class sample weights. */
export type ClassWeight = z.infer<typeof classWeightSchema>;

/** The number of features examined per split, like scikit-learn's `max_features_`. */
export function resolveMaxFeatures(maxFeatures: MaxFeatures, nFeatures: number): number {
  if (maxFeatures === null) return nFeatures;
  if (maxFeatures === "sqrt") return Math.max(1, Math.floor(Math.sqrt(nFeatures)));
  if (maxFeatures === "log2") return Math.max(1, Math.floor(Math.log2(nFeatures)));
  if (maxFeatures <= 1) return Math.max(1, Math.floor(maxFeatures * nFeatures));
  if (maxFeatures > nFeatures) {
    throw new AppError("INVALID_INPUT", `maxFeatures is ${maxFeatures} but X has only ${nFeatures} columns`, [
      { field: "maxFeatures", reason: `at most ${nFeatures}` },
    ]);
  }
  return maxFeatures;
}

/** maxDepth as a number for the grower (null: unlimited). */
export function resolveMaxDepth(maxDepth: number | null): number {
  return maxDepth ?? Number.POSITIVE_INFINITY;
}

/** The weight of each class (in `classes` order); "balanced" uses the counts of `codes`. */
export function classWeights(
  classWeight: Exclude<ClassWeight, null>,
  classes: readonly Label[],
  codes: Int32Array,
): Float64Array {
  const k = classes.length;
  const out = new Float64Array(k).fill(1);
  if (classWeight === "balanced") {
    const counts = new Float64Array(k);
    for (let i = 0; i < codes.length; i++) counts[codes[i]!]!++;
    for (let c = 0; c < k; c++) out[c] = counts[c]! > 0 ? codes.length / (k * counts[c]!) : 1;
    return out;
  }
  const known = new Set(classes.map(String));
  for (const key of Object.keys(classWeight)) {
    if (!known.has(key)) {
      throw new AppError("INVALID_INPUT", `classWeight names the unknown class ${JSON.stringify(key)}`, [
        { field: "classWeight", reason: `unknown class ${key}` },
      ]);
    }
  }
  for (let c = 0; c < k; c++) {
    const v = classWeight[String(classes[c])];
    if (v !== undefined) out[c] = v;
  }
  return out;
}

/** Sample weights from class weights (null when no class weighting is asked for). */
export function classSampleWeights(
  classWeight: ClassWeight,
  classes: readonly Label[],
  codes: Int32Array,
): Float64Array | null {
  if (classWeight === null) return null;
  const perClass = classWeights(classWeight, classes, codes);
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = perClass[codes[i]!]!;
  return out;
}
