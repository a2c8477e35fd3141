import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../store/index.js";
import type { Run } from "./entities.js";
import { type NewDatabase, servicesFactory } from "./tracking-services.suite.js";

/** The conformance suite of experiments, runs, params, metrics and artifacts, run once per database engine. */
export function trackingSuite(name: string, newDatabase: NewDatabase): void {
  const open = servicesFactory(newDatabase);

  describe(`tracking conformance: ${name}`, () => {
    it("creates experiments with unique names, pages them, soft-deletes and restores", async () => {
      const { tracking } = await open();
      const a = await tracking.createExperiment({ name: "b-sales", description: "weekly", tags: { team: "ml" } });
      expect(a).toMatchObject({ name: "b-sales", description: "weekly", tags: { team: "ml" }, deletedAt: null });
      await expect(tracking.createExperiment({ name: "b-sales" })).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(tracking.createExperiment({ name: " " })).rejects.toMatchObject({ code: "INVALID_INPUT" });
      for (const n of ["c", "a", "Z", "é"]) await tracking.createExperiment({ name: n });
      const first = await tracking.listExperiments({ pageSize: 2 });
      const second = await tracking.listExperiments({ pageSize: 2, pageToken: first.nextPageToken! });
      const third = await tracking.listExperiments({ pageSize: 2, pageToken: second.nextPageToken! });
      expect([...first.items, ...second.items, ...third.items].map((e) => e.name)).toEqual([
        "Z",
        "a",
        "b-sales",
        "c",
        "é",
      ]);
      expect(third.nextPageToken).toBeUndefined();
      const deleted = await tracking.deleteExperiment(a.id);
      expect(deleted.deletedAt).toBeInstanceOf(Date);
      expect((await tracking.listExperiments()).items.map((e) => e.name)).not.toContain("b-sales");
      expect((await tracking.listExperiments({ view: "deleted" })).items.map((e) => e.name)).toEqual(["b-sales"]);
      await expect(tracking.createExperiment({ name: "b-sales" })).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringMatching(/restore/),
      });
      await expect(tracking.createRun({ experimentId: a.id }, "u")).rejects.toMatchObject({ code: "CONFLICT" });
      expect((await tracking.restoreExperiment(a.id)).deletedAt).toBeNull();
      expect((await tracking.updateExperiment(a.id, { description: "daily" })).description).toBe("daily");
      await expect(tracking.getExperiment("nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(tracking.listExperiments({ pageToken: "garbage" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    });

    it("starts runs (experiment created by name), nests them, records lineage and ends each once", async () => {
      const { tracking, clock } = await open();
      const parent = await tracking.createRun(
        {
          experimentName: "sales-forecast",
          name: "search",
          tags: { kind: "search" },
          gitCommit: "0123456789abcdef0123456789abcdef01234567",
          datasets: [{ name: "weekly_sales", digest: sha256Hex(Buffer.from("x")), source: "data/weekly.csv" }],
        },
        "alice",
      );
      expect(parent).toMatchObject({
        name: "search",
        status: "RUNNING",
        endTime: null,
        createdBy: "alice",
        tags: { kind: "search" },
        gitCommit: "0123456789abcdef0123456789abcdef01234567",
        datasets: [{ name: "weekly_sales", digest: sha256Hex(Buffer.from("x")), source: "data/weekly.csv" }],
        startTime: clock.now(),
      });
      const experiment = await tracking.getExperimentByName("sales-forecast");
      expect(parent.experimentId).toBe(experiment.id);
      const child = await tracking.createRun({ experimentId: experiment.id, parentRunId: parent.id }, "alice");
      expect(child.parentRunId).toBe(parent.id);
      expect(child.name).toMatch(/^run-/);
      await expect(
        tracking.createRun({ experimentId: experiment.id, parentRunId: "missing" }, "a"),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(
        tracking.createRun({ experimentName: "x", datasets: [{ name: "d", digest: "" }] }, "a"),
      ).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
      clock.advance(5000);
      const ended = await tracking.endRun(child.id, "FAILED", "diverged");
      expect(ended).toMatchObject({ status: "FAILED", statusMessage: "diverged", endTime: clock.now() });
      expect((await tracking.endRun(child.id, "FAILED")).status).toBe("FAILED");
      await expect(tracking.endRun(child.id, "FINISHED")).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(tracking.endRun(parent.id, "RUNNING" as never)).rejects.toMatchObject({ code: "INVALID_INPUT" });
      await expect(tracking.logBatch(child.id, { metrics: [{ key: "a", value: 1 }] })).rejects.toMatchObject({
        code: "CONFLICT",
      });
      await expect(tracking.endRun("missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("keeps params immutable and batches atomic; metric histories complete; retries change nothing", async () => {
      const { tracking, clock } = await open();
      const run = await tracking.createRun({ experimentName: "e" }, "u");
      await tracking.logBatch(run.id, {
        params: { alpha: 1, solver: "lbfgs", fit_intercept: true },
        tags: { model: "ridge" },
        metrics: [
          { key: "loss", value: 0.9, step: 0 },
          { key: "loss", value: 0.5, step: 1 },
          { key: "r2", value: 0.7 },
        ],
      });
      await tracking.logBatch(run.id, { params: { alpha: "1" }, tags: { model: "lasso" } });
      await expect(
        tracking.logBatch(run.id, { params: { alpha: 2, beta: 3 }, metrics: [{ key: "loss", value: 0.1, step: 2 }] }),
      ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/alpha/) });
      let stored = await tracking.getRun(run.id);
      expect(stored.params).toEqual({ alpha: "1", fit_intercept: "true", solver: "lbfgs" });
      expect(stored.tags).toEqual({ model: "lasso" });
      expect(stored.metrics.loss).toMatchObject({ value: 0.5, step: 1 });
      const batch = {
        metrics: [0.4, 0.3, 0.2].map((value, i) => ({ key: "loss", value, step: i + 2, timestamp: 1_700_000_000_000 })),
      };
      await tracking.logBatch(run.id, batch);
      await tracking.logBatch(run.id, batch);
      clock.advance(1);
      await tracking.logBatch(run.id, { metrics: [{ key: "loss", value: 9, step: 1 }] });
      stored = await tracking.getRun(run.id);
      expect(stored.metrics.loss).toMatchObject({ value: 0.2, step: 4 });
      const history = await tracking.metricHistory(run.id, "loss");
      expect(history.items.map((p) => [p.step, p.value])).toEqual([
        [0, 0.9],
        [1, 0.5],
        [1, 9],
        [2, 0.4],
        [3, 0.3],
        [4, 0.2],
      ]);
      const pages: number[][] = [];
      let token: string | undefined;
      do {
        const page = await tracking.metricHistory(run.id, "loss", {
          pageSize: 4,
          ...(token ? { pageToken: token } : {}),
        });
        pages.push(page.items.map((p) => p.step));
        token = page.nextPageToken;
      } while (token);
      expect(pages).toEqual([
        [0, 1, 1, 2],
        [3, 4],
      ]);
      const error = await tracking
        .logBatch(run.id, {
          params: { "bad key!": 1 },
          metrics: [{ key: "x", value: Number.NaN }, { key: "y", value: 1, step: 0.5 }, null as never],
        })
        .catch((e) => e);
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.details.map((d: { field: string }) => d.field)).toEqual([
        "params.bad key!",
        "metrics.x",
        "metrics.y",
        "metrics",
      ]);
      await expect(tracking.logBatch("missing", { tags: { a: "b" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("logs thousands of points in one batch and keeps the latest value per key", async () => {
      const { tracking } = await open();
      const run = await tracking.createRun({ experimentName: "bulk" }, "u");
      const metrics = [];
      for (let step = 0; step < 1200; step++)
        for (const key of ["a", "b", "c", "d", "e"])
          metrics.push({ key, value: step * 0.5, step, timestamp: 1000 + step });
      await tracking.logBatch(run.id, { metrics });
      const stored = await tracking.getRun(run.id);
      expect(Object.keys(stored.metrics)).toEqual(["a", "b", "c", "d", "e"]);
      expect(stored.metrics.e).toMatchObject({ value: 599.5, step: 1199 });
      expect((await tracking.metricHistory(run.id, "c", { pageSize: 5000 })).items).toHaveLength(1200);
    });

    it("stores artifacts once by content, lists them by path, checks them on read, keeps them immutable", async () => {
      const { tracking, content } = await open();
      const run = await tracking.createRun({ experimentName: "art" }, "u");
      const other = await tracking.createRun({ experimentName: "art" }, "u");
      const bytes = Buffer.from('{"kind":"ridge","weights":[1,2]}');
      const a = await tracking.logArtifact(run.id, "model/model.json", bytes);
      expect(a).toMatchObject({ path: "model/model.json", sha256: sha256Hex(bytes), size: bytes.length });
      await tracking.logArtifact(run.id, "model/model.json", bytes);
      await tracking.logArtifact(run.id, "plots/loss.csv", () =>
        Readable.from([Buffer.from("step,loss\n"), Buffer.from("0,1\n")]),
      );
      await tracking.logArtifact(run.id, "model/notes%_.txt", Buffer.from("n"));
      await tracking.logArtifact(other.id, "copy.json", bytes);
      await expect(tracking.logArtifact(run.id, "model/model.json", Buffer.from("other"))).rejects.toMatchObject({
        code: "CONFLICT",
      });
      await expect(tracking.logArtifact(run.id, "../escape", bytes)).rejects.toMatchObject({ code: "INVALID_INPUT" });
      expect((await tracking.listArtifacts(run.id, { prefix: "model/" })).items.map((x) => x.path)).toEqual([
        "model/model.json",
        "model/notes%_.txt",
      ]);
      const page = await tracking.listArtifacts(run.id, { pageSize: 2 });
      const rest = await tracking.listArtifacts(run.id, { pageSize: 2, pageToken: page.nextPageToken! });
      expect([...page.items, ...rest.items].map((x) => x.path)).toEqual([
        "model/model.json",
        "model/notes%_.txt",
        "plots/loss.csv",
      ]);
      expect((await tracking.readArtifact(run.id, "plots/loss.csv")).bytes.toString()).toBe("step,loss\n0,1\n");
      expect((await content.blobs.list("sha256/")).keys).toHaveLength(3);
      await content.blobs.put(content.keyOf(a.sha256), Buffer.from("tampered"));
      await expect(tracking.readArtifact(other.id, "copy.json")).rejects.toMatchObject({ code: "STORE_UNAVAILABLE" });
      await expect(tracking.readArtifact(run.id, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
      await tracking.endRun(run.id);
      await expect(tracking.logArtifact(run.id, "late.txt", bytes)).rejects.toMatchObject({ code: "CONFLICT" });
    });

    it("searches with filters compiled to bound SQL, orders with runs lacking the key last, pages exactly", async () => {
      const { tracking, clock } = await open();
      const runs: Run[] = [];
      for (let i = 0; i < 12; i++) {
        clock.advance(1000);
        const run = await tracking.createRun({ experimentName: i < 10 ? "grid" : "other", name: `trial-${i}` }, "u");
        await tracking.logBatch(run.id, {
          params: { alpha: String(i % 3), solver: i % 2 ? "saga" : "lbfgs" },
          tags: { model: i < 6 ? "ridge" : "Lasso" },
          ...(i === 4
            ? {}
            : {
                metrics: [
                  { key: "r2", value: i / 10 },
                  { key: "rmse", value: 10 - i },
                ],
              }),
        });
        if (i % 4 === 0) await tracking.endRun(run.id, i === 8 ? "FAILED" : "FINISHED");
        runs.push(run);
      }
      const names = async (input: Parameters<typeof tracking.searchRuns>[0]) =>
        (await tracking.searchRuns(input)).items.map((r) => r.name);
      expect(
        await names({
          experiments: ["grid"],
          filter: "metrics.r2 > 0.25 and params.alpha = '1' and tags.model = 'ridge'",
          orderBy: ["metrics.r2 DESC"],
        }),
      ).toEqual([]);
      expect(
        await names({
          experiments: ["grid"],
          filter: "metrics.r2 >= 0.3 and params.alpha = '1'",
          orderBy: ["metrics.r2 DESC"],
        }),
      ).toEqual(["trial-7"]);
      expect(
        await names({ filter: "params.alpha IN ('0', '2') and metrics.r2 < 0.5", orderBy: ["metrics.r2"] }),
      ).toEqual(["trial-0", "trial-2", "trial-3"]);
      expect(await names({ experiments: ["grid"], filter: "tags.model LIKE 'lasso'" })).toEqual([]);
      expect((await names({ experiments: ["grid"], filter: "tags.model ILIKE 'lasso'" })).length).toBe(4);
      expect(await names({ experiments: ["grid"], filter: "run_name LIKE 'trial-_' and status = 'FAILED'" })).toEqual([
        "trial-8",
      ]);
      expect(
        await names({
          experiments: ["grid"],
          filter: "attributes.status != 'RUNNING' and tags.model NOT LIKE 'L%'",
          orderBy: ["start_time ASC"],
        }),
      ).toEqual(["trial-0", "trial-4"]);
      expect(await names({ experiments: ["other"], orderBy: ["params.solver DESC", "metrics.r2 ASC"] })).toEqual([
        "trial-11",
        "trial-10",
      ]);
      expect(
        await names({
          experiments: ["grid"],
          filter: "metrics.r2 != 0.5 and (params.solver = 'saga' or metrics.rmse <= 2)",
          orderBy: ["metrics.rmse"],
        }),
      ).toEqual(["trial-9", "trial-8", "trial-7", "trial-3", "trial-1"]);
      // Injection attempts are values like any other.
      expect(
        await names({ filter: "params.alpha = '1'' or ''1''=''1' or tags.model = 'x); drop table tracking_runs; --'" }),
      ).toEqual([]);
      const byR2 = await names({ experiments: ["grid"], orderBy: ["metrics.r2 DESC"], pageSize: 100 });
      expect(byR2).toEqual([
        "trial-9",
        "trial-8",
        "trial-7",
        "trial-6",
        "trial-5",
        "trial-3",
        "trial-2",
        "trial-1",
        "trial-0",
        "trial-4",
      ]);
      for (const size of [1, 3, 9, 10]) {
        const seen: string[] = [];
        let token: string | undefined;
        do {
          const page = await tracking.searchRuns({
            experiments: ["grid"],
            orderBy: ["metrics.r2 DESC"],
            pageSize: size,
            ...(token ? { pageToken: token } : {}),
          });
          expect(page.items.length).toBeLessThanOrEqual(size);
          seen.push(...page.items.map((r) => r.name));
          token = page.nextPageToken;
        } while (token);
        expect(seen, `page size ${size}`).toEqual(byR2);
      }
      const newest = await tracking.searchRuns({ pageSize: 2 });
      expect(newest.items.map((r) => r.name)).toEqual(["trial-11", "trial-10"]);
      expect(newest.items[0]!.metrics.r2?.value).toBe(1.1);
      await expect(tracking.searchRuns({ filter: "metrics.r2 >" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
      await expect(tracking.searchRuns({ orderBy: ["metrics.r2 sideways"] })).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
      await expect(tracking.searchRuns({ experiments: ["nope"] })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(
        tracking.searchRuns({ filter: "metrics.r2 > 0", pageToken: newest.nextPageToken! }),
      ).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
      expect(await names({ filter: `start_time > ${runs[10]!.startTime.getTime()}` })).toEqual(["trial-11"]);
    });
  });
}
