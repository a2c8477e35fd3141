import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../core/index.js";
import { type Database, migrateToLatest, openDatabase } from "../store/index.js";
import { ModelMetrics } from "./model-metrics.js";
import { PredictionLog } from "./prediction-log.js";
import { predictionLogMigrations } from "./prediction-log-tables.js";
import type { LoggedRequest } from "./prediction-record.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);

/** A request of `records` records (one by default). */
const row = (i: number, timestamp = T0, records = 1): LoggedRequest => ({
  requestId: `r${i}`,
  modelName: "m",
  modelVersion: 1,
  alias: "production",
  arm: "main",
  principal: null,
  latencyMs: 0.1,
  timestamp,
  firstIndex: 0,
  inputs: Array.from({ length: records }, (_, k) => ({ x: i, k })),
  predictions: Array.from({ length: records }, (_, k) => i + k),
  probabilities: null,
});

let database: Database;
let log: PredictionLog | undefined;
async function open(options: ConstructorParameters<typeof PredictionLog>[1]): Promise<PredictionLog> {
  database = await openDatabase("sqlite::memory:");
  await migrateToLatest(database, predictionLogMigrations);
  log = new PredictionLog(database, options);
  return log;
}
afterEach(async () => {
  await log?.close();
  await database.close();
  log = undefined;
});

describe("PredictionLog (the bounded write queue)", () => {
  it("writes off the request path: record returns at once, rows land within the flush interval", async () => {
    const q = await open({ flushMs: 20 });
    for (let i = 0; i < 10; i++) expect(q.record(row(i))).toBe(1);
    expect(q.depth).toBe(10);
    expect(await q.repository.count()).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(q.depth).toBe(0);
    expect(await q.repository.count()).toBe(10);
    expect(q.written).toBe(10);
  });

  it("writes a request of many records in bounded transactions, every row with its index", async () => {
    const q = await open({ flushMs: 60_000, flushRows: 100 });
    q.record(row(1, T0, 250));
    q.record(row(2, T0, 3));
    await q.flush();
    expect(await q.repository.count()).toBe(253);
    const page = await q.list({}, { pageSize: 1000 });
    expect(page.items.filter((r) => r.requestId === "r1").map((r) => r.index)).toEqual(
      Array.from({ length: 250 }, (_, k) => k),
    );
    expect(page.items.find((r) => r.requestId === "r1" && r.index === 137)).toMatchObject({
      inputs: { x: 1, k: 137 },
      outputs: { prediction: 138 },
    });
  });

  it("writes at once when a full INSERT's worth waits, without waiting for the timer", async () => {
    const q = await open({ flushMs: 60_000, flushRows: 100 });
    for (let i = 0; i < 250; i++) q.record(row(i));
    await new Promise((r) => setTimeout(r, 50));
    expect(await q.repository.count()).toBe(250);
  });

  it("drops and counts rows beyond its capacity, never blocking nor throwing", async () => {
    const q = await open({ flushMs: 60_000, capacity: 5 });
    const metrics = new ModelMetrics(q);
    const { Registry } = await import("prom-client");
    const registry = new Registry();
    metrics.registerInto(registry);
    const accepted = Array.from({ length: 8 }, (_, i) => q.record(row(i)));
    expect(accepted).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
    expect(q.dropped).toEqual({ full: 3, error: 0 });
    const text = await registry.metrics();
    expect(text).toMatch(/prediction_log_queue_depth 5/);
    expect(text).toMatch(/prediction_log_dropped_total\{reason="full"\} 3/);
    await q.flush();
    expect(await q.repository.count()).toBe(5);
    expect(q.record(row(99))).toBe(1);
    // A request larger than the room left: the records that fit are kept, the others dropped and counted.
    expect(q.record(row(100, T0, 9))).toBe(4);
    expect(q.dropped).toEqual({ full: 8, error: 0 });
    await q.flush();
    const kept = await q.list({}, { pageSize: 100 });
    expect(kept.items.filter((r) => r.requestId === "r100").map((r) => r.index)).toEqual([0, 1, 2, 3]);
  });

  it("close writes every queued row (graceful shutdown), then refuses new ones", async () => {
    const q = await open({ flushMs: 60_000 });
    for (let i = 0; i < 700; i++) q.record(row(i));
    await q.close();
    expect(await q.repository.count()).toBe(700);
    expect(q.record(row(1))).toBe(0);
  });

  it("keeps rows queued while the store fails, and writes them once it is back", async () => {
    const q = await open({ flushMs: 10 });
    const insert = q.repository.insert.bind(q.repository);
    let failures = 3;
    q.repository.insert = async (rows) => {
      if (failures-- > 0) throw new Error("store down");
      return insert(rows);
    };
    for (let i = 0; i < 20; i++) q.record(row(i));
    await new Promise((r) => setTimeout(r, 150));
    expect(await q.repository.count()).toBe(20);
    expect(q.dropped).toEqual({ full: 0, error: 0 });
  });

  it("deletes rows past the retention period in bounded batches, and nothing when retention is off", async () => {
    const clock = new ManualClock(T0 + 10 * DAY);
    const q = await open({ flushMs: 60_000, retentionDays: 3, retentionBatch: 4, clock });
    for (let i = 0; i < 11; i++) q.record(row(i, T0 + i * DAY));
    await q.flush();
    // Older than day 7: days 0-6 go, in batches of 4.
    const deletes: number[] = [];
    const del = q.repository.deleteOlderThan.bind(q.repository);
    q.repository.deleteOlderThan = async (before, limit) => {
      const n = await del(before, limit);
      deletes.push(n);
      return n;
    };
    expect(await q.applyRetention()).toBe(7);
    expect(deletes).toEqual([4, 3]);
    expect(await q.repository.count()).toBe(4);
    const keep = new PredictionLog(database, { flushMs: 60_000 });
    expect(await keep.applyRetention()).toBe(0);
    await keep.close();
  });

  it("writes through a worker thread with its own connection when the store is a file", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "atelier-log-")), "log.db");
    const onDisk = await openDatabase(`sqlite:${file}`);
    await migrateToLatest(onDisk, predictionLogMigrations);
    const threaded = new PredictionLog(onDisk, { flushMs: 10 });
    try {
      for (let i = 0; i < 1234; i++) threaded.record(row(i));
      await threaded.flush();
      expect(threaded.depth).toBe(0);
      expect(await threaded.repository.count()).toBe(1234);
      expect((await threaded.list({}, { pageSize: 1 })).items[0]).toMatchObject({ requestId: "r0", inputs: { x: 0 } });
    } finally {
      await threaded.close();
      await onDisk.close();
    }
  });

  it("keeps rows queued (not dropped) while its writer thread cannot reach the store", async () => {
    const local = await openDatabase("sqlite::memory:");
    const unreachable = { ...local, url: "postgres://atelier:x@127.0.0.1:1/nowhere" };
    const q = new PredictionLog(unreachable, { flushMs: 10, writer: "thread" });
    for (let i = 0; i < 30; i++) q.record(row(i));
    await new Promise((r) => setTimeout(r, 300));
    expect(q.depth).toBe(30);
    expect(q.dropped).toEqual({ full: 0, error: 0 });
    await q.close();
    expect(q.dropped).toEqual({ full: 0, error: 30 });
    await local.close();
  });
});
