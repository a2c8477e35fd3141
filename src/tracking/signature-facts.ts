import type { ErrorDetail } from "../core/index.js";
import type { ColumnType, SignatureInput } from "./entities.js";

/** The optional documenting facts of a signature input (enum, bounds, description, example). */
export type InputFacts = Pick<SignatureInput, "enum" | "minimum" | "maximum" | "description" | "example">;

const NUMERIC: readonly ColumnType[] = ["number", "integer"];

const aType = (type: ColumnType) => `${type === "integer" ? "an" : "a"} ${type}`;

/** True when a value has a column's type (datetimes travel as ISO strings). */
function hasType(value: unknown, type: ColumnType): boolean {
  if (type === "number") return typeof value === "number" && Number.isFinite(value);
  if (type === "integer") return Number.isSafeInteger(value);
  if (type === "boolean") return typeof value === "boolean";
  return typeof value === "string";
}

/**
 * Checks the optional facts of one input column (pushing a detail per problem) and returns them, only those set:
 * enum values of the column's type, bounds on numeric columns with minimum ≤ maximum, a description of at most
 * 2 000 characters, and an example the column itself would accept.
 */
export function checkInputFacts(
  c: Record<string, unknown>,
  type: ColumnType,
  at: string,
  index: number,
  details: ErrorDetail[],
): InputFacts {
  const out: { -readonly [K in keyof InputFacts]: InputFacts[K] } = {};
  const problem = (field: string, reason: string) => details.push({ field: `${at}.${field}`, index, reason });
  if (c.enum !== undefined) {
    const values = c.enum;
    if (!Array.isArray(values) || values.length === 0 || type === "boolean")
      problem("enum", "must be a non-empty list of values (not on a boolean column)");
    else if (!values.every((v) => hasType(v, type))) problem("enum", `every value must be ${aType(type)}`);
    else if (new Set(values).size !== values.length) problem("enum", "must not repeat a value");
    else out.enum = [...(values as (string | number)[])];
  }
  for (const bound of ["minimum", "maximum"] as const) {
    const v = c[bound];
    if (v === undefined) continue;
    if (!NUMERIC.includes(type)) problem(bound, "applies to number and integer columns only");
    else if (typeof v !== "number" || !Number.isFinite(v)) problem(bound, "must be a finite number");
    else out[bound] = v;
  }
  if (out.minimum !== undefined && out.maximum !== undefined && out.minimum > out.maximum)
    problem("maximum", "must be at least the minimum");
  if (c.description !== undefined) {
    if (typeof c.description !== "string" || c.description.length > 2000)
      problem("description", "must be a string of at most 2000 characters");
    else out.description = c.description;
  }
  if (c.example !== undefined) {
    const e = c.example;
    if (!hasType(e, type)) problem("example", `must be ${aType(type)}`);
    else if (out.enum && !out.enum.includes(e as string | number)) problem("example", "must be one of the enum");
    else if ((out.minimum !== undefined && (e as number) < out.minimum) || (out.maximum ?? Infinity) < (e as number))
      problem("example", "must be within minimum and maximum");
    else out.example = e as string | number | boolean;
  }
  return out;
}
