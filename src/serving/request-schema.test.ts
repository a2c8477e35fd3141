import { describe, expect, it } from "vitest";
import type { ErrorDetail } from "../core/index.js";
import type { ModelSignature } from "../tracking/index.js";
import { compileRecordCheck, recordExample, recordSchema, requestBodySchema } from "./request-schema.js";

const signature: ModelSignature = {
  inputs: [
    { name: "age", type: "integer", minimum: 18, maximum: 70, example: 41, description: "years" },
    { name: "income", type: "number" },
    { name: "dept", type: "string", enum: ["Sales", "R&D"] },
    { name: "remote", type: "boolean", optional: true },
    { name: "hired", type: "datetime", optional: true },
    { name: "level", type: "integer", enum: [1, 2, 3], optional: true },
  ],
  output: { type: "integer" },
};

function problems(record: unknown, index?: number): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  compileRecordCheck(recordSchema(signature))(record, index, details);
  return details;
}

describe("request schemas derived from signatures", () => {
  it("types each input, requires the non-optional ones, allows null for optional ones, documents the facts", () => {
    const schema = recordSchema(signature) as any;
    expect(schema.required).toEqual(["age", "income", "dept"]);
    expect(schema.properties.age).toEqual({
      type: "integer",
      minimum: 18,
      maximum: 70,
      description: "years",
      examples: [41],
    });
    expect(schema.properties.remote).toEqual({ type: ["boolean", "null"] });
    expect(schema.properties.level.enum).toEqual([1, 2, 3, null]);
    expect(schema.properties.hired).toMatchObject({ type: ["string", "null"], format: "date-time" });
    expect(schema.additionalProperties).toBe(true);
    expect(recordSchema(null)).toEqual({ type: "object" });
  });

  it("accepts good records (extra fields allowed) and lists every bad field with a reason", () => {
    expect(problems({ age: 30, income: 1.5, dept: "Sales", user_id: "u1" })).toEqual([]);
    expect(
      problems({ age: 30, income: 2, dept: "R&D", remote: null, hired: "2024-02-29T10:00:00Z", level: 2 }),
    ).toEqual([]);
    expect(problems({ age: 17.5, income: "12", dept: "Legal", remote: "yes", hired: "yesterday", level: 4 })).toEqual([
      { field: "age", reason: "must be an integer" },
      { field: "income", reason: "must be a number" },
      { field: "dept", reason: 'must be one of: "Sales", "R&D"' },
      { field: "remote", reason: "must be a boolean or null" },
      { field: "hired", reason: "must be an ISO 8601 date or date-time" },
      { field: "level", reason: "must be one of: 1, 2, 3, null" },
    ]);
    expect(problems({ age: 90 }, 3)).toEqual([
      { index: 3, field: "income", reason: "is required" },
      { index: 3, field: "dept", reason: "is required" },
      { index: 3, field: "age", reason: "must be ≤ 70" },
    ]);
    expect(problems([1, 2])).toEqual([{ field: "record", reason: "must be an object" }]);
  });

  it("takes the example from the version's input example, else from the inputs' examples", () => {
    expect(recordExample(signature, [{ age: 33 }, { age: 44 }])).toEqual({ age: 33 });
    expect(recordExample(signature, undefined)).toBeUndefined(); // income has no example
    const documented: ModelSignature = {
      inputs: [
        { name: "age", type: "integer", example: 41 },
        { name: "dept", type: "string", enum: ["Sales"] },
        { name: "note", type: "string", optional: true },
      ],
      output: { type: "integer" },
    };
    expect(recordExample(documented, null)).toEqual({ age: 41, dept: "Sales" });
    const body = requestBodySchema(recordSchema(documented)) as any;
    expect(body.examples).toEqual([{ age: 41, dept: "Sales" }]);
    expect(body.anyOf[1].properties.inputs.items).toBe(body.anyOf[0]);
  });
});
