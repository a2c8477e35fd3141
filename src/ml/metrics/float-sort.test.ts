import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../core/index.js";
import { sortFloat64 } from "./float-sort.js";

describe("sortFloat64", () => {
  it("sorts like the built-in sort: negatives, zeros, ties, infinities, subnormals", () => {
    const rng = new SeededRandom(5);
    const a = new Float64Array(5000);
    for (let i = 0; i < a.length; i++) {
      const r = rng.next();
      a[i] =
        r < 0.1 ? Math.round(rng.normal() * 3) : r < 0.12 ? -0 : r < 0.13 ? 5e-324 * rng.int(4) : rng.normal() * 1e6;
    }
    a[7] = Number.POSITIVE_INFINITY;
    a[8] = Number.NEGATIVE_INFINITY;
    a[9] = Number.MAX_VALUE;
    const expected = a.slice().sort();
    const got = sortFloat64(a.slice());
    expect(Array.from(got).map(String)).toEqual(Array.from(expected).map(String));
  });

  it("works on subarray views and leaves short arrays to the built-in sort", () => {
    const base = new Float64Array(3000).map((_, i) => (i * 7919) % 3001);
    const view = base.subarray(500, 2500);
    sortFloat64(view);
    for (let i = 1; i < view.length; i++) expect(view[i]! >= view[i - 1]!).toBe(true);
    expect(base[0]).toBe(0);
    expect(Array.from(sortFloat64(Float64Array.of(3, -1, 2)))).toEqual([-1, 2, 3]);
  });
});
