import { z } from "zod";
import { AppError } from "../../core/index.js";
import type { Label } from "../estimator.js";

/** The classWeight param of classifiers: null (all 1), "balanced", or a weight per class label (keys as strings). */
export const classWeightSchema = z
  .union([z.null(), z.literal("balanced"), z.record(z.string(), z.number().positive())])
  .default(null);

/** The accepted values of a classWeight param. */
export type ClassWeight = z.infer<typeof classWeightSchema>;

/**
 * One weight per class, like sklearn.utils.class_weight.compute_class_weight: "balanced" gives n / (k · countₖ);
 * a record names classes by their label as a string (1 and "1" are the same key); unnamed classes weigh 1.
 */
export function computeClassWeight(
  classWeight: ClassWeight,
  classes: readonly Label[],
  codes: Int32Array,
): Float64Array {
  const k = classes.length;
  const out = new Float64Array(k).fill(1);
  if (classWeight === null) return out;
  if (classWeight === "balanced") {
    const counts = new Float64Array(k);
    for (let i = 0; i < codes.length; i++) counts[codes[i]!]++;
    for (let c = 0; c < k; c++) out[c] = counts[c]! > 0 ? codes.length / (k * counts[c]!) : 1;
    return out;
  }
  const index = new Map(classes.map((c, i) => [String(c), i]));
  for (const [label, weight] of Object.entries(classWeight)) {
    const i = index.get(label);
    if (i === undefined) {
      throw new AppError("INVALID_INPUT", `classWeight names the class ${JSON.stringify(label)}, which is not in y`, [
        { field: "classWeight", reason: `unknown class ${JSON.stringify(label)}` },
      ]);
    }
    out[i] = weight;
  }
  return out;
}
