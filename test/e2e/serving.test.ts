import { type Classifier, Frame, loadModel, type SavedModel } from "atelier/ml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_PRINCIPAL } from "../../src/core/index.js";
import { createLocalTracker, type Tracker } from "../../src/tracking/index.js";
import { CATEGORICAL, hrRecords, NUMERIC, registerHrModel } from "../fixtures/hr-model.js";
import { http, startTestServer, type TestServer } from "../support/server.js";

const POLL_MS = 100;

describe.each(["sqlite", "postgres"] as const)("serving the registry's models over HTTP (%s)", (kind) => {
  let server: TestServer;
  let tracker: Tracker;
  const auth: Record<string, Record<string, string>> = {};
  const predict = (name: string, body: unknown, query = "", who = "viewer") =>
    http<any>(server.url, "POST", `/api/v1/models/${name}/predict${query}`, body, auth[who]);
  const call = (method: string, path: string, body?: unknown, who = "admin") =>
    http<any>(server.url, method, path, body, auth[who]);
  const records = hrRecords(40, 11);

  beforeAll(async () => {
    server = await startTestServer(kind, { SERVING_POLL_MS: String(POLL_MS) });
    for (const role of ["viewer", "editor", "admin"] as const) {
      await server.platform.accounts.createUser({ username: `${role}-user`, password: `${role}-password`, role });
      const login = await http<any>(server.url, "POST", "/token", {
        username: `${role}-user`,
        password: `${role}-password`,
      });
      auth[role] = { authorization: `Bearer ${login.body.access_token}` };
    }
    tracker = createLocalTracker(server.platform);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("train → register → promote → predict → see the rows → move the alias → the next requests use the new version", async () => {
    const v1 = await registerHrModel(tracker, "attrition", { C: 1, alias: "production" });
    expect(v1.version).toBe(1);
    const expected = loadModel<Classifier>((await tracker.loadModelJson("attrition", 1)) as SavedModel);
    const frame = Frame.fromRecords(records.slice(0, 4), [...NUMERIC, ...CATEGORICAL]);
    const proba = expected.predictProba!(frame);

    const single = await predict("attrition", records[0]);
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({
      classes: [0, 1],
      model: { name: "attrition", version: 1, alias: "production" },
    });
    expect(single.body.predictions).toEqual([expected.predict(frame)[0]]);
    expect(single.body.probabilities[0][1]).toBeCloseTo(proba.data[1]!, 12);
    expect(single.body.requestId).toBe(single.headers.get("x-request-id"));

    const batch = await predict("attrition", { inputs: records.slice(0, 4) }, "", "editor");
    expect(batch.status).toBe(200);
    expect(batch.body.predictions).toEqual(expected.predict(frame));
    expect(batch.body.probabilities).toHaveLength(4);

    const logged = await call("GET", "/api/v1/predictions?model=attrition&version=1", undefined, "viewer");
    expect(logged.status).toBe(200);
    expect(logged.body.items).toHaveLength(5);
    expect(logged.body.items[0]).toMatchObject({
      requestId: single.body.requestId,
      index: 0,
      modelName: "attrition",
      modelVersion: 1,
      alias: "production",
      arm: "main",
      principal: "viewer-user",
      inputs: records[0],
      outputs: { prediction: single.body.predictions[0], probabilities: single.body.probabilities[0] },
      feedbackLabel: null,
    });
    expect(logged.body.items.slice(1).map((r: any) => [r.requestId, r.index, r.principal])).toEqual(
      [0, 1, 2, 3].map((i) => [batch.body.requestId, i, "editor-user"]),
    );

    const v2 = await registerHrModel(tracker, "attrition", { C: 0.001 });
    const movedAt = Date.now();
    await call("PUT", "/api/v1/models/attrition/aliases/production", { version: v2.version, reason: "better" });
    let answer = await predict("attrition", records[0]);
    while (answer.body.model.version === 1 && Date.now() - movedAt < 5000)
      answer = await predict("attrition", records[0]);
    expect(answer.status).toBe(200);
    expect(answer.body.model).toEqual({ name: "attrition", version: 2, alias: "production" });
    // Followed within the poll interval (plus the load of version 2 and some slack for a busy machine).
    expect(Date.now() - movedAt).toBeLessThan(POLL_MS + 1500);
    const after = await predict("attrition", records[0]);
    expect(after.body.model.version).toBe(2);
    expect(after.body.probabilities[0][1]).not.toBeCloseTo(single.body.probabilities[0][1], 6);
    const rows = await call("GET", "/api/v1/predictions?model=attrition&version=2", undefined, "viewer");
    expect(rows.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it("moves the alias under load without failing or delaying a request", async () => {
    let moving = true;
    const statuses: number[] = [];
    const versions = new Set<number>();
    const client = async (k: number) => {
      for (let i = 0; moving; i++) {
        const res = await predict("attrition", records[(k * 7 + i) % records.length]);
        statuses.push(res.status);
        versions.add(res.body.model?.version);
      }
    };
    const clients = Array.from({ length: 6 }, (_, k) => client(k));
    for (const version of [1, 2, 1, 2]) {
      await call("PUT", "/api/v1/models/attrition/aliases/production", { version });
      await new Promise((r) => setTimeout(r, POLL_MS * 3));
    }
    moving = false;
    await Promise.all(clients);
    expect(statuses.length).toBeGreaterThan(50);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect([...versions].sort()).toEqual([1, 2]);
  });

  it("splits traffic by a sticky field and scores a shadow without answering with it", async () => {
    await call("PUT", "/api/v1/models/attrition/aliases/production", { version: 1 });
    await call("PUT", "/api/v1/models/attrition/aliases/challenger", { version: 2 });
    const put = await call("PUT", "/api/v1/models/attrition/serving", {
      challenger: { alias: "challenger", percent: 30, mode: "split" },
      stickyField: "employee_id",
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ mainAlias: "production", challenger: { mode: "split" }, updatedBy: "admin-user" });
    expect((await call("GET", "/api/v1/models/attrition/serving", undefined, "viewer")).body).toEqual(put.body);
    await new Promise((r) => setTimeout(r, POLL_MS * 3));

    const many = hrRecords(300, 21);
    const answers = await Promise.all(many.map((r) => predict("attrition", r)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const toChallenger = answers.filter((a) => a.body.model.alias === "challenger");
    expect(toChallenger.length / many.length).toBeGreaterThan(0.2);
    expect(toChallenger.length / many.length).toBeLessThan(0.4);
    expect(toChallenger.every((a) => a.body.model.version === 2)).toBe(true);
    // Sticky: the same employee lands on the same arm every time, whatever the other fields.
    for (const k of [0, 1, 2, 3, 4]) {
      const first = answers[k]!.body.model.alias;
      for (let again = 0; again < 3; again++)
        expect(
          (await predict("attrition", { ...many[k + 10], employee_id: many[k]!.employee_id })).body.model.alias,
        ).toBe(first);
    }
    // A fixed version or another alias is never split.
    expect((await predict("attrition", many[0], "?version=1")).body.model).toEqual({
      name: "attrition",
      version: 1,
      alias: null,
    });

    await call("PUT", "/api/v1/models/attrition/serving", {
      challenger: { alias: "challenger", percent: 100, mode: "shadow" },
    });
    const since = Date.now() - 1;
    const shadowed = await predict("attrition", records[5]);
    expect(shadowed.body.model).toEqual({ name: "attrition", version: 1, alias: "production" });
    let arms: any[] = [];
    for (let tries = 0; tries < 50 && arms.length < 2; tries++) {
      await new Promise((r) => setTimeout(r, 20));
      const page = await call("GET", `/api/v1/predictions?model=attrition&from=${since}`, undefined, "viewer");
      arms = page.body.items.filter((r: any) => r.requestId === shadowed.body.requestId);
    }
    expect(arms.map((r) => [r.arm, r.modelVersion, r.alias]).sort()).toEqual([
      ["main", 1, "production"],
      ["shadow", 2, "challenger"],
    ]);
    await call("PUT", "/api/v1/models/attrition/serving", {});
  });

  it("answers 400 listing every bad field of every record", async () => {
    const bad = { ...records[0], age: "forty", over_time: "Maybe", job_satisfaction: 9 } as Record<string, unknown>;
    delete bad.department;
    const one = await predict("attrition", bad);
    expect(one.status).toBe(400);
    expect(one.body.error.code).toBe("INVALID_INPUT");
    expect(one.body.error.details).toEqual(
      expect.arrayContaining([
        { field: "age", reason: "must be an integer" },
        { field: "over_time", reason: 'must be one of: "Yes", "No"' },
        { field: "job_satisfaction", reason: "must be ≤ 4" },
        { field: "department", reason: "is required" },
      ]),
    );
    expect(one.body.error.details).toHaveLength(4);
    const many = await predict("attrition", { inputs: [records[0], { ...records[1], monthly_income: null }, 7] });
    expect(many.status).toBe(400);
    expect(many.body.error.details).toEqual([
      { index: 1, field: "monthly_income", reason: "must be a number" },
      { index: 2, field: "record", reason: "must be an object" },
    ]);
    expect((await predict("attrition", { inputs: [] })).body.error.details).toEqual([
      { field: "inputs", reason: "must hold at least one record" },
    ]);
    expect((await predict("attrition", records[0], "?version=0")).status).toBe(400);
    expect((await predict("no-such-model", records[0])).status).toBe(404);
    expect((await predict("attrition", records[0], "?alias=staging")).body.error.code).toBe("MODEL_NOT_READY");
  });

  it("asks for credentials (401), a role or a key scoped to the model (403), and rate-limits per principal (429)", async () => {
    expect((await http(server.url, "POST", "/api/v1/models/attrition/predict", records[0])).status).toBe(401);
    const { secret: scoped } = await server.platform.accounts.createApiKey(
      { name: "attrition scorer", role: "viewer", scopes: ["model:attrition"] },
      LOCAL_PRINCIPAL,
    );
    const { secret: other } = await server.platform.accounts.createApiKey(
      { name: "churn scorer", role: "viewer", scopes: ["model:churn"] },
      LOCAL_PRINCIPAL,
    );
    auth.scoped = { "x-api-key": scoped };
    auth.other = { "x-api-key": other };
    expect((await predict("attrition", records[0], "", "scoped")).status).toBe(200);
    expect((await predict("attrition", records[0], "", "other")).status).toBe(403);
    expect((await call("PUT", "/api/v1/models/attrition/serving", {}, "editor")).status).toBe(403);

    await call("PUT", "/api/v1/models/attrition/serving", { rateLimit: { perSecond: 1, burst: 2 } });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await predict("attrition", records[0], "", "scoped"));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(answers[2]!.headers.get("retry-after")).toBe("1");
    expect(answers[2]!.body).toMatchObject({
      message: "Rate limit exceeded. Please try again later.",
      error: { code: "RATE_LIMITED", details: { retryAfterSeconds: 1 } },
    });
    // Per principal: another caller still has its own tokens.
    expect((await predict("attrition", records[0], "", "viewer")).status).toBe(200);
    await call("PUT", "/api/v1/models/attrition/serving", {});
  });

  it("takes ground truth, computes live accuracy per version and exports CSV", async () => {
    const answer = await predict("attrition", records[3]);
    const label = answer.body.predictions[0];
    const feedback = await call("POST", `/api/v1/predictions/${answer.body.requestId}/feedback`, { label }, "editor");
    expect(feedback.status).toBe(200);
    expect(feedback.body).toMatchObject({ requestId: answer.body.requestId, index: 0, updated: 1 });
    const wrong = await predict("attrition", records[4]);
    await call(
      "POST",
      `/api/v1/predictions/${wrong.body.requestId}/feedback`,
      { label: 1 - wrong.body.predictions[0] },
      "editor",
    );
    expect((await call("POST", "/api/v1/predictions/nope/feedback", { label: 1 }, "editor")).status).toBe(404);
    expect(
      (await call("POST", `/api/v1/predictions/${answer.body.requestId}/feedback`, { label: 1 }, "viewer")).status,
    ).toBe(403);
    const live = await call("GET", "/api/v1/models/attrition/live-metrics", undefined, "viewer");
    expect(live.status).toBe(200);
    const v = live.body.versions.find((x: any) => x.version === answer.body.model.version);
    expect(v).toMatchObject({ labelled: 2, accuracy: 0.5 });
    expect(v.predictions).toBeGreaterThan(2);

    const csv = await fetch(`${server.url}/api/v1/predictions/export.csv?model=attrition&version=1`, {
      headers: auth.viewer,
    });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe(
      "id,timestamp,request_id,index,model,version,alias,arm,principal,latency_ms,prediction,probabilities,inputs,feedback_label,feedback_at",
    );
    const listed = await call(
      "GET",
      "/api/v1/predictions?model=attrition&version=1&pageSize=1000",
      undefined,
      "viewer",
    );
    expect(lines.length - 1).toBe(listed.body.items.length);
    expect((await call("GET", "/api/v1/predictions?from=yesterday", undefined, "viewer")).body.error.details).toEqual([
      { field: "from", reason: "must be an ISO 8601 time or epoch milliseconds" },
    ]);
  });

  it("documents each served model's request schema with its example in /openapi.json", async () => {
    const doc = (await http<any>(server.url, "GET", "/openapi.json")).body;
    const op = doc.paths["/api/v1/models/attrition/predict"].post;
    expect(op.requestBody.content["application/json"].example).toMatchObject({ age: expect.any(Number) });
    const schema = doc.components.schemas.PredictRequest_attrition;
    const record = schema.anyOf[0];
    expect(record.properties.age).toMatchObject({ type: "integer", minimum: 18, maximum: 70, examples: [41] });
    expect(record.properties.over_time.enum).toEqual(["Yes", "No"]);
    expect(record.required).not.toContain("num_companies_worked");
    expect(doc.paths["/api/v1/models/{name}/predict"].post.security).toBeDefined();
    // The docs page reads the same, extended document.
    const ui = (await http<any>(server.url, "GET", "/docs/json")).body;
    expect(ui.paths["/api/v1/models/attrition/predict"]).toBeDefined();
  });
});
