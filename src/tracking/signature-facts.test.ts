import { describe, expect, it } from "vitest";
import { isAppError } from "../core/index.js";
import { checkSignature } from "./signature.js";

const output = { type: "integer" } as const;

describe("signature input facts (enum, bounds, description, example)", () => {
  it("keeps the facts set and nothing else; a signature without them is unchanged", () => {
    const plain = { inputs: [{ name: "age", type: "integer" }], output };
    expect(checkSignature(plain)).toEqual(plain);
    expect(
      checkSignature({
        inputs: [
          { name: "age", type: "integer", minimum: 18, maximum: 70, description: "years", example: 41 },
          { name: "dept", type: "string", enum: ["Sales", "R&D"], optional: true, example: "Sales" },
        ],
        output,
      }).inputs,
    ).toEqual([
      { name: "age", type: "integer", minimum: 18, maximum: 70, description: "years", example: 41 },
      { name: "dept", type: "string", optional: true, enum: ["Sales", "R&D"], example: "Sales" },
    ]);
  });

  it("names every bad fact with its input index", () => {
    let details: unknown;
    try {
      checkSignature({
        inputs: [
          { name: "age", type: "integer", minimum: 70, maximum: 18, example: 12.5 },
          { name: "dept", type: "string", enum: ["a", 1], minimum: 0 },
          { name: "flag", type: "boolean", enum: [true] },
          { name: "level", type: "number", enum: [1, 2], example: 3, description: 7 },
        ],
        output,
      });
    } catch (error) {
      expect(isAppError(error) && error.code).toBe("INVALID_INPUT");
      details = (error as { details: unknown }).details;
    }
    expect(details).toEqual([
      { field: "signature.inputs.maximum", index: 0, reason: "must be at least the minimum" },
      { field: "signature.inputs.example", index: 0, reason: "must be an integer" },
      { field: "signature.inputs.enum", index: 1, reason: "every value must be a string" },
      { field: "signature.inputs.minimum", index: 1, reason: "applies to number and integer columns only" },
      {
        field: "signature.inputs.enum",
        index: 2,
        reason: "must be a non-empty list of values (not on a boolean column)",
      },
      { field: "signature.inputs.description", index: 3, reason: "must be a string of at most 2000 characters" },
      { field: "signature.inputs.example", index: 3, reason: "must be one of the enum" },
    ]);
  });
});
