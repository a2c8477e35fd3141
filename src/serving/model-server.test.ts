import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ColumnTransformer, Frame, Pipeline, Ridge, StandardScaler } from "atelier/ml";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hrRecords, NUMERIC, registerHrModel } from "../../test/fixtures/hr-model.js";
import { PredictionLog, predictionLogMigrations } from "../monitoring/index.js";
import { ContentStore, type Database, FileBlobStore, migrateToLatest, openDatabase } from "../store/index.js";
import {
  createLocalTracker,
  RegistryService,
  registryMigrations,
  type Tracker,
  TrackingService,
  trackingMigrations,
} from "../tracking/index.js";
import { LoadedModel } from "./loaded-model.js";
import { ModelServer } from "./model-server.js";
import { servingMigrations } from "./serving-config-repository.js";

let database: Database;
let registry: RegistryService;
let tracker: Tracker;
let log: PredictionLog;
const servers: ModelServer[] = [];
const records = hrRecords(50, 5);

function server(options: ConstructorParameters<typeof ModelServer>[1] = {}): ModelServer {
  const s = new ModelServer({ registry, database, log }, { pollMs: 60_000, ...options });
  servers.push(s);
  return s;
}
const ask = (s: ModelServer, record = records[0]!, options: { version?: number; alias?: string } = {}) =>
  s.predict("hr", [record], { requestId: `r-${Math.random()}`, ...options });

beforeAll(async () => {
  database = await openDatabase("sqlite::memory:");
  await migrateToLatest(database, {
    ...trackingMigrations,
    ...registryMigrations,
    ...predictionLogMigrations,
    ...servingMigrations,
  });
  const tracking = new TrackingService(
    database,
    new ContentStore(new FileBlobStore(mkdtempSync(join(tmpdir(), "atelier-serving-")))),
  );
  registry = new RegistryService(database, tracking);
  tracker = createLocalTracker({ tracking, registry });
  log = new PredictionLog(database);
  await registerHrModel(tracker, "hr", { C: 1, alias: "production" });
  await registerHrModel(tracker, "hr", { C: 0.001 });
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await log.close();
  await database.close();
});

describe("ModelServer", () => {
  it("micro-batches concurrent single-record requests into one model call, each answered its own row", async () => {
    const s = server({ maxBatch: 32 });
    await ask(s); // loaded
    const calls: number[] = [];
    const original = LoadedModel.prototype.predictNow;
    LoadedModel.prototype.predictNow = function (this: LoadedModel, rows) {
      calls.push(rows.length);
      return original.call(this, rows);
    };
    try {
      const batched = await Promise.all(records.slice(0, 20).map((r) => ask(s, r)));
      const alone = [];
      for (const r of records.slice(0, 20)) alone.push(await ask(s, r));
      expect(calls.slice(0, 1)).toEqual([20]);
      expect(batched.map((b) => b.probabilities)).toEqual(alone.map((a) => a.probabilities));
    } finally {
      LoadedModel.prototype.predictNow = original;
    }
    const unbatched = server({ maxBatch: 1 });
    const answers = await Promise.all(records.slice(0, 5).map((r) => ask(unbatched, r)));
    expect(answers.every((a) => a.predictions.length === 1)).toBe(true);
  });

  it("swaps to the new version when the alias moves; a request already in flight finishes on the old one", async () => {
    const s = server({ maxWaitMs: 40 });
    expect((await ask(s)).model).toEqual({ name: "hr", version: 1, alias: "production" });
    const inFlight = ask(s);
    await registry.setAlias("hr", "production", 2, "test", "tester");
    await s.refresh();
    const next = await ask(s);
    expect((await inFlight).model.version).toBe(1);
    expect(next.model.version).toBe(2);
    await registry.setAlias("hr", "production", 1, "back", "tester");
    await s.refresh();
    expect((await ask(s)).model.version).toBe(1);
  });

  it("keeps serving the old version when the new one cannot be loaded, and says why for that version", async () => {
    const s = server();
    await ask(s);
    const broken = await tracker.withRun({ experiment: "hr-broken", gitCommit: false }, async (run) =>
      run.logModel(
        { toJSON: () => ({ format: "atelier-model", kind: "NoSuchEstimator", version: 1, params: {}, fitted: null }) },
        { signature: { inputs: [{ name: "age", type: "integer" }], output: { type: "integer" } }, name: "hr" },
      ),
    );
    const version = broken.version!.version;
    await registry.setAlias("hr", "production", version, "oops", "tester");
    await s.refresh();
    expect((await ask(s)).model.version).toBe(1);
    await expect(ask(s, records[0], { version })).rejects.toMatchObject({
      code: "MODEL_NOT_READY",
      message: expect.stringMatching(/NoSuchEstimator/),
    });
    await registry.setAlias("hr", "production", 1, "rollback", "tester");
  });

  it("stops serving an alias that was removed, and tells unknown models from aliases pointing nowhere", async () => {
    const s = server();
    await registry.setAlias("hr", "staging", 2, "try", "tester");
    expect((await ask(s, records[0], { alias: "staging" })).model.version).toBe(2);
    await registry.deleteAlias("hr", "staging", "done", "tester");
    await s.refresh();
    await expect(ask(s, records[0], { alias: "staging" })).rejects.toMatchObject({ code: "MODEL_NOT_READY" });
    await expect(s.predict("nope", [records[0]!], { requestId: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.predict("hr", [], { requestId: "x" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("serves regressors (values, no probabilities) and counts requests, errors and predictions for Prometheus", async () => {
    const train = hrRecords(300, 8);
    const model = new Pipeline([
      ["prep", new ColumnTransformer({ transformers: [["num", new StandardScaler(), ["age", "years_at_company"]]] })],
      ["reg", new Ridge()],
    ]).fit(
      Frame.fromRecords(train, NUMERIC),
      train.map((r) => r.monthly_income as number),
    );
    await tracker.withRun({ experiment: "income", gitCommit: false }, async (run) => {
      const logged = await run.logModel(model, {
        signature: {
          inputs: [
            { name: "age", type: "integer" },
            { name: "years_at_company", type: "integer" },
          ],
          output: { type: "number" },
        },
        name: "income",
      });
      await tracker.setAlias("income", "production", logged.version!.version, "first");
    });
    const s = server();
    const registryOut = new Registry();
    s.metrics.registerInto(registryOut);
    const answer = await s.predict("income", records.slice(0, 3), { requestId: "inc-1" });
    expect(answer.predictions.every((p) => typeof p === "number")).toBe(true);
    expect(answer.probabilities).toBeUndefined();
    expect(answer.classes).toBeUndefined();
    await ask(s);
    const text = await registryOut.metrics();
    expect(text).toMatch(/model_requests_total\{model="income",version="1"\} 1/);
    expect(text).toMatch(/model_prediction_value_count\{model="income",version="1"\} 3/);
    expect(text).toMatch(/model_predictions_total\{model="hr",version="1",class="[01]"\} 1/);
    expect(text).toMatch(/model_latency_seconds_count\{model="hr",version="1"\} 1/);
    const schema = (await s.requestSchema("income")) as any;
    expect(schema.anyOf[0].required).toEqual(["age", "years_at_company"]);
  });
});
