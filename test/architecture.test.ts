import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The import rules of ARCHITECTURE.md, checked on every source file (tests excluded):
 *   core <- ml, data <- store <- tracking, features, jobs, monitoring <- serving <- api, cli, projects <- main.ts
 * ml imports only core; a module is used through its index.ts; a project never imports another project
 * (projects may use api and cli helpers to declare their routes and commands).
 */
const SRC = resolve(new URL("../src", import.meta.url).pathname);

const RANK: Record<string, number> = {
  core: 0,
  ml: 1,
  data: 1,
  store: 2,
  tracking: 3,
  accounts: 3,
  features: 3,
  jobs: 3,
  monitoring: 3,
  serving: 4,
  api: 5,
  cli: 5,
  projects: 5,
  main: 6,
};

/** Extra arrows allowed between modules of the same rank. */
const SAME_RANK_ALLOWED = new Set(["projects->api", "projects->cli", "cli->api"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(test|suite)\.ts$/.test(name) ? [path] : [];
  });
}

/** "projects/sales" for project files, else the first folder; "main" for main.ts. */
function moduleOf(file: string): string {
  const parts = relative(SRC, file).split("/");
  if (parts.length === 1) return parts[0]!.replace(/\.ts$/, "");
  return parts[0] === "projects" ? `projects/${parts[1]}` : parts[0]!;
}

const layer = (module: string) => module.split("/")[0]!;

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [
    ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+["']([^"']+)["']/gm),
    ...text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]!);
}

/** What is wrong with one import of one file, if anything. */
function checkImport(file: string, spec: string): string[] {
  let target: string;
  if (spec === "atelier/ml") target = join(SRC, "ml/index.ts");
  else if (spec.startsWith(".")) target = resolve(file, "..", spec).replace(/\.js$/, ".ts");
  else return [];
  const from = moduleOf(file);
  const to = moduleOf(target);
  if (to === from) return [];
  const out: string[] = [];
  const where = `${relative(SRC, file)} imports ${spec}`;
  const [lf, lt] = [layer(from), layer(to)];
  if (lf === "ml" && lt !== "core") out.push(`${where}: ml may import only core`);
  else if (lf === "projects" && lt === "projects") out.push(`${where}: a project never imports another project`);
  else if (RANK[lt]! > RANK[lf]! || (RANK[lt] === RANK[lf] && lf !== lt && !SAME_RANK_ALLOWED.has(`${lf}->${lt}`))) {
    out.push(`${where}: ${lf} may not import ${lt}`);
  }
  const expectedEntry = to === "main" ? "main.ts" : `${to}/index.ts`;
  if (relative(SRC, target) !== expectedEntry) out.push(`${where}: use ${expectedEntry}, not its inner files`);
  return out;
}

function violations(): string[] {
  return sourceFiles(SRC).flatMap((file) => imports(file).flatMap((spec) => checkImport(file, spec)));
}

describe("architecture", () => {
  it("every import follows the layer rules of ARCHITECTURE.md", () => {
    expect(violations()).toEqual([]);
  });

  it("the checker catches wrong arrows, projects importing projects and reaching into inner files", () => {
    const at = (f: string) => join(SRC, f);
    expect(checkImport(at("ml/linear/ridge.ts"), "../../data/index.js")).toEqual([
      expect.stringMatching(/ml may import only core/),
    ]);
    expect(checkImport(at("store/database.ts"), "../api/index.js")).toEqual([
      expect.stringMatching(/store may not import api/),
    ]);
    expect(checkImport(at("projects/sales/routes.ts"), "../churn/index.js")).toEqual([
      expect.stringMatching(/never imports another project/),
    ]);
    expect(checkImport(at("api/app.ts"), "../store/database.js")).toEqual([
      expect.stringMatching(/use store\/index.ts/),
    ]);
    expect(checkImport(at("projects/sales/routes.ts"), "../../api/index.js")).toEqual([]);
    expect(checkImport(at("projects/sales/routes.ts"), "atelier/ml")).toEqual([]);
    expect(imports(at("main.ts")).length).toBeGreaterThan(3);
  });
});
