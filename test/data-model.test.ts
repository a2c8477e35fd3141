import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderDataModel } from "../scripts/generate-data-model.js";
import { renderFieldTable } from "../src/projects/attrition/field-table.js";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

describe("generated database and data-set docs stay true", () => {
  it("docs/data-model.md is the live schema (run `npm run docs:generate` after adding or changing a migration)", async () => {
    const doc = await renderDataModel();
    expect(read("docs/data-model.md")).toBe(doc);
    // Every table is in the diagram and described.
    expect(doc).not.toContain("no description yet");
    expect(doc).toContain("attrition_employees {");
  });

  it("docs/attrition.md lists the data set's columns as the code defines them", () => {
    expect(read("docs/attrition.md")).toContain(`<!-- fields -->\n${renderFieldTable()}\n<!-- /fields -->`);
  });
});
