import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalTracker } from "../../src/tracking/index.js";
import { hrRecords, registerHrModel } from "../fixtures/hr-model.js";
import { http, startTestServer, type TestServer } from "../support/server.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const run = (args: string[], env: Record<string, string>) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe("atelier db create, atelier predictions query|export", () => {
  let server: TestServer;
  let token: string;
  const requestIds: string[] = [];

  beforeAll(async () => {
    server = await startTestServer("sqlite");
    await server.platform.accounts.createUser({ username: "ops", password: "ops-password", role: "viewer" });
    token = (await http<any>(server.url, "POST", "/token", { username: "ops", password: "ops-password" })).body
      .access_token;
    await registerHrModel(createLocalTracker(server.platform), "attrition", { alias: "production" });
    for (const record of hrRecords(3, 4)) {
      const res = await http<any>(server.url, "POST", "/api/v1/models/attrition/predict", record, {
        authorization: `Bearer ${token}`,
      });
      requestIds.push(res.body.requestId);
    }
    await server.platform.predictionLog.flush();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("db create runs every migration once, like migrate", async () => {
    const home = mkdtempSync(join(tmpdir(), "atelier-db-"));
    const env = { DATA_DIR: home, DATABASE_URL: `sqlite:${join(home, "a.db")}` };
    const first = await run(["db", "create"], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied: .*0401-monitoring-prediction-log.*0450-serving-configs/);
    expect((await run(["migrate"], env)).stdout).toBe("already up to date\n");
  });

  it("queries a server's log (--url) and the local store; exports CSV; bad options exit 2", async () => {
    const remote = await run(
      ["predictions", "query", "--model", "attrition", "--model-version", "1", "--json", "--url", server.url],
      {
        ATELIER_TOKEN: token,
      },
    );
    expect(remote.code).toBe(0);
    const rows = remote.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.requestId)).toEqual(requestIds);
    expect(rows[0]).toMatchObject({ modelName: "attrition", modelVersion: 1, arm: "main", principal: "ops" });

    const out = join(mkdtempSync(join(tmpdir(), "atelier-export-")), "p.csv");
    const exported = await run(["predictions", "export", "--url", server.url, "--token", token, "--out", out], {});
    expect(exported.stdout).toBe(`3 predictions written to ${out}\n`);
    const csv = readFileSync(out, "utf8").trim().split("\n");
    expect(csv).toHaveLength(4);
    expect(csv[1]).toContain(requestIds[0]);

    const local = await run(["predictions", "query", "--limit", "2"], {
      DATA_DIR: server.platform.config.DATA_DIR,
      DATABASE_URL: server.platform.config.DATABASE_URL,
    });
    expect(local.code).toBe(0);
    expect(local.stdout.split("\n")[0]).toMatch(/^TIME\s+REQUEST\s+#\s+MODEL\s+ALIAS\s+ARM\s+PREDICTION\s+LABEL\s+MS$/);
    expect(local.stdout).toContain("attrition@v1");
    expect(local.stdout.trim().split("\n")).toHaveLength(3);

    const bad = await run(["predictions", "query", "--from", "yesterday", "--model-version", "0"], {
      DATABASE_URL: server.platform.config.DATABASE_URL,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--model-version must be an integer ≥ 1; --from must be an ISO 8601 time/);
  });
});
