import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ml from "atelier/ml";
import { describe, expect, it } from "vitest";

const ROOT = new URL("..", import.meta.url).pathname;
const DOC = readFileSync(join(ROOT, "docs/ml.md"), "utf8");

function fencedBlocks(language: string): string[] {
  return [...DOC.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))].map((m) => m[1]!);
}

/**
 * The page's example is run as a user runs it: in a fresh ESM project (package.json with "type": "module") where
 * `atelier` is an installed package (node_modules/atelier links to this repository, so "atelier/ml" resolves
 * through package.json's exports to dist/, built by `npm test` before the tests) and data/ is beside it, with tsx.
 */
function runExample(code: string): string {
  if (!existsSync(join(ROOT, "dist/ml/index.js"))) {
    throw new Error("dist/ml/index.js is missing: run `npm run build` first (npm test does)");
  }
  const project = mkdtempSync(join(tmpdir(), "atelier-docs-ml-"));
  try {
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "docs-ml-example", type: "module" }));
    mkdirSync(join(project, "node_modules"));
    symlinkSync(ROOT, join(project, "node_modules/atelier"));
    symlinkSync(join(ROOT, "data"), join(project, "data"));
    writeFileSync(join(project, "example.ts"), code);
    return execFileSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), "example.ts"], {
      cwd: project,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

describe("docs/ml.md", () => {
  it("has one complete TypeScript example and the output it prints", () => {
    expect(fencedBlocks("ts")).toHaveLength(1);
    expect(fencedBlocks("text")).toHaveLength(1);
  });

  it("the example runs as written and prints what the page shows", () => {
    const output = runExample(fencedBlocks("ts")[0]!);
    expect(output).toBe(fencedBlocks("text")[0]!);
  }, 120_000);

  it("the table names every export of atelier/ml", () => {
    const missing = Object.keys(ml).filter((name) => !DOC.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
