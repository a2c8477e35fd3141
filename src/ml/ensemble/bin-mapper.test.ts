import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../core/index.js";
import { Matrix } from "../matrix.js";
import { binColumns, binUpperThreshold, fitBinMapper } from "./bin-mapper.js";

describe("fitBinMapper / binColumns (scikit-learn's _BinMapper)", () => {
  it("cuts few distinct values at midpoints and puts NaN in the last bin", () => {
    const X = Matrix.fromColumns({ a: [1, 2, 2, 5, Number.NaN], b: [0, 0, 0, 0, 0] });
    const mapper = fitBinMapper(X, 255, new SeededRandom(0));
    expect(Array.from(mapper.thresholds.subarray(mapper.offsets[0], mapper.offsets[1]))).toEqual([1.5, 3.5]);
    expect(Array.from(mapper.nBinsNonMissing)).toEqual([3, 1]);
    const binned = binColumns(X, mapper);
    expect(Array.from(binned.subarray(0, 5))).toEqual([0, 1, 1, 2, 255]);
    expect(Array.from(binned.subarray(5))).toEqual([0, 0, 0, 0, 0]);
    expect(binUpperThreshold(mapper, 0, 1)).toBe(3.5);
    expect(binUpperThreshold(mapper, 0, 2)).toBe(Number.POSITIVE_INFINITY);
  });

  it("cuts many distinct values at numpy's 'midpoint' percentiles", () => {
    const values = Array.from({ length: 1000 }, (_, i) => i);
    const mapper = fitBinMapper(Matrix.fromColumns({ v: values }), 10, new SeededRandom(0));
    // numpy.percentile(arange(1000), linspace(0, 100, 11)[1:-1], method="midpoint")
    expect(Array.from(mapper.thresholds)).toEqual([99.5, 199.5, 299.5, 399.5, 499.5, 599.5, 699.5, 799.5, 899.5]);
    const binned = binColumns(Matrix.fromColumns({ v: [99.5, 99.6, -5, 5000] }), mapper);
    expect(Array.from(binned)).toEqual([0, 1, 0, 9]);
  });
});
