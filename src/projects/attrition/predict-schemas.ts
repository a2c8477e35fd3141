import type { ErrorDetail } from "../../core/index.js";
import { recordSchema } from "../../serving/index.js";
import { ID_FIELD } from "./employee-fields.js";
import { attritionSignature, exampleEmployee } from "./model-signature.js";

const EXAMPLE = { employee_id: 1042, ...exampleEmployee() };

/**
 * The body of `POST /predict`: one employee's fields by name — the same per-field schema serving derives from the
 * model's signature (types, enums, ranges, descriptions, examples; the optional fields may be null or absent) —
 * plus an optional employee_id. Unknown fields are refused, so a misspelt optional field is not silently imputed.
 */
export const employeeBody = (() => {
  const base = recordSchema(attritionSignature(), EXAMPLE) as { properties: Record<string, unknown> };
  return {
    ...base,
    description: "One employee's fields by name (docs/attrition.md). Fields the model imputes may be left out.",
    properties: {
      employee_id: {
        type: "integer",
        minimum: ID_FIELD.minimum,
        maximum: ID_FIELD.maximum,
        description: "Employee number (optional; recorded with the inputs in the prediction log)",
        examples: [ID_FIELD.example],
      },
      ...base.properties,
    },
    additionalProperties: false,
    examples: [EXAMPLE],
  };
})();

const RESPONSE_EXAMPLE = {
  employee_id: 1042,
  attrition_probability: 0.6832,
  attrition: true,
  threshold: 0.5,
  model: { name: "attrition", version: 3, alias: "production" },
  request_id: "3f1c2d9e-8a41-4bde-9d0a-6f2b7c1e5a90",
};

/** The answer of `POST /predict`: the probability of leaving, the decision at the threshold, and who answered. */
export const predictionResponse = {
  type: "object",
  properties: {
    employee_id: { type: "integer", description: "The employee_id of the request, when given" },
    attrition_probability: {
      type: "number",
      minimum: 0,
      maximum: 1,
      description: "Probability that the employee leaves",
    },
    attrition: { type: "boolean", description: "attrition_probability >= threshold" },
    threshold: { type: "number", description: "The decision threshold (0.5)" },
    model: {
      type: "object",
      description: "The registered model version that answered",
      properties: {
        name: { type: "string" },
        version: { type: "integer" },
        alias: { type: ["string", "null"] },
      },
      required: ["name", "version", "alias"],
    },
    request_id: { type: "string", description: "The request id: the prediction log's rows carry it" },
  },
  required: ["attrition_probability", "attrition", "threshold", "model", "request_id"],
  examples: [RESPONSE_EXAMPLE],
} as const;

/** The path parameter of `POST /predict/{employee_id}`. */
export const employeeParams = {
  type: "object",
  properties: {
    employee_id: { type: "integer", minimum: 1, maximum: ID_FIELD.maximum, examples: [42] },
  },
  required: ["employee_id"],
} as const;

/** An Ajv error as Fastify attaches it. */
interface ValidationError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

/** Fastify's validation errors of the body as one detail per bad field, each named (unknown fields too). */
export function bodyProblems(errors: readonly ValidationError[]): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const p = e.params;
    let field = e.instancePath.replace(/^\//, "").replace(/\//g, ".") || "body";
    let reason = e.message ?? "is invalid";
    if (e.keyword === "required") [field, reason] = [String(p.missingProperty), "is required"];
    else if (e.keyword === "additionalProperties")
      [field, reason] = [String(p.additionalProperty), "is not a field of an employee"];
    else if (e.keyword === "enum")
      reason = `must be one of ${(p.allowedValues as unknown[])
        .filter((v) => v !== null)
        .map((v) => JSON.stringify(v))
        .join(", ")}`;
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, reason });
  }
  return out;
}
