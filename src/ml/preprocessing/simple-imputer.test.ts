import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/datasets.js";
import { AppError } from "../../core/index.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { type Cell, Frame } from "../frame.js";
import { Matrix } from "../matrix.js";
import { OneHotEncoder } from "./one-hot-encoder.js";
import { SimpleImputer, type SimpleImputerParams } from "./simple-imputer.js";

interface Fixture {
  table: { train: Record<string, Cell[]>; test: Record<string, Cell[]> };
  imputers: {
    numeric: { params: Partial<SimpleImputerParams>; statistics: (number | null)[]; transformTest: number[][] }[];
    strings: { params: Partial<SimpleImputerParams>; columns: string[]; statistics: Cell[]; transformTest: Cell[][] }[];
  };
}

const fx = readFixture<Fixture>("sklearn/preprocessing.json");

/** rating, price and an all-missing column, as the fixture script builds them. */
function numeric(part: Record<string, Cell[]>): Matrix {
  const n = part.rating!.length;
  return Matrix.fromRows(
    Array.from({ length: n }, (_, i) => [part.rating![i] ?? Number.NaN, part.price![i] ?? Number.NaN, Number.NaN]),
  );
}

function expectInvalid(fn: () => unknown, message?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe("INVALID_INPUT");
  if (message) expect((caught as AppError).message).toMatch(message);
}

const Xnum = Matrix.fromRows([
  [1, 2],
  [Number.NaN, 4],
  [7, Number.NaN],
  [1, 8],
  [3, 2],
]);

checkEstimator(
  "SimpleImputer (matrix)",
  () => new SimpleImputer(),
  { X: Xnum },
  {
    skip: { nanInput: "NaN is what it imputes" },
  },
);
checkEstimator("SimpleImputer (Frame of strings)", () => new SimpleImputer({ strategy: "most_frequent" }), {
  X: new Frame({ color: ["red", null, "blue", "red"], n: [1, 2, null, 2] }),
});

describe("SimpleImputer matches scikit-learn 1.2", () => {
  const train = numeric(fx.table.train);
  const test = numeric(fx.table.test);
  for (const c of fx.imputers.numeric) {
    it(`numbers: ${JSON.stringify(c.params)}`, () => {
      const imp = new SimpleImputer(c.params).fit(train);
      const stats = imp.statistics;
      c.statistics.forEach((s, j) => {
        if (s === null) expect(stats[j]).toBeNull();
        else expect(Math.abs((stats[j] as number) - s)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(s)));
      });
      const out = imp.transform(test) as Matrix;
      const expected = c.transformTest;
      expect([out.rows, out.cols]).toEqual([expected.length, expected[0]!.length]);
      for (const [i, row] of expected.entries()) {
        for (const [j, v] of row.entries()) {
          expect(Math.abs(out.get(i, j) - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
        }
      }
    });
  }
  for (const c of fx.imputers.strings) {
    it(`strings: ${JSON.stringify(c.params)}`, () => {
      const frame = new Frame(fx.table.train).select(c.columns);
      const imp = new SimpleImputer(c.params).fit(frame);
      expect(imp.statistics).toEqual(c.statistics);
      const out = imp.transform(new Frame(fx.table.test).select(c.columns)) as Frame;
      expect(out).toBeInstanceOf(Frame);
      expect(out.columns).toEqual(c.columns);
      const rows = Array.from({ length: out.length }, (_, i) => c.columns.map((n) => out.column(n)[i]));
      expect(rows).toEqual(c.transformTest);
    });
  }
});

describe("SimpleImputer", () => {
  it("drops all-missing columns unless keepEmptyFeatures, and names its outputs", () => {
    const X = new Frame({ a: [1, null, 3], empty: [null, null, null], b: [null, 5, 5] });
    const imp = new SimpleImputer().fit(X);
    expect((imp.transform(X) as Matrix).toArrays()).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
    ]);
    expect(imp.getFeatureNamesOut()).toEqual(["a", "b"]);
    const keep = new SimpleImputer({ keepEmptyFeatures: true }).fit(X);
    expect((keep.transform(X) as Matrix).toArrays()[0]).toEqual([1, 0, 5]);
  });

  it("most_frequent breaks ties towards the smallest value", () => {
    const imp = new SimpleImputer({ strategy: "most_frequent" }).fit(
      new Frame({ s: ["b", "a", "b", "a", null], n: [3, 2, 3, 2, null] }),
    );
    expect(imp.statistics).toEqual(["a", 2]);
  });

  it("feeds a OneHotEncoder: string Frame in, Frame out", () => {
    const X = new Frame({ city: ["Paris", null, "Lyon", "Paris"] });
    const filled = new SimpleImputer({ strategy: "constant" }).fitTransform(X);
    expect(filled).toBeInstanceOf(Frame);
    const enc = new OneHotEncoder().fit(filled);
    expect(enc.getFeatureNamesOut()).toEqual(["city_Lyon", "city_Paris", "city_missing_value"]);
  });

  it("rejects mean / median on strings and a string fill for numbers", () => {
    expectInvalid(() => new SimpleImputer().fit(new Frame({ s: ["a", null] })), /mean strategy with non-numeric/);
    expectInvalid(() => new SimpleImputer({ strategy: "constant", fillValue: "x" }).fit(Xnum), /fillValue/);
    expectInvalid(() => new SimpleImputer().fit(Matrix.fromRows([[1], [Number.POSITIVE_INFINITY]])), /row 1/);
  });
});
