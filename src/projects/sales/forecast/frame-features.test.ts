import { describe, expect, it } from "vitest";
import { computeGrowth, computeRollingMean, type SalesFrameRow } from "./frame-features.js";

const month = (k: number) => `${2020 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}-01`;

describe("computeRollingMean", () => {
  it("averages the previous months of the same item only, null until there is enough history", () => {
    // Two items interleaved and out of order: the function must group by item and sort by date.
    const df: SalesFrameRow[] = [
      { dates: "2020-03-01", item_id: "a", sales: 30 },
      { dates: "2020-01-01", item_id: "a", sales: 10 },
      { dates: "2020-01-01", item_id: "b", sales: 1000 },
      { dates: "2020-02-01", item_id: "a", sales: 20 },
      { dates: "2020-04-01", item_id: "a", sales: 40 },
      { dates: "2020-02-01", item_id: "b", sales: 2000 },
    ];
    expect(computeRollingMean(df, 2)).toEqual([15, null, null, null, 25, null]);
    expect(computeRollingMean(df, 1)).toEqual([20, null, null, 10, 30, 1000]);
    expect(() => computeRollingMean(df, 0)).toThrow(/positive integer/);
  });
});

describe("computeGrowth", () => {
  it("divides the mean of M-1..M-3 by the mean of M-13..M-15", () => {
    const df: SalesFrameRow[] = [];
    for (let k = 0; k < 17; k++) df.push({ dates: month(k), item_id: "x", sales: k < 3 ? 10 : k >= 12 ? 30 : 20 });
    const g = computeGrowth(df);
    expect(g.slice(0, 15)).toEqual(new Array(15).fill(null));
    // Month 15: M-1..M-3 = months 12..14 (30 each), M-13..M-15 = months 0..2 (10 each).
    expect(g[15]).toBe(3);
    // Month 16: months 13..15 (30) over months 1..3 (10, 10, 20).
    expect(g[16]).toBeCloseTo(30 / (40 / 3), 12);
  });

  it("is null when the year-ago quarter sold nothing", () => {
    const df: SalesFrameRow[] = [];
    for (let k = 0; k < 16; k++) df.push({ dates: month(k), item_id: "x", sales: k < 3 ? 0 : 5 });
    expect(computeGrowth(df)[15]).toBeNull();
  });
});
