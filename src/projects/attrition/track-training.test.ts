import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadModel, type Pipeline } from "atelier/ml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContentStore, type Database, FileBlobStore, migrateToLatest, openDatabase } from "../../store/index.js";
import {
  createLocalTracker,
  RegistryService,
  registryMigrations,
  type Tracker,
  TrackingService,
  trackingMigrations,
} from "../../tracking/index.js";
import { FEATURE_FIELDS } from "./employee-fields.js";
import { generateEmployees } from "./generator.js";
import { employeesDigest, trainAndTrack } from "./track-training.js";
import { employeesFrame } from "./train-model.js";

let database: Database;
let tracker: Tracker;
// A small table keeps each search to a few seconds; the sample's scores are checked in train-model.test.ts.
const employees = generateEmployees({ rows: 600, seed: 11 });

beforeAll(async () => {
  database = await openDatabase("sqlite::memory:");
  await migrateToLatest(database, { ...trackingMigrations, ...registryMigrations });
  const tracking = new TrackingService(
    database,
    new ContentStore(new FileBlobStore(mkdtempSync(join(tmpdir(), "atelier-attrition-track-")))),
  );
  tracker = createLocalTracker({ tracking, registry: new RegistryService(database, tracking) });
});
afterAll(async () => {
  await database.close();
});

describe("trainAndTrack", () => {
  it("refuses a table without enough leavers before starting a run", async () => {
    const stayers = employees.filter((e) => e.attrition === "no");
    await expect(trainAndTrack(tracker, stayers)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect((await tracker.searchRuns({ experiments: ["attrition"] }).catch(() => ({ items: [] }))).items).toEqual([]);
  });

  it("logs the run, registers every training, and promotes only when the gate says so", async () => {
    const first = await trainAndTrack(tracker, employees, { seed: 1, nJobs: 1 });
    expect(first).toMatchObject({
      version: 1,
      promoted: true,
      reason: expect.stringMatching(/nothing was in production/),
    });
    const run = await tracker.getRun(first.runId);
    expect(run.status).toBe("FINISHED");
    expect(run.params).toMatchObject({
      search: "GridSearchCV",
      scoring: "roc_auc",
      classifier: first.trained.best.classifier,
    });
    expect(run.metrics.test_roc_auc!.value).toBe(first.trained.test.rocAuc);
    expect(run.datasets).toEqual([
      {
        name: "attrition_employees",
        digest: employeesDigest(employees),
        source: "table attrition_employees (600 rows)",
      },
    ]);
    const artifacts = (await tracker.listArtifacts(first.runId)).items.map((a) => a.path);
    expect(artifacts).toEqual(
      expect.arrayContaining([
        "classification_report.txt",
        "cv_results.csv",
        "model/model.json",
        "model/signature.json",
      ]),
    );

    const version = await tracker.getModelVersion("attrition", 1);
    expect(version.signature!.inputs.map((i) => i.name)).toEqual(FEATURE_FIELDS.map((f) => f.name));
    expect(version.signature!.inputs.find((i) => i.name === "department")!.enum).toEqual([
      "Sales",
      "R&D",
      "HR",
      "IT",
      "Finance",
    ]);
    expect(version.signature!.inputs.find((i) => i.name === "age")).toMatchObject({ minimum: 18, maximum: 65 });
    // What the registry holds is the fitted pipeline itself.
    const loaded = loadModel<Pipeline>(JSON.stringify(await tracker.loadModelJson("attrition", 1)));
    const { X } = employeesFrame(employees.slice(0, 5));
    expect(Array.from(loaded.predictProba!(X).data)).toEqual(Array.from(first.trained.model.predictProba!(X).data));

    // The same data and seed score the same: registered, but production stays.
    const second = await trainAndTrack(tracker, employees, { seed: 1, nJobs: 1 });
    expect(second).toMatchObject({ version: 2, promoted: false, productionVersion: 1 });
    expect(second.reason).toMatch(/does not beat production \(version 1, 0\.\d{4}\) by more than 0\.01/);
    expect((await tracker.resolve("attrition", "production")).modelVersion?.version).toBe(1);
  }, 120_000);
});
