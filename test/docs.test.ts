import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS, loadConfig, renderErrorDocs } from "../src/core/index.js";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

describe("generated and hand-kept docs stay true", () => {
  it("docs/errors.md is the error-code table (run `npm run docs:generate` after changing it)", () => {
    expect(read("docs/errors.md")).toBe(renderErrorDocs());
  });

  it(".env.example lists every config variable, and its values are valid defaults", () => {
    const example = read(".env.example");
    const names = [...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(new Set(names)).toEqual(new Set(CONFIG_KEYS));
    const env = Object.fromEntries([...example.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(() => loadConfig(env)).not.toThrow();
  });

  it("README gives the two set-up commands", () => {
    const readme = read("README.md");
    expect(readme).toContain("npm install && npm start");
    expect(readme).toContain("npm test");
  });
});

describe("config", () => {
  it("lists every bad variable in one message", () => {
    expect(() => loadConfig({ PORT: "nope", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" })).toThrow(
      /PORT.*DATABASE_URL.*LOG_LEVEL/s,
    );
  });
});

describe("docs/forecasting.md", () => {
  it("shows the score table of the current models (run `npm run docs:generate` after changing them)", async () => {
    const { renderScoreTable } = await import("../src/projects/sales/forecast/score-table.js");
    const table = await renderScoreTable(new URL("../data/td2_forecast/", import.meta.url).pathname);
    expect(read("docs/forecasting.md")).toContain(`<!-- scores -->\n${table}\n<!-- /scores -->`);
  }, 120_000);
});
