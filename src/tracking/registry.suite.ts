import { describe, expect, it } from "vitest";
import type { ModelSignature } from "./entities.js";
import { type NewDatabase, type Services, servicesFactory } from "./tracking-services.suite.js";

const signature: ModelSignature = {
  inputs: [
    { name: "week", type: "integer" },
    { name: "vegetable", type: "string" },
  ],
  output: { name: "sales", type: "number" },
};

/** A finished run with a saved model (model.json + signature.json, as run.logModel writes them) and an r2. */
async function trainedRun(s: Pick<Services, "tracking">, r2: number, weights: number[]): Promise<string> {
  const run = await s.tracking.createRun({ experimentName: "sales-forecast" }, "alice");
  await s.tracking.logBatch(run.id, { params: { alpha: "1" }, metrics: [{ key: "r2", value: r2 }] });
  await s.tracking.logArtifact(run.id, "model/model.json", Buffer.from(JSON.stringify({ kind: "ridge", weights })));
  await s.tracking.logArtifact(
    run.id,
    "model/signature.json",
    Buffer.from(JSON.stringify({ signature, inputExample: [{ week: 202005, vegetable: "tomato" }] })),
  );
  await s.tracking.endRun(run.id);
  return run.id;
}

/** The conformance suite of the model registry (models, versions, aliases and their history), once per engine. */
export function registrySuite(name: string, newDatabase: NewDatabase): void {
  const open = servicesFactory(newDatabase);

  describe(`registry conformance: ${name}`, () => {
    it("registers versions from runs with their signature and metrics, numbered per model", async () => {
      const s = await open();
      const model = await s.registry.createModel(
        { name: "sales", description: "weekly sales", tags: { team: "ml" } },
        "alice",
      );
      expect(model).toMatchObject({ name: "sales", latestVersion: 0, aliases: {} });
      await expect(s.registry.createModel({ name: "sales" }, "bob")).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(s.registry.createModel({ name: "bad name" }, "bob")).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
      const runId = await trainedRun(s, 0.81, [1, 2]);
      const v1 = await s.registry.createVersion({ name: "sales", runId }, "alice");
      expect(v1).toMatchObject({
        modelName: "sales",
        version: 1,
        runId,
        artifactPath: "model/model.json",
        signature,
        inputExample: [{ week: 202005, vegetable: "tomato" }],
        metrics: { r2: 0.81 },
        createdBy: "alice",
      });
      const v2 = await s.registry.createVersion(
        {
          name: "sales",
          runId,
          metrics: { r2: 0.5 },
          description: "explicit",
          signature: { inputs: [{ name: "x", type: "number" }], output: { type: "number" } },
        },
        "bob",
      );
      expect(v2).toMatchObject({
        version: 2,
        metrics: { r2: 0.5 },
        description: "explicit",
        signature: { inputs: [{ name: "x" }] },
      });
      expect((await s.registry.readModel("sales", 1)).bytes.toString()).toBe('{"kind":"ridge","weights":[1,2]}');
      await expect(
        s.registry.createVersion({ name: "sales", runId, artifactPath: "nope.json" }, "a"),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(s.registry.createVersion({ name: "other", runId }, "a")).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(
        s.registry.createVersion(
          { name: "sales", runId, signature: { inputs: [], output: { type: "tensor" } } as never },
          "a",
        ),
      ).rejects.toMatchObject({ code: "INVALID_INPUT" });
      const versions = await s.registry.listVersions("sales", { pageSize: 1 });
      expect(versions.items.map((v) => v.version)).toEqual([2]);
      const older = await s.registry.listVersions("sales", { pageSize: 1, pageToken: versions.nextPageToken! });
      expect(older.items.map((v) => v.version)).toEqual([1]);
      expect(older.nextPageToken).toBeUndefined();
      expect((await s.registry.getModel("sales")).latestVersion).toBe(2);
      await s.registry.createModel({ name: "churn" }, "a");
      expect((await s.registry.listModels()).items.map((m) => m.name)).toEqual(["churn", "sales"]);
    });

    it("moves aliases with who, when and why; resolves the past; rolls back; protects aliased versions", async () => {
      const s = await open();
      const { registry, clock } = s;
      await registry.createModel({ name: "sales" }, "alice");
      const runId = await trainedRun(s, 0.8, [1]);
      for (let i = 0; i < 3; i++) await registry.createVersion({ name: "sales", runId }, "alice");
      clock.set("2026-03-03T14:00:00Z");
      const first = await registry.setAlias("sales", "production", 1, "first model", "alice");
      expect(first).toMatchObject({ fromVersion: null, toVersion: 1, movedBy: "alice", reason: "first model", seq: 1 });
      clock.set("2026-03-05T10:00:00Z");
      await registry.setAlias("sales", "production", 2, "better r2", "bob");
      expect(await registry.setAlias("sales", "production", 2, "again", "bob")).toBeUndefined();
      clock.set("2026-03-06T08:00:00Z");
      await registry.setAlias("sales", "production", 1, "rollback: v2 drifts", "carol");
      await registry.setAlias("sales", "staging", 3, "", "bob");
      expect((await registry.getModel("sales")).aliases).toEqual({ production: 1, staging: 3 });
      expect((await registry.getVersion("sales", 3)).aliases).toEqual(["staging"]);
      const history = await registry.aliasHistory("sales", "production");
      expect(
        history.items.map((m) => [m.fromVersion, m.toVersion, m.movedBy, m.reason, m.movedAt.toISOString()]),
      ).toEqual([
        [null, 1, "alice", "first model", "2026-03-03T14:00:00.000Z"],
        [1, 2, "bob", "better r2", "2026-03-05T10:00:00.000Z"],
        [2, 1, "carol", "rollback: v2 drifts", "2026-03-06T08:00:00.000Z"],
      ]);
      const at = async (when: string) => (await registry.resolve("sales", "production", new Date(when))).version;
      expect(await at("2026-03-03T14:00:00Z")).toBe(1);
      expect(await at("2026-03-04T12:00:00Z")).toBe(1);
      expect(await at("2026-03-05T10:00:00Z")).toBe(2);
      expect(await at("2026-03-05T23:59:59Z")).toBe(2);
      expect(await at("2026-03-07T00:00:00Z")).toBe(1);
      const now = await registry.resolve("sales", "production");
      expect(now).toMatchObject({ version: 1, move: { movedBy: "carol" }, modelVersion: { version: 1 } });
      await expect(registry.resolve("sales", "production", "2026-03-01T00:00:00Z")).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(registry.resolve("sales", "canary")).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(registry.resolve("sales", "production", "whenever")).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
      await expect(registry.deleteVersion("sales", 1)).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringMatching(/production/),
      });
      await expect(registry.deleteVersion("sales", 3)).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(registry.setAlias("sales", "production", 9, "", "x")).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(registry.setAlias("sales", "bad alias", 1, "", "x")).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
      await registry.deleteVersion("sales", 2);
      await expect(registry.getVersion("sales", 2)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await registry.resolve("sales", "production", "2026-03-05T12:00:00Z")).toMatchObject({
        version: 2,
        modelVersion: null,
      });
      clock.set("2026-03-07T09:00:00Z");
      await registry.deleteAlias("sales", "staging", "retired", "bob");
      await expect(registry.resolve("sales", "staging")).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await registry.resolve("sales", "staging", "2026-03-07T08:00:00Z")).version).toBe(3);
      await registry.deleteVersion("sales", 3);
      await expect(registry.deleteModel("sales")).rejects.toMatchObject({ code: "CONFLICT" });
      await registry.deleteAlias("sales", "production", "model retired", "bob");
      await registry.deleteModel("sales");
      await expect(registry.getModel("sales")).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("gives distinct version numbers to parallel registrations from two clients", async () => {
      const s = await open();
      const other = await s.second();
      await s.registry.createModel({ name: "m" }, "a");
      const runId = await trainedRun(s, 0.5, [0]);
      const created = await Promise.all(
        Array.from({ length: 24 }, (_, i) => (i % 2 ? other : s).registry.createVersion({ name: "m", runId }, `c${i}`)),
      );
      expect(created.map((v) => v.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      expect((await s.registry.getModel("m")).latestVersion).toBe(24);
    });

    it("never leaves two versions behind one alias under parallel moves from two clients, and records each move", async () => {
      const s = await open();
      const other = await s.second();
      await s.registry.createModel({ name: "m" }, "a");
      const runId = await trainedRun(s, 0.5, [0]);
      for (let i = 0; i < 5; i++) await s.registry.createVersion({ name: "m", runId }, "a");
      const moves = Array.from({ length: 40 }, (_, i) => ({
        client: i % 2 ? other : s,
        version: (i % 5) + 1,
        by: `client-${i % 2}`,
      }));
      await Promise.all(
        moves.map((m, i) => m.client.registry.setAlias("m", "production", m.version, `move ${i}`, m.by)),
      );
      const model = await s.registry.getModel("m");
      expect(Object.keys(model.aliases)).toEqual(["production"]);
      const history = await s.registry.aliasHistory("m", "production", { pageSize: 1000 });
      // A chain: each move starts where the previous one ended, and the last one is where the alias is.
      history.items.forEach((move, i) => {
        expect(move.seq).toBe(i + 1);
        expect(move.fromVersion).toBe(i === 0 ? null : history.items[i - 1]!.toVersion);
        expect(move.toVersion).not.toBe(move.fromVersion);
      });
      expect(history.items.at(-1)!.toVersion).toBe(model.aliases.production);
      const behind = await Promise.all([1, 2, 3, 4, 5].map((v) => s.registry.getVersion("m", v)));
      expect(behind.filter((v) => v.aliases.includes("production"))).toHaveLength(1);
    });
  });
}
