import { describe, expect, it } from "vitest";
import type { Database } from "../store/index.js";
import { INSERT_CHUNK, PredictionLogRepository } from "./prediction-log-repository.js";
import type { NewPrediction } from "./prediction-record.js";

const T0 = Date.UTC(2026, 2, 1);

function prediction(i: number, patch: Partial<NewPrediction> = {}): NewPrediction {
  return {
    requestId: `r${Math.floor(i / 2)}`,
    index: i % 2,
    modelName: i % 3 === 2 ? "churn" : "attrition",
    modelVersion: 1 + (i % 2),
    alias: "production",
    arm: "main",
    principal: "hr-scorer",
    inputs: { age: 30 + i, dept: "Sales", note: 'with "quotes", commas\nand lines' },
    prediction: i % 2,
    probabilities: [0.5 - i / 1000, 0.5 + i / 1000],
    latencyMs: 0.25 + i,
    timestamp: T0 + i * 1000,
    ...patch,
  };
}

/**
 * The conformance suite of the prediction log's SQL repository, run on SQLite and on PostgreSQL. `open` gives an
 * empty, migrated database.
 */
export function predictionLogRepositorySuite(name: string, open: () => Promise<Database>): void {
  describe(`PredictionLogRepository conformance: ${name}`, () => {
    it("stores predictions and pages them in (timestamp, id) order with every field intact", async () => {
      const repo = new PredictionLogRepository(await open());
      // Inserted out of time order: pages still come oldest first.
      await repo.insert([prediction(3), prediction(0), prediction(1), prediction(2), prediction(4)]);
      const first = await repo.list({}, 2);
      expect(first.items.map((r) => r.timestamp.getTime())).toEqual([T0, T0 + 1000]);
      expect(first.nextPageToken).toBeDefined();
      expect(first.items[0]).toEqual({
        id: expect.any(Number),
        requestId: "r0",
        index: 0,
        modelName: "attrition",
        modelVersion: 1,
        alias: "production",
        arm: "main",
        principal: "hr-scorer",
        inputs: prediction(0).inputs,
        outputs: { prediction: 0, probabilities: [0.5, 0.5] },
        latencyMs: 0.25,
        timestamp: new Date(T0),
        feedbackLabel: null,
        feedbackAt: null,
      });
      const second = await repo.list({}, 2, first.nextPageToken);
      const third = await repo.list({}, 2, second.nextPageToken);
      expect([...second.items, ...third.items].map((r) => r.timestamp.getTime() - T0)).toEqual([2000, 3000, 4000]);
      expect(third.nextPageToken).toBeUndefined();
      await expect(repo.list({}, 2, "garbage")).rejects.toMatchObject({ code: "INVALID_INPUT" });
    });

    it("filters by model, version and time range; keeps predictions of equal timestamps apart by id", async () => {
      const repo = new PredictionLogRepository(await open());
      const rows = Array.from({ length: 30 }, (_, i) => prediction(i));
      // Ten more at one instant: the id breaks the tie, so paging neither skips nor repeats them.
      rows.push(
        ...Array.from({ length: 10 }, (_, i) => prediction(100 + i, { timestamp: T0 + 5500, modelName: "tie" })),
      );
      await repo.insert(rows);
      expect(await repo.count()).toBe(40);
      expect(await repo.count({ model: "churn" })).toBe(10);
      expect(await repo.count({ model: "attrition", version: 2 })).toBe(10);
      expect(await repo.count({ from: T0 + 10_000, to: T0 + 20_000 })).toBe(10);
      const seen: number[] = [];
      let token: string | undefined;
      do {
        const page = await repo.list({ model: "tie" }, 3, token);
        seen.push(...page.items.map((r) => r.id));
        token = page.nextPageToken;
      } while (token);
      expect(seen).toHaveLength(10);
      expect(new Set(seen).size).toBe(10);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      const window = await repo.list({ model: "attrition", from: T0 + 3000, to: T0 + 9000 }, 100);
      expect(window.items.map((r) => (r.timestamp.getTime() - T0) / 1000)).toEqual([3, 4, 6, 7]);
    });

    it("inserts more than one statement's worth in one call", async () => {
      const repo = new PredictionLogRepository(await open());
      await repo.insert(Array.from({ length: INSERT_CHUNK * 2 + 7 }, (_, i) => prediction(i)));
      expect(await repo.count()).toBe(INSERT_CHUNK * 2 + 7);
    });

    it("attaches ground truth by request id to every arm of one record, and computes live metrics", async () => {
      const repo = new PredictionLogRepository(await open());
      await repo.insert([
        prediction(0, { requestId: "a", index: 0, prediction: 1, modelVersion: 1 }),
        prediction(1, { requestId: "a", index: 0, prediction: 0, modelVersion: 2, arm: "shadow", alias: "challenger" }),
        prediction(2, { requestId: "b", index: 0, prediction: 1, modelVersion: 1, modelName: "attrition" }),
        prediction(3, { requestId: "b", index: 1, prediction: 0, modelVersion: 1 }),
        prediction(4, { requestId: "c", index: 0, prediction: "left", probabilities: null, modelVersion: 3 }),
        prediction(5, {
          requestId: "r",
          index: 0,
          modelName: "sales",
          prediction: 10.5,
          probabilities: null,
          modelVersion: 1,
        }),
        prediction(6, {
          requestId: "s",
          index: 0,
          modelName: "sales",
          prediction: 20,
          probabilities: null,
          modelVersion: 1,
        }),
      ]);
      expect(await repo.attachFeedback("a", undefined, 1, T0 + 60_000)).toEqual({ index: 0, updated: 2 });
      await expect(repo.attachFeedback("b", undefined, 1, T0)).rejects.toMatchObject({
        code: "INVALID_INPUT",
        details: [{ field: "index", reason: expect.stringMatching(/2 records/) }],
      });
      expect(await repo.attachFeedback("b", 1, 1, T0)).toEqual({ index: 1, updated: 1 });
      await expect(repo.attachFeedback("b", 5, 1, T0)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(repo.attachFeedback("zzz", 0, 1, T0)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await repo.attachFeedback("c", 0, "left", T0);
      await expect(repo.attachFeedback("r", 0, "high", T0)).rejects.toMatchObject({ code: "INVALID_INPUT" });
      await repo.attachFeedback("r", 0, 12, T0);
      await repo.attachFeedback("s", 0, 17, T0);
      const page = await repo.list({ model: "attrition" }, 10);
      expect(page.items.find((r) => r.requestId === "a" && r.arm === "main")).toMatchObject({
        feedbackLabel: 1,
        feedbackAt: new Date(T0 + 60_000),
      });
      expect(await repo.liveMetrics("attrition")).toEqual([
        { version: 1, predictions: 3, labelled: 2, accuracy: 0.5 },
        { version: 2, predictions: 1, labelled: 1, accuracy: 0 },
        { version: 3, predictions: 1, labelled: 1, accuracy: 1 },
      ]);
      expect(await repo.liveMetrics("sales")).toEqual([{ version: 1, predictions: 2, labelled: 2, mae: 2.25 }]);
      expect(await repo.liveMetrics("nothing")).toEqual([]);
    });

    it("deletes old predictions in bounded statements, oldest first", async () => {
      const repo = new PredictionLogRepository(await open());
      await repo.insert(Array.from({ length: 25 }, (_, i) => prediction(i)));
      expect(await repo.deleteOlderThan(T0 + 20_000, 8)).toBe(8);
      expect(await repo.deleteOlderThan(T0 + 20_000, 8)).toBe(8);
      expect(await repo.deleteOlderThan(T0 + 20_000, 8)).toBe(4);
      expect(await repo.deleteOlderThan(T0 + 20_000, 8)).toBe(0);
      const left = await repo.list({}, 100);
      expect(left.items.map((r) => (r.timestamp.getTime() - T0) / 1000)).toEqual([20, 21, 22, 23, 24]);
    });
  });
}
