import { describe, expect, it } from "vitest";
import { loadDataset, readFixture } from "../../../test/fixtures/datasets.js";
import { AppError } from "../../core/index.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { Frame } from "../frame.js";
import { Matrix } from "../matrix.js";
import { MinMaxScaler } from "./min-max-scaler.js";

interface MinMaxCase {
  dataset: "iris" | "wine";
  params: { featureRange?: [number, number]; clip?: boolean };
  dataMin: number[];
  dataMax: number[];
  scale: number[];
  min: number[];
  transform: number[][];
  beyond: number[][];
  transformBeyond: number[][];
}

const fx = readFixture<{ minMax: MinMaxCase[] }>("sklearn/preprocessing.json");

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let k = 0; k < a.length; k++)
    worst = Math.max(worst, Math.abs(a[k]! - b[k]!) / Math.max(Math.abs(b[k]!), 1e-12));
  return worst;
}

const X = Matrix.fromRows([
  [1, -10, 5],
  [2, 20, 5],
  [3, 30, 5],
  [4, 50, 5],
  [6, 70, 5],
]);

checkEstimator("MinMaxScaler", () => new MinMaxScaler(), { X });
checkEstimator("MinMaxScaler (range, clip, Frame)", () => new MinMaxScaler({ featureRange: [-1, 1], clip: true }), {
  X: new Frame({ a: [1, 2, 3, 4], b: [10, 0, 5, 7] }),
  Xtest: new Frame({ b: [20, -5], a: [0, 9] }),
});

describe("MinMaxScaler", () => {
  for (const c of fx.minMax) {
    it(`matches scikit-learn on ${c.dataset} ${JSON.stringify(c.params)} (1e-6 relative)`, () => {
      const data = loadDataset(c.dataset).X;
      const s = new MinMaxScaler(c.params).fit(data);
      expect(maxRelDiff(s.dataMin, c.dataMin)).toBe(0);
      expect(maxRelDiff(s.dataMax, c.dataMax)).toBe(0);
      expect(maxRelDiff(s.scale, c.scale)).toBeLessThan(1e-12);
      expect(maxRelDiff(s.min, c.min)).toBeLessThan(1e-12);
      expect(maxRelDiff(s.transform(data).data, c.transform.flat())).toBeLessThan(1e-6);
      const beyond = Matrix.fromRows(c.beyond);
      expect(maxRelDiff(s.transform(beyond).data, c.transformBeyond.flat())).toBeLessThan(1e-6);
    });
  }

  it("maps each column onto [0, 1]; a constant column goes to the range minimum; inverse restores", () => {
    const s = new MinMaxScaler().fit(X);
    const t = s.transform(X);
    for (const [i, v] of [0, 0.2, 0.4, 0.6, 1].entries()) expect(t.get(i, 0)).toBeCloseTo(v, 14);
    expect(Array.from(t.column(2))).toEqual([0, 0, 0, 0, 0]);
    const back = s.inverseTransform(t);
    for (let p = 0; p < X.data.length; p++) expect(back.data[p]).toBeCloseTo(X.data[p]!, 12);
  });

  it("reads a Frame by the column names seen at fit and names its outputs after them", () => {
    const s = new MinMaxScaler().fit(new Frame({ a: [0, 10], b: [0, 2] }));
    expect(s.transform(new Frame({ b: [1], a: [5] })).toArrays()).toEqual([[0.5, 0.5]]);
    expect(s.getFeatureNamesOut()).toEqual(["a", "b"]);
    expect(new MinMaxScaler().fit(X).getFeatureNamesOut()).toEqual(["x0", "x1", "x2"]);
  });

  it("rejects an empty range", () => {
    expect(() => new MinMaxScaler({ featureRange: [1, 1] })).toThrow(AppError);
  });
});
