import { describe, expect, it } from "vitest";
import { AppError } from "../../core/index.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { Frame } from "../frame.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import { ToyNearestCentroid, ToyOneHot } from "../model-selection/toy-estimators.suite.js";
import { StandardScaler } from "../preprocessing/index.js";
import { ColumnTransformer, Pipeline } from "./index.js";

const colors = ["red", "blue", "green", "red", "blue", "red", "green", "green", "blue", "red"];
const frame = new Frame({
  a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  color: colors,
  b: [0.5, 0.1, 0.3, 0.9, 0.7, 0.2, 0.4, 0.6, 0.8, 1.0],
  extra: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
});
const labels = ["x", "y", "x", "y", "y", "x", "x", "y", "y", "x"];

const make = (over: Partial<ConstructorParameters<typeof ColumnTransformer>[0]> = {}): ColumnTransformer =>
  new ColumnTransformer({
    transformers: [
      ["num", new StandardScaler(), ["a", "b"]],
      ["cat", new ToyOneHot(), "color"],
    ],
    ...over,
  });

checkEstimator("ColumnTransformer", () => make({ remainder: "passthrough" }), { X: frame });
checkEstimator(
  "Pipeline (ColumnTransformer + classifier) on a Frame",
  () =>
    new Pipeline([
      ["prep", make()],
      ["clf", new ToyNearestCentroid()],
    ]),
  { X: frame, y: labels },
);

describe("ColumnTransformer", () => {
  it("concatenates the blocks in order, then the remainder; dense when density is at least 0.3", () => {
    const ct = make({ remainder: "passthrough" });
    const out = ct.fitTransform(frame);
    expect(out).toBeInstanceOf(Matrix);
    const m = out as Matrix;
    expect(m.cols).toBe(2 + 3 + 1);
    const scaled = new StandardScaler().fit(
      Matrix.fromColumns({ a: frame.column("a") as number[], b: frame.column("b") as number[] }),
    );
    expect(m.get(0, 0)).toBeCloseTo(scaled.transform(Matrix.fromRows([[1, 0.5]])).get(0, 0), 14);
    expect(Array.from(m.row(0).subarray(2, 5))).toEqual([0, 0, 1]);
    expect(m.get(0, 5)).toBe(10);
    expect(ct.getFeatureNamesOut()).toEqual([
      "num__a",
      "num__b",
      "cat__color_blue",
      "cat__color_green",
      "cat__color_red",
      "remainder__extra",
    ]);
  });

  it("gives a CsrMatrix when a block is sparse and overall density is below sparseThreshold", () => {
    const ids = frame.select(["a"]);
    const withIds = new Frame({ id: (ids.column("a") as number[]).map((v) => `id${v}`), a: ids.column("a") });
    const ct = new ColumnTransformer({ transformers: [["cat", new ToyOneHot(), "id"]], remainder: "passthrough" });
    const out = ct.fitTransform(withIds);
    expect(out).toBeInstanceOf(CsrMatrix);
    expect(ct.sparseOutput).toBe(true);
    // 10 one-hot values + 10 dense remainder cells out of 10 x 11 cells: density 0.18.
    expect((out as CsrMatrix).nnz).toBe(20);
    expect((out as CsrMatrix).toDense().get(2, 10)).toBe(3);
    expect(ct.transform(withIds)).toBeInstanceOf(CsrMatrix);
    const dense = new ColumnTransformer({ transformers: [["cat", new ToyOneHot(), "color"]] });
    expect(dense.fitTransform(frame)).toBeInstanceOf(Matrix);
  });

  it("passes a single named column as a plain array and a list of names as a Frame", () => {
    const ct = new ColumnTransformer({ transformers: [["cat", new ToyOneHot(), ["color"]]] });
    expect(ct.fit(frame).getFeatureNamesOut()).toEqual(["cat__color_blue", "cat__color_green", "cat__color_red"]);
  });

  it("drops columns of 'drop' entries and, by default, the remainder; passthrough entries copy numbers", () => {
    const ct = new ColumnTransformer({
      transformers: [
        ["keep", "passthrough", ["b"]],
        ["gone", "drop", ["a"]],
      ],
      remainder: "passthrough",
      sparseThreshold: 0,
    });
    const out = ct.fitTransform(frame.select(["a", "b", "extra"])) as Matrix;
    expect(out.cols).toBe(2);
    expect(ct.getFeatureNamesOut()).toEqual(["keep__b", "remainder__extra"]);
    expect(out.get(1, 0)).toBe(0.1);
  });

  it("a missing column at transform is INVALID_INPUT naming it", () => {
    const ct = make().fit(frame);
    let caught: unknown;
    try {
      ct.transform(frame.select(["a", "color"]));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe("INVALID_INPUT");
    expect((caught as AppError).message).toMatch(/Column "b".*transformer "num"/);
    expect(() => ct.transform(Matrix.fromRows([[1, 2]]))).toThrow(/Frame/);
  });

  it("routes nested params and replaces a transformer by its name", () => {
    const ct = make();
    ct.setParams({ num__withMean: false, remainder: "passthrough" });
    expect((ct.params.transformers[0]![1] as StandardScaler).params.withMean).toBe(false);
    ct.setParams({ cat: "drop" });
    expect(ct.params.transformers[1]![1]).toBe("drop");
    expect(ct.params.transformers[1]![2]).toBe("color");
    const deep = ct.getParams({ deep: true }) as unknown as Record<string, unknown>;
    expect(deep.num__withStd).toBe(true);
    expect(deep.sparseThreshold).toBe(0.3);
  });

  it("can be searched inside a Pipeline: prep__num__withMean reaches the scaler", () => {
    const pipe = new Pipeline([
      ["prep", make()],
      ["clf", new ToyNearestCentroid()],
    ]);
    pipe.setParams({ prep__num__withMean: false });
    const ct = pipe.params.steps[0]![1] as ColumnTransformer;
    expect((ct.params.transformers[0]![1] as StandardScaler).params.withMean).toBe(false);
    expect("prep__num__withMean" in (pipe.getParams({ deep: true }) as object)).toBe(true);
  });
});
