import { Ajv, type ErrorObject } from "ajv";
import type { ErrorDetail } from "../core/index.js";
import type { ModelSignature, SignatureInput } from "../tracking/index.js";
import type { JsonSchema } from "./predict-contract.js";

/** An ISO 8601 date or date-time (the signature's `datetime` type travels as text). */
const DATETIME = "^\\d{4}-\\d{2}-\\d{2}([Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:?\\d{2})?)?$";

const JSON_TYPES: Record<SignatureInput["type"], string> = {
  number: "number",
  integer: "integer",
  string: "string",
  boolean: "boolean",
  datetime: "string",
};

/** The JSON schema of one input column: its type (null allowed when optional) and documenting facts. */
function columnSchema(input: SignatureInput): Record<string, unknown> {
  const type = JSON_TYPES[input.type];
  const out: Record<string, unknown> = { type: input.optional ? [type, "null"] : type };
  if (input.type === "datetime") Object.assign(out, { format: "date-time", pattern: DATETIME });
  if (input.enum) out.enum = input.optional ? [...input.enum, null] : [...input.enum];
  if (input.minimum !== undefined) out.minimum = input.minimum;
  if (input.maximum !== undefined) out.maximum = input.maximum;
  if (input.description !== undefined) out.description = input.description;
  if (input.example !== undefined) out.examples = [input.example];
  return out;
}

/** A record example: the version's input example (its first record when it is a list), else the columns' examples. */
export function recordExample(
  signature: ModelSignature | null,
  inputExample: unknown,
): Record<string, unknown> | undefined {
  const given = Array.isArray(inputExample) ? inputExample[0] : inputExample;
  if (typeof given === "object" && given !== null && !Array.isArray(given)) return given as Record<string, unknown>;
  if (!signature) return undefined;
  const built: Record<string, unknown> = {};
  for (const input of signature.inputs) {
    if (input.example !== undefined) built[input.name] = input.example;
    else if (input.enum) built[input.name] = input.enum[0];
    else if (!input.optional) return undefined;
  }
  return built;
}

/**
 * The JSON schema of one record of a version: every signature input a property of its type (required unless
 * optional, null allowed when optional), with enum, bounds, description and example; other fields are allowed and
 * ignored by the model (a traffic split may hash one). Without a signature: any object.
 */
export function recordSchema(signature: ModelSignature | null, inputExample?: unknown): JsonSchema {
  const example = recordExample(signature, inputExample);
  if (!signature) return { type: "object", ...(example ? { examples: [example] } : {}) };
  const properties: Record<string, unknown> = {};
  for (const input of signature.inputs) properties[input.name] = columnSchema(input);
  const required = signature.inputs.filter((i) => !i.optional).map((i) => i.name);
  return {
    type: "object",
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: true,
    ...(example ? { examples: [example] } : {}),
  };
}

/** The JSON schema of a predict request body: one record, or `{"inputs": [records]}`. */
export function requestBodySchema(record: JsonSchema): JsonSchema {
  const example = (record.examples as unknown[] | undefined)?.[0];
  return {
    description: 'One record, or {"inputs": [records]} for several',
    anyOf: [
      record,
      {
        type: "object",
        properties: { inputs: { type: "array", minItems: 1, items: record } },
        required: ["inputs"],
        ...(example ? { examples: [{ inputs: [example] }] } : {}),
      },
    ],
    ...(example ? { examples: [example] } : {}),
  };
}

/** One Ajv for every served version: all errors at once, no coercion (a "42" for a number is an error). */
const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, messages: false, validateFormats: false });

const typeName = (t: string) => (t === "integer" ? "an integer" : t === "object" ? "an object" : `a ${t}`);

/** A reason a person reads for one Ajv error. */
function reason(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return "is required";
    case "type": {
      const types = Array.isArray(p.type) ? (p.type as string[]) : [String(p.type)];
      return `must be ${types.map((t) => (t === "null" ? "null" : typeName(t))).join(" or ")}`;
    }
    case "enum":
      return `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "minimum":
      return `must be ≥ ${p.limit}`;
    case "maximum":
      return `must be ≤ ${p.limit}`;
    case "pattern":
      return "must be an ISO 8601 date or date-time";
    default:
      return `is invalid (${error.keyword})`;
  }
}

/** Pushes an INVALID_INPUT detail per bad field of one record; answers true when the record is valid. */
export type RecordCheck = (record: unknown, index: number | undefined, details: ErrorDetail[]) => boolean;

/** Compiles a record schema into a check listing every bad field (one detail a field: the first problem). */
export function compileRecordCheck(schema: JsonSchema): RecordCheck {
  const validate = ajv.compile(schema);
  return (record, index, details) => {
    if (validate(record)) return true;
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      const missing = (error.params as { missingProperty?: string }).missingProperty;
      const field = missing ?? (error.instancePath.slice(1).replace(/\//g, ".") || "record");
      if (seen.has(field)) continue;
      seen.add(field);
      details.push(index === undefined ? { field, reason: reason(error) } : { index, field, reason: reason(error) });
    }
    return false;
  };
}
