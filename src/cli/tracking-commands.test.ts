import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../core/index.js";
import { createLocalTracker, type Tracker } from "../tracking/index.js";
import { openServices, type Services } from "../tracking/tracking-services.suite.js";
import { registerExperimentsCommand } from "./experiments.js";
import { registerModelsCommand } from "./models.js";
import { registerRunsCommand } from "./runs.js";

const signature = { inputs: [{ name: "x", type: "number" as const }], output: { type: "number" as const } };

describe("atelier experiments, runs and models (local store)", () => {
  let services: Services;
  let tracker: Tracker;
  const ids: Record<string, string> = {};
  const remotes: unknown[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "atelier-cli-"));
    services = await openServices(`sqlite:${join(dir, "a.db")}`, join(dir, "blobs"), systemClock);
    tracker = createLocalTracker(services, { actor: "cli-test" });
    for (const [name, alpha, r2] of [
      ["ridge-a", "1", 0.81],
      ["ridge-b", "0.1", 0.86],
      ["lasso", "1", 0.5],
    ] as const) {
      const run = await tracker.startRun({ experiment: "sales-forecast", name, gitCommit: false });
      await run.logBatch({
        params: { alpha },
        metrics: [{ key: "r2", value: r2 }],
        tags: { model: name.split("-")[0]! },
      });
      if (name !== "lasso") await run.logModel({ toJSON: () => ({ name }) }, { signature, name: "sales" });
      await run.end();
      ids[name] = run.id;
      await new Promise((r) => setTimeout(r, 2));
    }
  });
  afterAll(async () => {
    await services.close();
  });

  /** Runs one command line against the local tracker; returns its output and exit code (2: bad usage). */
  async function run(args: string[]) {
    const out: string[] = [];
    const errors: string[] = [];
    const program = new Command("atelier").exitOverride();
    program.configureOutput({ writeErr: (s) => errors.push(s), outputError: (s) => errors.push(s) });
    const open = async (remote?: { url: string; token?: string }) => {
      remotes.push(remote);
      // The same tracker for every command; closing it must not close the shared store.
      return Object.assign(Object.create(tracker) as Tracker, { close: async () => {} });
    };
    const sink = { write: (s: string) => out.push(s) };
    registerExperimentsCommand(program, open, sink);
    registerRunsCommand(program, open, sink);
    registerModelsCommand(program, open, sink);
    try {
      await program.parseAsync(["node", "atelier", ...args]);
      return { code: 0, out: out.join(""), err: errors.join("") };
    } catch (error) {
      if (!(error instanceof CommanderError)) return { code: 1, out: out.join(""), err: String(error) };
      return { code: error.exitCode === 0 ? 0 : 2, out: out.join(""), err: errors.join("") };
    }
  }

  it("lists experiments as a table or JSON", async () => {
    const table = await run(["experiments", "list"]);
    expect(table.out).toMatch(/^NAME\s+ID\s+CREATED\s+STATUS/);
    expect(table.out).toContain("sales-forecast");
    const json = JSON.parse((await run(["experiments", "list", "--json"])).out);
    expect(json.map((e: { name: string }) => e.name)).toEqual(["sales-forecast"]);
  });

  it("lists runs with a filter and an order, and names the position of a bad filter (exit 2)", async () => {
    const json = await run([
      "runs",
      "list",
      "--experiment",
      "sales-forecast",
      "--filter",
      "metrics.r2 > 0.6",
      "--order-by",
      "metrics.r2 DESC",
      "--json",
    ]);
    expect(JSON.parse(json.out).map((r: { name: string }) => r.name)).toEqual(["ridge-b", "ridge-a"]);
    const table = await run(["runs", "list", "--limit", "2"]);
    expect(table.out.split("\n").filter(Boolean)).toHaveLength(3);
    expect(table.out).toContain("r2=0.5");
    const bad = await run(["runs", "list", "--filter", "metrics.r2 >"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/position 12/);
  });

  it("shows a run and compares runs side by side", async () => {
    const shown = await run(["runs", "show", ids["ridge-a"]!]);
    expect(shown.out).toContain('"ridge-a" FINISHED');
    expect(shown.out).toMatch(/params:\nalpha\s+1/);
    expect(shown.out).toMatch(/model\/model\.json\s+\d+ B/);
    const compared = await run(["runs", "compare", ids["ridge-a"]!, ids["ridge-b"]!, ids.lasso!]);
    const lines = compared.out.trim().split("\n");
    expect(lines[0]).toMatch(/ridge-a .*ridge-b .*lasso/);
    expect(lines.find((l) => l.startsWith("param alpha"))).toMatch(/param alpha\s+1\s+0\.1\s+1$/);
    expect(lines.find((l) => l.startsWith("metric r2"))).toMatch(/metric r2\s+0\.81\s+0\.86\s+0\.5$/);
    const json = JSON.parse((await run(["runs", "compare", ids.lasso!, "--json"])).out);
    expect(json.table[0]).toEqual(["", `lasso (${ids.lasso!.slice(0, 8)})`]);
    expect((await run(["runs", "show", "missing"])).code).toBe(1);
  });

  it("lists models and versions, promotes, rolls back, shows the history and resolves the past", async () => {
    expect((await run(["models", "list"])).out).toMatch(/sales\s+v2/);
    expect((await run(["models", "versions", "sales"])).out).toMatch(/v2\s+\S+\s+r2=0\.86/);
    expect((await run(["models", "promote", "sales", "1", "--alias", "production", "--reason", "first"])).out).toBe(
      "sales production: (none) → v1\n",
    );
    const first = await services.registry.resolve("sales", "production");
    await new Promise((r) => setTimeout(r, 5));
    expect(
      (await run(["models", "promote", "sales", "v2", "--alias", "production", "--reason", "better r2"])).out,
    ).toBe("sales production: v1 → v2\n");
    await new Promise((r) => setTimeout(r, 5));
    await run(["models", "promote", "sales", "1", "--alias", "production", "--reason", "rollback"]);
    expect((await run(["models", "promote", "sales", "1", "--alias", "production"])).out).toMatch(
      /already points to v1/,
    );
    const history = (await run(["models", "history", "sales", "--alias", "production"])).out.trim().split("\n");
    expect(history).toHaveLength(4);
    expect(history[2]).toMatch(/^2\s+\S+\s+v1\s+v2\s+cli-test\s+better r2$/);
    const at = await run([
      "models",
      "resolve",
      "sales",
      "--alias",
      "production",
      "--at",
      first.move.movedAt.toISOString(),
      "--json",
    ]);
    expect(JSON.parse(at.out)).toMatchObject({ version: 1, move: { reason: "first" } });
    expect((await run(["models", "resolve", "sales", "--alias", "production"])).out).toMatch(
      /: v1 \(since .* by cli-test: rollback\)/,
    );
    expect((await run(["models", "promote", "sales", "x", "--alias", "production"])).code).toBe(2);
    expect((await run(["models", "promote", "sales", "1"])).code).toBe(2);
  });

  it("passes --url and --token (or ATELIER_TOKEN) to the tracker, and opens the local store without them", async () => {
    remotes.length = 0;
    await run(["models", "list", "--url", "http://atelier:8000", "--token", "t0k"]);
    process.env.ATELIER_TOKEN = "from-env";
    try {
      await run(["experiments", "list", "--url", "http://atelier:8000"]);
    } finally {
      delete process.env.ATELIER_TOKEN;
    }
    await run(["runs", "list"]);
    expect(remotes).toEqual([
      { url: "http://atelier:8000", token: "t0k" },
      { url: "http://atelier:8000", token: "from-env" },
      undefined,
    ]);
  });
});
