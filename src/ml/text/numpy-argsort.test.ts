import { describe, expect, it } from "vitest";
import { numpyArgsort } from "./numpy-argsort.js";

// Outputs of numpy 1.24's `v.argsort()` (default quicksort) on arrays full of ties.
const CASES: [number[], number[]][] = [
  [
    [
      -3, -2, -3, -3, -2, -3, -3, -1, -1, -1, -1, -3, -3, -1, -2, -3, -1, -3, -1, -2, -3, -1, -2, -1, -3, -1, -3, -2,
      -2, -2, -2, -2, -2, -3, -3, -3, -3, -2, -2, -3,
    ],
    [
      0, 36, 35, 34, 33, 26, 24, 20, 17, 15, 12, 39, 5, 11, 2, 3, 6, 19, 27, 30, 22, 32, 28, 38, 4, 1, 14, 37, 31, 29,
      10, 21, 7, 18, 8, 16, 9, 13, 23, 25,
    ],
  ],
  [
    [
      -3, -2, -5, -1, -5, -4, -1, -1, -3, -1, -1, -3, -5, -3, -5, -5, -5, -4, -3, -3, -2, -3, -2, -2, -5, -1, -1, -1,
      -5, -4, -5, -2, -4, -2, -3, -1, -4, -5, -4, -1, -3, -2, -5, -5, -1, -3, -5, -5, -4, -4, -1, -4, -3, -1, -2, -3,
      -4, -3, -4, -5, -4, -2, -4, -3,
    ],
    [
      16, 15, 14, 43, 12, 42, 24, 46, 37, 30, 4, 59, 2, 28, 47, 38, 29, 62, 36, 17, 32, 49, 51, 56, 58, 5, 60, 48, 45,
      52, 40, 55, 57, 0, 63, 13, 8, 11, 34, 18, 19, 21, 61, 1, 54, 20, 31, 22, 23, 41, 33, 27, 3, 6, 7, 26, 9, 39, 53,
      10, 25, 50, 44, 35,
    ],
  ],
  [
    [-1, -1, -2, -1, -2, -1, -1, -1, -1, -2, -1, -1, -2, -2, -1, -2, -1],
    [2, 13, 4, 12, 15, 9, 0, 14, 11, 10, 8, 6, 5, 3, 1, 7, 16],
  ],
];

describe("numpyArgsort", () => {
  it("breaks ties exactly like numpy's default (unstable) quicksort", () => {
    for (const [v, order] of CASES) expect(Array.from(numpyArgsort(v))).toEqual(order);
  });

  it("sorts large arrays, including already sorted and reversed ones", () => {
    for (const v of [
      Array.from({ length: 5000 }, (_, i) => i),
      Array.from({ length: 5000 }, (_, i) => -i),
      Array.from({ length: 5000 }, (_, i) => (i * 7919) % 101),
    ]) {
      const order = numpyArgsort(v);
      for (let k = 1; k < order.length; k++) expect(v[order[k]!]!).toBeGreaterThanOrEqual(v[order[k - 1]!]!);
      expect(new Set(order).size).toBe(v.length);
    }
  });
});
