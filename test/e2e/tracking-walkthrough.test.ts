import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerModelsCommand, registerRunsCommand } from "../../src/cli/index.js";
import { createHttpTracker } from "../../src/tracking/index.js";
import { http, type StoreKind, startTestServer, type TestServer } from "../support/server.js";

const CSV = new URL("../../data/td1_sales/weekly_sales.csv", import.meta.url).pathname;
const SIGNATURE = {
  inputs: [
    { name: "year_week", type: "integer" },
    { name: "vegetable", type: "string" },
  ],
  output: { name: "sales", type: "number" },
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** docs/tracking.md's walk-through, step by step over HTTP (the CLI steps through the CLI with --url). */
describe.each<StoreKind>(["sqlite", "postgres"])("tracking walk-through over HTTP (%s store)", (kind) => {
  let server: TestServer;
  let token: string;
  const call = (method: string, path: string, body?: unknown) =>
    http<any>(server.url, method, path, body, { authorization: `Bearer ${token}` });

  /** `atelier <args> --url <server>` with the token from ATELIER_TOKEN, as the walk-through runs it. */
  async function atelier(args: string[]): Promise<string> {
    const out: string[] = [];
    const program = new Command("atelier").exitOverride();
    const open = async (remote?: { url: string; token?: string }) => createHttpTracker(remote!);
    registerModelsCommand(program, open, { write: (s: string) => out.push(s) });
    registerRunsCommand(program, open, { write: (s: string) => out.push(s) });
    process.env.ATELIER_TOKEN = token;
    try {
      await program.parseAsync(["node", "atelier", ...args, "--url", server.url]);
    } finally {
      delete process.env.ATELIER_TOKEN;
    }
    return out.join("");
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("creates a user, logs, registers, promotes twice, rolls back and answers what production was", async () => {
    // 1. A user (as `atelier users create --admin` does on the server's store) and a token from /token.
    await server.platform.accounts.createUser({
      username: "alice",
      password: "alice-secret-passphrase",
      role: "admin",
    });
    const form = await http<any>(server.url, "POST", "/token", "username=alice&password=alice-secret-passphrase", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(200);
    token = form.body.access_token;

    // 2. A run with its data set, params, a metric history and the model.
    const digest = createHash("sha256").update(readFileSync(CSV)).digest("hex");
    const run1 = await call("POST", "/api/v1/runs", {
      experimentName: "sales-forecast",
      name: "ridge-alpha-1",
      tags: { model: "ridge" },
      datasets: [{ name: "weekly_sales", digest, source: "data/td1_sales/weekly_sales.csv" }],
    });
    expect(run1.status).toBe(201);
    const logged = await call("POST", `/api/v1/runs/${run1.body.id}/log-batch`, {
      params: { alpha: 1, lags: 8 },
      metrics: [
        { key: "loss", value: 0.52, step: 0 },
        { key: "loss", value: 0.31, step: 1 },
        { key: "loss", value: 0.24, step: 2 },
        { key: "r2", value: 0.81 },
      ],
    });
    expect(logged.status).toBe(200);
    const history = await call("GET", `/api/v1/runs/${run1.body.id}/metrics/loss/history`);
    expect(history.body.items.map((p: any) => [p.step, p.value])).toEqual([
      [0, 0.52],
      [1, 0.31],
      [2, 0.24],
    ]);
    const model1 =
      '{"format":"atelier-model","kind":"Ridge","version":1,"params":{"alpha":1},"fitted":{"coef":[0.4,0.3],"intercept":12}}';
    expect((await call("PUT", `/api/v1/runs/${run1.body.id}/artifacts/model/model.json`, model1)).status).toBe(201);
    expect((await call("PATCH", `/api/v1/runs/${run1.body.id}`, { status: "FINISHED" })).body.status).toBe("FINISHED");

    // 3. Register version 1 with its signature.
    expect((await call("POST", "/api/v1/models", { name: "sales-forecast", description: "weekly sales" })).status).toBe(
      201,
    );
    const v1 = await call("POST", "/api/v1/models/sales-forecast/versions", {
      runId: run1.body.id,
      signature: SIGNATURE,
      inputExample: [{ year_week: 202005, vegetable: "tomato" }],
    });
    expect(v1.body).toMatchObject({ version: 1, metrics: { r2: 0.81 }, signature: SIGNATURE });

    // 4. Promote version 1.
    const first = await call("PUT", "/api/v1/models/sales-forecast/aliases/production", {
      version: 1,
      reason: "first model: r2 0.81",
    });
    expect(first.body).toMatchObject({ moved: true, move: { fromVersion: null, toVersion: 1, movedBy: "alice" } });
    await pause(5);

    // 5. A second run, version 2, promoted with the CLI.
    const run2 = await call("POST", "/api/v1/runs", {
      experimentName: "sales-forecast",
      name: "ridge-alpha-0.1",
      tags: { model: "ridge" },
    });
    await call("POST", `/api/v1/runs/${run2.body.id}/log-batch`, {
      params: { alpha: 0.1, lags: 8 },
      metrics: [
        { key: "loss", value: 0.2, step: 0 },
        { key: "r2", value: 0.86 },
      ],
    });
    const model2 =
      '{"format":"atelier-model","kind":"Ridge","version":1,"params":{"alpha":0.1},"fitted":{"coef":[0.5,0.2],"intercept":11}}';
    await call("PUT", `/api/v1/runs/${run2.body.id}/artifacts/model/model.json`, model2);
    await call("PATCH", `/api/v1/runs/${run2.body.id}`, { status: "FINISHED" });
    expect(
      (await call("POST", "/api/v1/models/sales-forecast/versions", { runId: run2.body.id, signature: SIGNATURE })).body
        .version,
    ).toBe(2);
    const second = JSON.parse(
      await atelier([
        "models",
        "promote",
        "sales-forecast",
        "2",
        "--alias",
        "production",
        "--reason",
        "r2 0.86 > 0.81",
        "--json",
      ]),
    );
    expect(second).toMatchObject({ moved: true, move: { fromVersion: 1, toVersion: 2 } });
    await pause(5);

    // 6. Roll back.
    expect(
      await atelier([
        "models",
        "promote",
        "sales-forecast",
        "1",
        "--alias",
        "production",
        "--reason",
        "rollback: v2 over-forecasts tomatoes",
      ]),
    ).toBe("sales-forecast production: v2 → v1\n");

    // 7. What production was at the first promotion, at the second, and now.
    const at = async (instant: string) =>
      (await call("GET", `/api/v1/models/sales-forecast/aliases/production?at=${encodeURIComponent(instant)}`)).body;
    expect((await at(first.body.move.movedAt)).version).toBe(1);
    expect(await at(second.move.movedAt)).toMatchObject({ version: 2, modelVersion: { runId: run2.body.id } });
    expect((await call("GET", "/api/v1/models/sales-forecast/aliases/production")).body.version).toBe(1);
    expect(
      await atelier(["models", "resolve", "sales-forecast", "--alias", "production", "--at", second.move.movedAt]),
    ).toMatch(/^sales-forecast production at .*: v2 \(since .*, by alice: r2 0\.86 > 0\.81\)\n$/);
    const moves = (await call("GET", "/api/v1/models/sales-forecast/aliases/production/history")).body.items;
    expect(moves.map((m: any) => [m.fromVersion, m.toVersion, m.movedBy, m.reason])).toEqual([
      [null, 1, "alice", "first model: r2 0.81"],
      [1, 2, "alice", "r2 0.86 > 0.81"],
      [2, 1, "alice", "rollback: v2 over-forecasts tomatoes"],
    ]);
    expect(
      (await atelier(["models", "history", "sales-forecast", "--alias", "production"])).trim().split("\n"),
    ).toHaveLength(4);

    // The runs side by side, and a search; the version behind production cannot be deleted; the model is exact.
    const compared = await atelier(["runs", "compare", run1.body.id, run2.body.id]);
    expect(compared).toMatch(/param alpha\s+1\s+0\.1/);
    expect(compared).toMatch(/metric r2\s+0\.81\s+0\.86/);
    const listed = JSON.parse(
      await atelier([
        "runs",
        "list",
        "--experiment",
        "sales-forecast",
        "--filter",
        "metrics.r2 > 0.8 and tags.model = 'ridge'",
        "--order-by",
        "metrics.r2 DESC",
        "--json",
      ]),
    );
    expect(listed.map((r: any) => r.name)).toEqual(["ridge-alpha-0.1", "ridge-alpha-1"]);
    expect(listed[1].datasets).toEqual([{ name: "weekly_sales", digest, source: "data/td1_sales/weekly_sales.csv" }]);
    expect((await call("DELETE", "/api/v1/models/sales-forecast/versions/1")).status).toBe(409);
    const saved = await fetch(`${server.url}/api/v1/models/sales-forecast/versions/1/model`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await saved.text()).toBe(model1);
  });
});
