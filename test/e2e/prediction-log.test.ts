import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PredictionLogRepository } from "../../src/monitoring/index.js";
import { openDatabase } from "../../src/store/index.js";
import { createLocalTracker } from "../../src/tracking/index.js";
import { hrRecords, registerHrModel } from "../fixtures/hr-model.js";
import { http, startTestServer, type TestServer } from "../support/server.js";

/** A server with an admin token and the attrition model in production. */
async function serverWithModel(kind: "sqlite" | "postgres", env: Record<string, string> = {}) {
  const server = await startTestServer(kind, env);
  await server.platform.accounts.createUser({ username: "ops", password: "ops-password", role: "admin" });
  const token = (await http<any>(server.url, "POST", "/token", { username: "ops", password: "ops-password" })).body
    .access_token as string;
  await registerHrModel(createLocalTracker(server.platform), "attrition", { alias: "production" });
  const predict = (body: unknown) =>
    http<any>(server.url, "POST", "/api/v1/models/attrition/predict", body, { authorization: `Bearer ${token}` });
  return { server, predict };
}

describe.each(["sqlite", "postgres"] as const)("the prediction log under pressure and at shutdown (%s)", (kind) => {
  let small: TestServer;
  let predict: (body: unknown) => Promise<{ status: number; body: any }>;

  beforeAll(async () => {
    ({ server: small, predict } = await serverWithModel(kind, { PREDICTION_LOG_QUEUE: "5" }));
  });
  afterAll(async () => {
    await small?.close();
  });

  it("drops and counts what a full queue cannot hold, and keeps answering 200", async () => {
    const records = hrRecords(12, 9);
    const answer = await predict({ inputs: records });
    expect(answer.status).toBe(200);
    expect(answer.body.predictions).toHaveLength(12);
    const metrics = (await http<string>(small.url, "GET", "/metrics")).body;
    expect(metrics).toContain('prediction_log_dropped_total{reason="full"} 7');
    // Once written, the queue takes rows again.
    await small.platform.predictionLog.flush();
    expect((await predict(records[0])).status).toBe(200);
    await small.platform.predictionLog.flush();
    expect(await small.platform.predictionLog.count({ model: "attrition" })).toBe(6);
  });

  it("writes every queued row when the server shuts down gracefully", async () => {
    const { server, predict: ask } = await serverWithModel(kind);
    const url = server.platform.config.DATABASE_URL;
    const answers = await Promise.all(hrRecords(300, 12).map((r) => ask(r)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const batch = await ask({ inputs: hrRecords(600, 13) });
    expect(batch.status).toBe(200);
    // Closed at once: rows of the last requests are usually still queued (src/monitoring/prediction-log.test.ts
    // checks the same with a timer that never fires).
    await server.app.close();
    const database = await openDatabase(url);
    try {
      expect(await new PredictionLogRepository(database).count({ model: "attrition" })).toBe(900);
    } finally {
      await database.close();
      await server.close();
    }
  });
});
