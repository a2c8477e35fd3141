import { describe, expect, it } from "vitest";
import { MicroBatcher } from "./micro-batcher.js";

type Row = Readonly<Record<string, unknown>>;

function doubler(calls: number[][]) {
  return (records: readonly Row[]) => {
    const xs = records.map((r) => r.x as number);
    calls.push(xs);
    if (xs.includes(-1)) throw new Error("bad record");
    return { predictions: xs.map((x) => x * 2), probabilities: xs.map((x) => [1 - x / 100, x / 100]) };
  };
}

describe("MicroBatcher", () => {
  it("predicts what arrives in one event-loop turn in one call, and answers each caller its own row", async () => {
    const calls: number[][] = [];
    const batcher = new MicroBatcher(doubler(calls), 32, 0);
    const answers = await Promise.all([1, 2, 3, 4, 5].map((x) => batcher.submit({ x })));
    expect(calls).toEqual([[1, 2, 3, 4, 5]]);
    expect(answers.map((a) => a.prediction)).toEqual([2, 4, 6, 8, 10]);
    expect(answers[2]!.probabilities).toEqual([0.97, 0.03]);
  });

  it("never lets a batch grow past maxBatch", async () => {
    const calls: number[][] = [];
    const batcher = new MicroBatcher(doubler(calls), 4, 0);
    await Promise.all(Array.from({ length: 10 }, (_, x) => batcher.submit({ x })));
    expect(calls.map((c) => c.length)).toEqual([4, 4, 2]);
  });

  it("waits up to maxWaitMs for more records when asked to", async () => {
    const calls: number[][] = [];
    const batcher = new MicroBatcher(doubler(calls), 32, 30);
    const first = batcher.submit({ x: 1 });
    await new Promise((r) => setTimeout(r, 5));
    const second = batcher.submit({ x: 2 });
    await Promise.all([first, second]);
    expect(calls).toEqual([[1, 2]]);
  });

  it("fails only the bad record's request when a batch fails", async () => {
    const calls: number[][] = [];
    const batcher = new MicroBatcher(doubler(calls), 32, 0);
    const results = await Promise.allSettled([1, -1, 3].map((x) => batcher.submit({ x })));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(calls).toEqual([[1, -1, 3], [1], [-1], [3]]);
  });
});
