import type { ModelSignature } from "../../tracking/index.js";
import { type EmployeeFeatures, FEATURE_FIELDS } from "./employee-fields.js";

/** The registered model's name. */
export const ATTRITION_MODEL_NAME = "attrition";

/**
 * The attrition model's signature: every input column with its type, allowed values or range, description and
 * example (serving turns them into its request schema and checks), and a "yes"/"no" output.
 */
export function attritionSignature(): ModelSignature {
  return {
    inputs: FEATURE_FIELDS.map((f) => ({
      name: f.name,
      type: f.type,
      ...(f.optional ? { optional: true } : {}),
      ...(f.enum ? { enum: [...f.enum] } : {}),
      ...(f.minimum === undefined ? {} : { minimum: f.minimum }),
      ...(f.maximum === undefined ? {} : { maximum: f.maximum }),
      description: f.description,
      example: f.example,
    })),
    output: { name: "attrition", type: "string" },
  };
}

/** One employee made of every field's example: the input example of the logged model and of the API docs. */
export function exampleEmployee(): EmployeeFeatures {
  return Object.fromEntries(FEATURE_FIELDS.map((f) => [f.name, f.example]));
}
