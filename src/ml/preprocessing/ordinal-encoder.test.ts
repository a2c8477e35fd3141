import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/datasets.js";
import { AppError } from "../../core/index.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { type Cell, Frame } from "../frame.js";
import { Matrix } from "../matrix.js";
import { OrdinalEncoder, type OrdinalEncoderParams } from "./ordinal-encoder.js";

interface Fixture {
  table: { train: Record<string, Cell[]>; test: Record<string, Cell[]> };
  encoders: {
    columns: string[];
    ordinal: {
      name: string;
      params: Partial<OrdinalEncoderParams>;
      categories: Cell[][];
      transformTrain: (number | null)[][];
      transformTest?: (number | null)[][];
    }[];
  };
}

const fx = readFixture<Fixture>("sklearn/preprocessing.json");
const cols = fx.encoders.columns;
const train = new Frame(fx.table.train).select(cols);
const test = new Frame(fx.table.test).select(cols);

/** NaN as null, the way the fixture stores it. */
function asCells(m: Matrix): (number | null)[][] {
  return m.toArrays().map((r) => r.map((v) => (Number.isNaN(v) ? null : v)));
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

checkEstimator("OrdinalEncoder (Frame)", () => new OrdinalEncoder(), { X: train });
checkEstimator(
  "OrdinalEncoder (unknown value, matrix)",
  () => new OrdinalEncoder({ handleUnknown: "use_encoded_value", unknownValue: -1 }),
  {
    X: Matrix.fromRows([
      [1, 10],
      [2, 10],
      [1, 20],
      [3, 30],
      [2, 20],
    ]),
    Xtest: Matrix.fromRows([[4, 10]]),
  },
  { skip: { nanInput: "NaN is the missing category, as in scikit-learn" } },
);

describe("OrdinalEncoder matches scikit-learn 1.2 on a generated table", () => {
  for (const c of fx.encoders.ordinal) {
    it(c.name, () => {
      const enc = new OrdinalEncoder(c.params).fit(train);
      expect(enc.categories).toEqual(c.categories);
      expect(asCells(enc.transform(train))).toEqual(c.transformTrain);
      if (c.transformTest) expect(asCells(enc.transform(test))).toEqual(c.transformTest);
    });
  }
});

describe("OrdinalEncoder", () => {
  it("codes categories by their sorted position; missing values are NaN by default", () => {
    const enc = new OrdinalEncoder().fit(new Frame({ c: ["b", "a", null, "c"] }));
    expect(asCells(enc.transform(new Frame({ c: ["c", null, "a"] })))).toEqual([[2], [null], [0]]);
    expect(enc.getFeatureNamesOut()).toEqual(["c"]);
  });

  it("rejects unknown categories by default and inconsistent unknown / missing codes", () => {
    const enc = new OrdinalEncoder().fit(new Frame({ c: ["a", "b"] }));
    expectInvalid(() => enc.transform(new Frame({ c: ["z"] })), /unknown category/);
    expectInvalid(
      () => new OrdinalEncoder({ handleUnknown: "use_encoded_value" }).fit(new Frame({ c: ["a"] })),
      /unknownValue/,
    );
    expectInvalid(() => new OrdinalEncoder({ unknownValue: -1 }).fit(new Frame({ c: ["a"] })), /unknownValue/);
    expectInvalid(
      () =>
        new OrdinalEncoder({ handleUnknown: "use_encoded_value", unknownValue: 0 }).fit(new Frame({ c: ["a", "b"] })),
      /already the code/,
    );
    expectInvalid(
      () => new OrdinalEncoder({ encodedMissingValue: 1 }).fit(new Frame({ c: ["a", "b", null] })),
      /already/,
    );
  });

  it("NaN unknownValue and encodedMissingValue survive clone and save", () => {
    const enc = new OrdinalEncoder({ handleUnknown: "use_encoded_value", unknownValue: Number.NaN });
    expect(Number.isNaN(enc.clone().params.unknownValue)).toBe(true);
  });
});
