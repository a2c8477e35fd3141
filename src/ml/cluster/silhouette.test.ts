import { describe, expect, it } from "vitest";
import { loadDataset, readFixture } from "../../../test/fixtures/datasets.js";
import { AppError } from "../../core/index.js";
import { Matrix } from "../matrix.js";
import { silhouetteSamples, silhouetteScore } from "./silhouette.js";

interface Fixture {
  iris: { kmeans: { labels: number[] }; silhouette_kmeans_labels: number; silhouette_true_labels: number };
  blobs: { X: number[][]; y: number[]; silhouette_true_labels: number };
}
const fixture = readFixture<Fixture>("sklearn/cluster.json");

describe("silhouetteScore", () => {
  it("matches scikit-learn on iris (KMeans labels and true labels) to 1e-9", () => {
    const { X, y } = loadDataset("iris");
    expect(
      Math.abs(silhouetteScore(X, fixture.iris.kmeans.labels) - fixture.iris.silhouette_kmeans_labels),
    ).toBeLessThan(1e-9);
    expect(Math.abs(silhouetteScore(X, y) - fixture.iris.silhouette_true_labels)).toBeLessThan(1e-9);
  });

  it("matches scikit-learn on the generated blobs", () => {
    const X = Matrix.fromRows(fixture.blobs.X);
    expect(Math.abs(silhouetteScore(X, fixture.blobs.y) - fixture.blobs.silhouette_true_labels)).toBeLessThan(1e-9);
  });

  it("works on a hand-computed case, with string labels; singletons score 0", () => {
    const X = [[0], [1], [5], [9]];
    const s = silhouetteSamples(X, ["a", "a", "b", "b"]);
    // Sample 0: a = 1, b = (5 + 9) / 2 = 7.
    expect(s[0]).toBeCloseTo((7 - 1) / 7, 12);
    const withSingleton = silhouetteSamples(X, ["a", "a", "a", "b"]);
    expect(withSingleton[3]).toBe(0);
  });

  it("samples a subset with sampleSize, deterministically per seed", () => {
    const { X, y } = loadDataset("iris");
    const a = silhouetteScore(X, y, { sampleSize: 60, seed: 4 });
    expect(silhouetteScore(X, y, { sampleSize: 60, seed: 4 })).toBe(a);
    expect(Math.abs(a - fixture.iris.silhouette_true_labels)).toBeLessThan(0.1);
  });

  it("rejects one label, as many labels as samples, and mismatched lengths", () => {
    const X = [[0], [1], [2]];
    expect(() => silhouetteScore(X, [1, 1, 1])).toThrow(AppError);
    expect(() => silhouetteScore(X, [1, 2, 3])).toThrow(/labels/);
    expect(() => silhouetteScore(X, [1, 2])).toThrow(/rows/);
    expect(() => silhouetteScore(X, [1, 2, 1], { sampleSize: 10 })).toThrow(/sampleSize/);
  });
});
