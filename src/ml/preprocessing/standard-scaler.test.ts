import { describe, expect, it } from "vitest";
import { checkEstimator } from "../check-estimator.suite.js";
import { Matrix } from "../matrix.js";
import { StandardScaler } from "./standard-scaler.js";

const X = Matrix.fromRows([
  [1, 10, 5],
  [2, 20, 5],
  [3, 30, 5],
  [4, 50, 5],
  [6, 70, 5],
]);

checkEstimator("StandardScaler", () => new StandardScaler(), { X });

describe("StandardScaler", () => {
  it("centres and scales by the population standard deviation; constant columns scale by 1", () => {
    const s = new StandardScaler().fit(X);
    expect(Array.from(s.mean)).toEqual([3.2, 36, 5]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(2.96), 12);
    expect(s.scale[2]).toBe(1);
    const t = s.transform(X);
    expect(t.get(0, 0)).toBeCloseTo((1 - 3.2) / Math.sqrt(2.96), 12);
    expect(t.get(0, 2)).toBe(0);
    const back = s.inverseTransform(t);
    for (let p = 0; p < X.data.length; p++) expect(back.data[p]).toBeCloseTo(X.data[p]!, 12);
  });

  it("rejects unknown params by name", () => {
    expect(() => new StandardScaler({ withMeans: true } as never)).toThrow(/withMeans/);
  });
});
