import { describe, expect, it } from "vitest";
import type { LoggedRequest } from "./prediction-record.js";
import { RowQueue } from "./row-queue.js";

const request = (id: string, n: number): LoggedRequest => ({
  requestId: id,
  modelName: "m",
  modelVersion: 1,
  alias: null,
  arm: "main",
  principal: null,
  latencyMs: 1,
  timestamp: 0,
  firstIndex: 0,
  inputs: Array.from({ length: n }, (_, i) => ({ i })),
  predictions: Array.from({ length: n }, (_, i) => i),
  probabilities: Array.from({ length: n }, () => [0.5, 0.5]),
});

const shape = (rs: LoggedRequest[]) => rs.map((r) => [r.requestId, r.firstIndex, r.inputs.length, r.predictions[0]]);

describe("RowQueue", () => {
  it("counts rows, takes at most a number of rows and splits a request that does not fit", () => {
    const q = new RowQueue();
    q.push(request("a", 3));
    q.push(request("b", 10));
    q.push(request("c", 1));
    expect(q.rows).toBe(14);
    expect(shape(q.take(5))).toEqual([
      ["a", 0, 3, 0],
      ["b", 0, 2, 0],
    ]);
    expect(shape(q.take(5))).toEqual([["b", 2, 5, 2]]);
    expect(q.rows).toBe(4);
    const rest = q.take(100);
    expect(shape(rest)).toEqual([
      ["b", 7, 3, 7],
      ["c", 0, 1, 0],
    ]);
    expect(rest[0]!.probabilities).toHaveLength(3);
    q.unshift(rest);
    expect(q.rows).toBe(4);
    expect(shape(q.take(1))).toEqual([["b", 7, 1, 7]]);
    expect(q.clear()).toBe(3);
    expect(q.take(10)).toEqual([]);
  });
});
