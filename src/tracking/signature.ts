import type { ErrorDetail } from "../core/index.js";
import { COLUMN_TYPES, type ColumnType, type ModelSignature } from "./entities.js";
import { checkInputFacts, type InputFacts } from "./signature-facts.js";
import { nameProblem, throwIfInvalid } from "./validation.js";

const OUTPUT_TYPES: readonly string[] = [...COLUMN_TYPES, "array", "object"];

/**
 * Checks a model signature (named, typed input columns, unique names; an output type) and returns it. Each input
 * may also carry `enum`, `minimum`, `maximum`, `description` and `example`, which serving turns into its request
 * schema and documentation.
 */
export function checkSignature(value: unknown, field = "signature"): ModelSignature {
  const details: ErrorDetail[] = [];
  const s = value as { inputs?: unknown; output?: unknown } | null;
  if (typeof s !== "object" || s === null || Array.isArray(s)) {
    throwIfInvalid("Invalid signature", [{ field, reason: "must be {inputs: [{name, type}], output: {type}}" }]);
  }
  const inputs = s!.inputs;
  if (!Array.isArray(inputs) || inputs.length === 0)
    details.push({ field: `${field}.inputs`, reason: "must be a non-empty list" });
  const facts: InputFacts[] = [];
  if (Array.isArray(inputs) && inputs.length > 0) {
    const seen = new Set<string>();
    for (const [index, col] of (inputs as unknown[]).entries()) {
      const c = col as { name?: unknown; type?: unknown; optional?: unknown } | null;
      const at = `${field}.inputs`;
      if (typeof c !== "object" || c === null) {
        details.push({ field: at, index, reason: "must be {name, type}" });
        continue;
      }
      const problem = nameProblem(c.name);
      if (problem) details.push({ field: `${at}.name`, index, reason: problem });
      else if (seen.has(c.name as string))
        details.push({ field: `${at}.name`, index, reason: `duplicate column ${c.name}` });
      else seen.add(c.name as string);
      if (!(COLUMN_TYPES as readonly unknown[]).includes(c.type))
        details.push({ field: `${at}.type`, index, reason: `must be one of ${COLUMN_TYPES.join(", ")}` });
      if (c.optional !== undefined && typeof c.optional !== "boolean")
        details.push({ field: `${at}.optional`, index, reason: "must be a boolean" });
      if ((COLUMN_TYPES as readonly unknown[]).includes(c.type))
        facts[index] = checkInputFacts(c as Record<string, unknown>, c.type as ColumnType, at, index, details);
    }
  }
  const out = s!.output as { type?: unknown; name?: unknown } | null;
  if (typeof out !== "object" || out === null)
    details.push({ field: `${field}.output`, reason: "must be {type, name?}" });
  else {
    if (!OUTPUT_TYPES.includes(out.type as string))
      details.push({ field: `${field}.output.type`, reason: `must be one of ${OUTPUT_TYPES.join(", ")}` });
    if (out.name !== undefined && nameProblem(out.name))
      details.push({ field: `${field}.output.name`, reason: nameProblem(out.name)! });
  }
  throwIfInvalid("Invalid signature", details);
  const inputsOut = (
    inputs as { name: string; type: ModelSignature["inputs"][number]["type"]; optional?: boolean }[]
  ).map((c, index) => ({
    name: c.name,
    type: c.type,
    ...(c.optional === undefined ? {} : { optional: c.optional }),
    ...facts[index],
  }));
  const o = out as { type: ModelSignature["output"]["type"]; name?: string };
  return { inputs: inputsOut, output: { type: o.type, ...(o.name === undefined ? {} : { name: o.name }) } };
}
