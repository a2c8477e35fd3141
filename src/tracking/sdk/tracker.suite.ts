import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { sha256Hex } from "../../store/index.js";
import type { ModelSignature } from "../entities.js";
import { gitHead } from "./caller-context.js";
import type { Tracker } from "./tracker.js";

const signature: ModelSignature = {
  inputs: [
    { name: "year_week", type: "integer" },
    { name: "vegetable", type: "string" },
  ],
  output: { name: "sales", type: "number" },
};

/** A stand-in for a fitted estimator: anything with toJSON() can be logged. */
const model = (weights: number[]) => ({
  toJSON: () => ({ format: "atelier-model", kind: "ridge", version: 1, params: { alpha: 1 }, fitted: { weights } }),
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One SDK scenario, run unchanged against every Tracker (in-process and over HTTP): runs with params, metric
 * histories, artifacts and models; withRun's failure path; search; registry versions and alias moves in time.
 */
export async function trackerScenario(tracker: Tracker): Promise<void> {
  const experiment = `sdk-${randomBytes(4).toString("hex")}`;
  const modelName = `sales-${randomBytes(4).toString("hex")}`;
  const dir = mkdtempSync(join(tmpdir(), "atelier-sdk-"));
  const csv = join(dir, "weekly.csv");
  writeFileSync(csv, "year_week,vegetable,sales\n202001,tomato,12\n");
  const notes = join(dir, "notes.txt");
  writeFileSync(notes, "trained on 52 weeks");

  // A run through withRun: FINISHED when the function returns.
  const runId = await tracker.withRun(
    { experiment, name: "ridge-1", tags: { model: "ridge" }, datasets: [{ name: "weekly_sales", path: csv }] },
    async (run) => {
      await run.logParams({ alpha: 1, solver: "cholesky" });
      await run.logParam("alpha", "1");
      for (let step = 0; step < 5; step++) await run.logMetric("loss", 1 / (step + 1), step);
      await run.logMetrics({ r2: 0.81, rmse: 3.5 });
      await run.logBatch({ metrics: [{ key: "val/loss", value: 0.4, step: 4 }], tags: { stage: "trained" } });
      await run.setTags({ owner: "alice" });
      await expect(run.logParam("alpha", 2)).rejects.toMatchObject({ code: "CONFLICT" });
      await run.logArtifact("reports/notes.txt", notes);
      await run.logArtifact("data/sample.csv", Buffer.from("a,b\n1,2\n"));
      const logged = await run.logModel(model([1, 2]), {
        signature,
        inputExample: [{ year_week: 202005, vegetable: "tomato" }],
        name: modelName,
      });
      expect(logged.artifact.path).toBe("model/model.json");
      expect(logged.version).toMatchObject({ modelName, version: 1, signature, metrics: { r2: 0.81 } });
      return run.id;
    },
  );
  const run = await tracker.getRun(runId);
  expect(run).toMatchObject({
    name: "ridge-1",
    status: "FINISHED",
    params: { alpha: "1", solver: "cholesky" },
    tags: { model: "ridge", stage: "trained", owner: "alice" },
    datasets: [
      {
        name: "weekly_sales",
        digest: sha256Hex(Buffer.from("year_week,vegetable,sales\n202001,tomato,12\n")),
        source: csv,
      },
    ],
  });
  expect(run.metrics.loss).toMatchObject({ value: 0.2, step: 4 });
  expect(run.endTime).toBeInstanceOf(Date);
  expect(run.gitCommit).toBe(gitHead() ?? null);
  const history = await tracker.metricHistory(runId, "loss", { pageSize: 3 });
  expect(history.items.map((p) => p.value)).toEqual([1, 0.5, 1 / 3]);
  const rest = await tracker.metricHistory(runId, "loss", { pageSize: 3, pageToken: history.nextPageToken! });
  expect(rest.items.map((p) => p.step)).toEqual([3, 4]);
  expect((await tracker.metricHistory(runId, "val/loss")).items).toHaveLength(1);
  expect((await tracker.listArtifacts(runId)).items.map((a) => a.path)).toEqual([
    "data/sample.csv",
    "model/model.json",
    "model/signature.json",
    "reports/notes.txt",
  ]);
  expect((await tracker.listArtifacts(runId, { prefix: "model/" })).items).toHaveLength(2);
  expect((await tracker.downloadArtifact(runId, "reports/notes.txt")).toString()).toBe("trained on 52 weeks");
  await expect(tracker.downloadArtifact(runId, "missing.txt")).rejects.toMatchObject({ code: "NOT_FOUND" });

  // withRun marks the run FAILED with the error, and rethrows it.
  let failedId = "";
  await expect(
    tracker.withRun({ experiment, name: "broken", parentRunId: runId, gitCommit: false }, async (r) => {
      failedId = r.id;
      await r.logMetric("loss", 9);
      throw new RangeError("loss diverged");
    }),
  ).rejects.toThrow("loss diverged");
  expect(await tracker.getRun(failedId)).toMatchObject({
    status: "FAILED",
    statusMessage: "RangeError: loss diverged",
    parentRunId: runId,
    gitCommit: null,
  });
  const late = await tracker.resumeRun(failedId);
  await expect(late.logMetric("loss", 1)).rejects.toMatchObject({ code: "CONFLICT" });

  // A second model version from a second run, then search.
  const second = await tracker.startRun({ experiment, name: "ridge-2", tags: { model: "ridge" } });
  await second.logBatch({ params: { alpha: "0.1" }, metrics: [{ key: "r2", value: 0.86 }] });
  const v2 = await second.logModel(model([3, 4]), { signature, name: modelName });
  expect(v2.version?.version).toBe(2);
  await second.end();
  const found = await tracker.searchRuns({
    experiments: [experiment],
    filter: "metrics.r2 > 0.8 and tags.model = 'ridge'",
    orderBy: ["metrics.r2 DESC"],
  });
  expect(found.items.map((r) => r.name)).toEqual(["ridge-2", "ridge-1"]);
  await expect(tracker.searchRuns({ filter: "metrics.r2 >> 1" })).rejects.toMatchObject({
    code: "INVALID_INPUT",
    details: [{ position: 12 }],
  });

  // Promote v1, promote v2, roll back; ask what production was at each instant.
  const first = await tracker.setAlias(modelName, "production", 1, "first model");
  await pause(5);
  const promoted = await tracker.setAlias(modelName, "production", 2, "r2 0.86 > 0.81");
  await pause(5);
  const rollback = await tracker.setAlias(modelName, "production", 1, "rollback");
  expect(await tracker.setAlias(modelName, "production", 1, "again")).toBeUndefined();
  expect((await tracker.resolve(modelName, "production")).version).toBe(1);
  expect((await tracker.resolve(modelName, "production", first!.movedAt)).version).toBe(1);
  expect((await tracker.resolve(modelName, "production", promoted!.movedAt.toISOString())).version).toBe(2);
  expect((await tracker.resolve(modelName, "production", new Date(rollback!.movedAt.getTime() - 1))).version).toBe(2);
  await expect(tracker.resolve(modelName, "production", new Date(first!.movedAt.getTime() - 1))).rejects.toMatchObject({
    code: "NOT_FOUND",
  });
  const moves = await tracker.aliasHistory(modelName, "production");
  expect(moves.items.map((m) => [m.fromVersion, m.toVersion, m.reason])).toEqual([
    [null, 1, "first model"],
    [1, 2, "r2 0.86 > 0.81"],
    [2, 1, "rollback"],
  ]);
  expect(await tracker.loadModelJson(modelName, 2)).toEqual(model([3, 4]).toJSON());
  expect((await tracker.getModel(modelName)).aliases).toEqual({ production: 1 });
  expect((await tracker.listModelVersions(modelName)).items.map((v) => [v.version, v.aliases])).toEqual([
    [2, []],
    [1, ["production"]],
  ]);
  expect((await tracker.getModelVersion(modelName, 1)).inputExample).toEqual([
    { year_week: 202005, vegetable: "tomato" },
  ]);
  expect((await tracker.listModels({ pageSize: 1000 })).items.map((m) => m.name)).toContain(modelName);
  expect((await tracker.listExperiments({ pageSize: 1000 })).items.map((e) => e.name)).toContain(experiment);
  await expect(tracker.getRun("missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
  await expect(tracker.setAlias(modelName, "production", 7)).rejects.toMatchObject({ code: "NOT_FOUND" });
  await expect(
    second.logModel(model([0]), { signature: { inputs: [], output: { type: "number" } } }),
  ).rejects.toMatchObject({
    code: "INVALID_INPUT",
  });
}
