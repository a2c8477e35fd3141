import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleEmployee, FEATURE_FIELDS } from "../../src/projects/attrition/index.js";
import { http, type StoreKind, startTestServer, type TestServer } from "../support/server.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const POLL_MS = 200;

/** Runs the real `atelier` command on the server's database. */
function atelier(args: string[], databaseUrl: string) {
  return promisify(execFile)(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" },
    maxBuffer: 16 * 1024 * 1024,
  });
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const employee = {
  employee_id: 424242,
  ...exampleEmployee(),
  overtime: "yes",
  job_satisfaction: 1,
  marital_status: "single",
  business_travel: "frequently",
};

describe.each<StoreKind>(["sqlite", "postgres"])("the attrition model API on %s", (kind) => {
  let server: TestServer;
  let viewer: Record<string, string>;
  let admin: string;
  const predict = (body: unknown, headers = viewer) => http<any>(server.url, "POST", "/predict", body, headers);

  beforeAll(async () => {
    server = await startTestServer(kind, { SERVING_POLL_MS: String(POLL_MS) });
    const { accounts } = server.platform;
    await accounts.createUser({ username: "analyst", password: "analyst-password", role: "viewer" });
    // Training registers a version (editor) and moves production (admin).
    await accounts.createUser({ username: "trainer", password: "trainer-password", role: "admin" });
    const token = async (username: string, password: string) =>
      (await http<any>(server.url, "POST", "/token", { username, password })).body.access_token as string;
    viewer = { authorization: `Bearer ${await token("analyst", "analyst-password")}` };
    admin = await token("trainer", "trainer-password");
  });
  afterAll(async () => {
    await server?.close();
  });

  it("documents POST /predict in /openapi.json: every field by name with its type, values or range, and examples", async () => {
    const doc = (await http<any>(server.url, "GET", "/openapi.json")).body;
    const body = doc.paths["/predict"].post.requestBody.content["application/json"].schema;
    for (const f of FEATURE_FIELDS) {
      const p = body.properties[f.name];
      expect(p.description).toBe(f.description);
      if (f.enum) expect(p.enum.filter((v: unknown) => v !== null)).toEqual([...f.enum]);
      if (f.minimum !== undefined) expect([p.minimum, p.maximum]).toEqual([f.minimum, f.maximum]);
      expect(body.required.includes(f.name)).toBe(!f.optional);
    }
    expect(body.properties.employee_id.type).toBe("integer");
    expect(doc.paths["/predict"].post.responses["200"].content["application/json"].schema.properties).toHaveProperty(
      "attrition_probability",
    );
    expect(doc.paths["/predict/{employee_id}"].post.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
  });

  it("answers 401 without credentials, 400 naming every bad field, 503 before a model is promoted", async () => {
    expect((await predict(employee, {})).status).toBe(401);
    const bad = await predict({ ...employee, age: 70, department: "Marketing", overtime: undefined, bonus: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("INVALID_INPUT");
    expect(new Set(bad.body.error.details.map((d: { field: string }) => d.field))).toEqual(
      new Set(["age", "department", "overtime", "bonus"]),
    );
    const none = await predict(employee);
    expect(none.status).toBe(503);
    expect(none.body.error.code).toBe("MODEL_NOT_READY");
  });

  it("load → train → register → promote → predict → logged → move the alias → served by the new version", async () => {
    const databaseUrl = server.platform.config.DATABASE_URL;
    const loaded = JSON.parse((await atelier(["attrition", "load-data", "--json"], databaseUrl)).stdout);
    expect(loaded).toMatchObject({ rows: 2000, inserted: 2000, rejected: [] });

    const train = async (seed: number) =>
      JSON.parse(
        (
          await atelier(
            ["attrition", "train", "--seed", String(seed), "--url", server.url, "--token", admin, "--json"],
            databaseUrl,
          )
        ).stdout,
      );
    const first = await train(42);
    expect(first).toMatchObject({ version: 1, promoted: true });
    expect(first.test.rocAuc).toBeGreaterThan(0.7);
    const registered = await http<any>(server.url, "GET", "/api/v1/models/attrition", undefined, viewer);
    expect(registered.body.aliases).toEqual({ production: 1 });
    const run = await http<any>(server.url, "GET", `/api/v1/runs/${first.runId}`, undefined, viewer);
    expect(run.body.datasets[0]).toMatchObject({
      name: "attrition_employees",
      digest: expect.stringMatching(/^sha256:/),
    });

    const answer = await predict(employee);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      employee_id: 424242,
      threshold: 0.5,
      model: { name: "attrition", version: 1, alias: "production" },
      request_id: answer.headers.get("x-request-id"),
    });
    expect(answer.body.attrition).toBe(answer.body.attrition_probability >= 0.5);

    // The input and the output are in the prediction log under the request id.
    const logged = await until("the prediction log row", async () => {
      const page = await http<any>(server.url, "GET", "/api/v1/predictions?model=attrition", undefined, viewer);
      return page.body.items.find((r: { requestId: string }) => r.requestId === answer.body.request_id);
    });
    expect(logged).toMatchObject({ modelVersion: 1, alias: "production", principal: "analyst", inputs: employee });
    expect(logged.outputs.probabilities[1]).toBeCloseTo(answer.body.attrition_probability, 12);

    const stored = await http<any>(server.url, "POST", "/predict/17", undefined, viewer);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ employee_id: 17, model: { version: 1 } });
    expect((await http<any>(server.url, "POST", "/predict/999999", undefined, viewer)).status).toBe(404);

    // A second version; production moves to it (by the promotion gate, or by hand when the gate says no).
    const second = await train(7);
    expect(second.version).toBe(2);
    if (!second.promoted) {
      const moved = await http<any>(
        server.url,
        "PUT",
        "/api/v1/models/attrition/aliases/production",
        { version: 2, reason: "e2e: move production to the second version" },
        { authorization: `Bearer ${admin}` },
      );
      expect(moved.status).toBe(200);
    }
    const next = await until(
      "production served by version 2",
      async () => {
        const r = await predict(employee);
        return r.body.model?.version === 2 ? r : undefined;
      },
      POLL_MS * 10 + 2000,
    );
    expect(next.status).toBe(200);
    const relogged = await until("the second version's log row", async () => {
      const page = await http<any>(
        server.url,
        "GET",
        "/api/v1/predictions?model=attrition&version=2",
        undefined,
        viewer,
      );
      return page.body.items.find((r: { requestId: string }) => r.requestId === next.body.request_id);
    });
    expect(relogged.inputs).toEqual(employee);
  }, 180_000);

  it("answers 429 with Retry-After once a caller spends the model's rate limit", async () => {
    const limit = await http<any>(
      server.url,
      "PUT",
      "/api/v1/models/attrition/serving",
      { rateLimit: { perSecond: 0.2, burst: 2 } },
      { authorization: `Bearer ${admin}` },
    );
    expect(limit.status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await predict(employee));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(statuses[2]!.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(statuses[2]!.body).toMatchObject({
      message: "Rate limit exceeded. Please try again later.",
      error: { code: "RATE_LIMITED" },
    });
  });
});
