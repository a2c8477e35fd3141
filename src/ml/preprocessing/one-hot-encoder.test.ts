import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/datasets.js";
import { AppError } from "../../core/index.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { type Cell, Frame } from "../frame.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import { OneHotEncoder, type OneHotEncoderParams } from "./one-hot-encoder.js";

interface Fixture {
  table: { train: Record<string, Cell[]>; test: Record<string, Cell[]> };
  encoders: {
    columns: string[];
    oneHot: {
      name: string;
      params: Partial<OneHotEncoderParams>;
      categories: Cell[][];
      featureNames: string[];
      transformTrain: number[][];
      transformTest: number[][];
    }[];
  };
}

const fx = readFixture<Fixture>("sklearn/preprocessing.json");
const cols = fx.encoders.columns;
const train = new Frame(fx.table.train).select(cols);
const test = new Frame(fx.table.test).select(cols);

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

checkEstimator("OneHotEncoder (Frame)", () => new OneHotEncoder(), { X: train, Xtest: test });
checkEstimator("OneHotEncoder (sparse, drop first)", () => new OneHotEncoder({ sparseOutput: true, drop: "first" }), {
  X: train,
  Xtest: test,
});
checkEstimator(
  "OneHotEncoder (matrix)",
  () => new OneHotEncoder({ handleUnknown: "error" }),
  {
    X: Matrix.fromRows([
      [1, 10],
      [2, 10],
      [1, 20],
      [3, 30],
      [2, 20],
    ]),
  },
  { skip: { nanInput: "NaN is the missing category, as in scikit-learn" } },
);

describe("OneHotEncoder matches scikit-learn 1.2 on a generated table", () => {
  for (const c of fx.encoders.oneHot) {
    it(c.name, () => {
      const enc = new OneHotEncoder(c.params).fit(train);
      expect(enc.categories).toEqual(c.categories);
      expect(enc.getFeatureNamesOut()).toEqual(c.featureNames);
      expect((enc.transform(train) as Matrix).toArrays()).toEqual(c.transformTrain);
      expect((enc.transform(test) as Matrix).toArrays()).toEqual(c.transformTest);
      const sparse = new OneHotEncoder({ ...c.params, sparseOutput: true }).fit(train).transform(test);
      expect(sparse).toBeInstanceOf(CsrMatrix);
      expect((sparse as CsrMatrix).toDense().toArrays()).toEqual(c.transformTest);
    });
  }
});

describe("OneHotEncoder", () => {
  it("sorts numbers numerically, strings by code point, the missing category last", () => {
    const enc = new OneHotEncoder().fit(new Frame({ n: [10, 9, null, 100], s: ["b", "É", "B", null] }));
    expect(enc.categories).toEqual([
      [9, 10, 100, null],
      ["B", "b", "É", null],
    ]);
    expect(enc.getFeatureNamesOut()).toEqual(["n_9", "n_10", "n_100", "n_nan", "s_B", "s_b", "s_É", "s_nan"]);
    expect(() => enc.getFeatureNamesOut(["num", "str"])).toThrow(/not equal to the feature names seen at fit/);
  });

  it("treats NaN in a matrix as a category and names matrix columns x0, x1, …", () => {
    const enc = new OneHotEncoder().fit(Matrix.fromRows([[1], [Number.NaN], [2]]));
    expect(enc.categories).toEqual([[1, 2, null]]);
    expect(enc.getFeatureNamesOut()).toEqual(["x0_1", "x0_2", "x0_nan"]);
    expect((enc.transform(Matrix.fromRows([[Number.NaN], [7]])) as Matrix).toArrays()).toEqual([
      [0, 0, 1],
      [0, 0, 0],
    ]);
  });

  it("reads a Frame by the fitted column names, whatever their order", () => {
    const enc = new OneHotEncoder().fit(new Frame({ a: ["x", "y"], b: ["u", "v"] }));
    expect((enc.transform(new Frame({ b: ["v"], a: ["x"], extra: [1] })) as Matrix).toArrays()).toEqual([[1, 0, 0, 1]]);
    expectInvalid(() => enc.transform(new Frame({ a: ["x"] })), /"b" is missing/);
  });

  it("handleUnknown error names the column and row; explicit categories are kept as given", () => {
    const enc = new OneHotEncoder({ handleUnknown: "error" }).fit(new Frame({ color: ["red", "blue"] }));
    expectInvalid(() => enc.transform(new Frame({ color: ["red", "green"] })), /"color", row 1/);
    const given = new OneHotEncoder({ categories: [["z", "a"]] }).fit(new Frame({ c: ["a"] }));
    expect(given.getFeatureNamesOut()).toEqual(["c_z", "c_a"]);
    expectInvalid(
      () => new OneHotEncoder({ categories: [["z"]], handleUnknown: "error" }).fit(new Frame({ c: ["a"] })),
      /unknown categories/,
    );
    expectInvalid(() => new OneHotEncoder({ categories: [[3, 1]] }).fit(new Frame({ c: [1] })), /Unsorted/);
  });

  it("rejects columns mixing numbers and strings, infinities and text lists", () => {
    expectInvalid(() => new OneHotEncoder().fit(new Frame({ c: ["a", 1] })), /mixes numbers and strings/);
    expectInvalid(() => new OneHotEncoder().fit(Matrix.fromRows([[1], [Number.POSITIVE_INFINITY]])), /row 1/);
    expectInvalid(() => new OneHotEncoder().fit(["a", "b"]));
  });
});
