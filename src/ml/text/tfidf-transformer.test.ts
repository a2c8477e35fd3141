import { describe, expect, it } from "vitest";
import { checkEstimator } from "../check-estimator.suite.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import { TfidfTransformer } from "./tfidf-transformer.js";

// scikit-learn's TfidfTransformer docstring example (counts of 8 terms in 4 documents).
const counts = Matrix.fromRows([
  [1, 1, 1, 1, 0, 1, 0, 0],
  [1, 2, 0, 1, 1, 1, 0, 0],
  [1, 0, 0, 1, 0, 1, 1, 1],
  [1, 1, 1, 1, 0, 1, 0, 0],
]);

checkEstimator("TfidfTransformer", () => new TfidfTransformer(), { X: counts });
checkEstimator(
  "TfidfTransformer (sparse, l1, sublinear)",
  () => new TfidfTransformer({ norm: "l1", sublinearTf: true }),
  {
    X: CsrMatrix.fromDense(counts),
  },
);

describe("TfidfTransformer", () => {
  it("learns scikit-learn's smoothed idf", () => {
    const t = new TfidfTransformer().fit(counts);
    const expected = [1, 1.22314355, 1.51082562, 1, 1.91629073, 1, 1.91629073, 1.91629073];
    for (let j = 0; j < expected.length; j++) expect(t.idf![j]).toBeCloseTo(expected[j]!, 8);
  });

  it("normalises rows to unit l2 norm, or leaves raw tf when useIdf and norm are off", () => {
    const X = new TfidfTransformer().fitTransform(CsrMatrix.fromDense(counts)).toDense();
    for (let i = 0; i < X.rows; i++) {
      let s = 0;
      for (const v of X.row(i)) s += v * v;
      expect(s).toBeCloseTo(1, 12);
    }
    const raw = new TfidfTransformer({ useIdf: false, norm: null }).fitTransform(counts).toDense();
    expect(raw.toArrays()).toEqual(counts.toArrays());
    expect(new TfidfTransformer({ useIdf: false }).fit(counts).idf).toBeNull();
  });

  it("smoothIdf false uses ln(n / df) + 1", () => {
    const t = new TfidfTransformer({ smoothIdf: false }).fit(counts);
    expect(t.idf![4]).toBeCloseTo(Math.log(4) + 1, 12);
  });
});
