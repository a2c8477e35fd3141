import { describe, expect, it } from "vitest";
import { loadDataset, readFixture } from "../../../test/fixtures/datasets.js";
import { AppError, SeededRandom } from "../../core/index.js";
import { checkEstimator } from "../check-estimator.suite.js";
import { Matrix } from "../matrix.js";
import { loadModel } from "../save-load.js";
import { KMeans } from "./kmeans.js";

interface KMeansRef {
  n_clusters: number;
  init: "k-means++" | "random";
  n_init: number;
  inertia: number;
  labels: number[];
  centers: number[][];
}
interface ClusterFixture {
  iris: { kmeans: KMeansRef };
  blobs: { X: number[][]; kmeans_plusplus: KMeansRef; kmeans_random: KMeansRef };
}

const fixture = readFixture<ClusterFixture>("sklearn/cluster.json");

/** Adjusted Rand index of two labelings (1 = same partition up to renaming). */
function adjustedRand(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const table = new Map<string, number>();
  const rowsA = new Map<number, number>();
  const colsB = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}|${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rowsA.set(a[i]!, (rowsA.get(a[i]!) ?? 0) + 1);
    colsB.set(b[i]!, (colsB.get(b[i]!) ?? 0) + 1);
  }
  const c2 = (x: number) => (x * (x - 1)) / 2;
  let index = 0;
  for (const v of table.values()) index += c2(v);
  let sa = 0;
  let sb = 0;
  for (const v of rowsA.values()) sa += c2(v);
  for (const v of colsB.values()) sb += c2(v);
  const expected = (sa * sb) / c2(n);
  const max = (sa + sb) / 2;
  return (index - expected) / (max - expected);
}

const small = Matrix.fromRows([
  [1, 2],
  [1.2, 1.9],
  [0.8, 2.1],
  [8, 8],
  [8.1, 7.9],
  [7.8, 8.2],
  [-5, 4],
  [-5.2, 4.1],
  [-4.9, 3.8],
]);

checkEstimator("KMeans", () => new KMeans({ nClusters: 3, nInit: 2, maxIter: 20 }), { X: small });
checkEstimator("KMeans (random init)", () => new KMeans({ nClusters: 2, init: "random", nInit: 3 }), { X: small });

describe("KMeans parity with scikit-learn", () => {
  it("iris, k=3: inertia within 1% and the same partition", () => {
    const ref = fixture.iris.kmeans;
    const { X } = loadDataset("iris");
    const km = new KMeans({ nClusters: 3, nInit: ref.n_init }).fit(X);
    expect(Math.abs(km.inertia - ref.inertia) / ref.inertia).toBeLessThan(0.01);
    expect(adjustedRand(km.labels, ref.labels)).toBeGreaterThan(0.99);
  });

  for (const variant of ["kmeans_plusplus", "kmeans_random"] as const) {
    it(`generated blobs, k=5, init ${fixture.blobs[variant].init}: inertia within 1%, same partition`, () => {
      const ref = fixture.blobs[variant];
      const X = Matrix.fromRows(fixture.blobs.X);
      const km = new KMeans({ nClusters: ref.n_clusters, init: ref.init, nInit: ref.n_init }).fit(X);
      expect(Math.abs(km.inertia - ref.inertia) / ref.inertia).toBeLessThan(0.01);
      expect(adjustedRand(km.labels, ref.labels)).toBeGreaterThan(0.98);
      // Same centres up to the order of the clusters.
      const C = km.clusterCenters;
      for (const centre of ref.centers) {
        let nearest = Number.POSITIVE_INFINITY;
        for (let c = 0; c < C.rows; c++) {
          let s = 0;
          for (let j = 0; j < C.cols; j++) s += (C.get(c, j) - centre[j]!) ** 2;
          nearest = Math.min(nearest, Math.sqrt(s));
        }
        expect(nearest).toBeLessThan(0.05);
      }
    });
  }
});

describe("KMeans", () => {
  it("finds obvious clusters; predict, transform, score and fitPredict agree with what fit learned", () => {
    const km = new KMeans({ nClusters: 3, seed: 3 });
    const labels = km.fitPredict(small);
    expect(Array.from(labels)).toEqual(Array.from(km.labels));
    expect(labels[0]).toBe(labels[1]);
    expect(labels[3]).toBe(labels[5]);
    expect(new Set(labels).size).toBe(3);
    expect(Array.from(km.predict(small))).toEqual(Array.from(labels));
    expect(km.score(small)).toBeCloseTo(-km.inertia, 10);
    const dist = km.transform(small);
    expect(dist.rows).toBe(9);
    expect(dist.cols).toBe(3);
    for (let i = 0; i < 9; i++) {
      let best = 0;
      for (let c = 1; c < 3; c++) if (dist.get(i, c) < dist.get(i, best)) best = c;
      expect(best).toBe(labels[i]);
    }
    let inertia = 0;
    for (let i = 0; i < 9; i++) inertia += dist.get(i, labels[i]!) ** 2;
    expect(inertia).toBeCloseTo(km.inertia, 10);
    // Centres are the means of their points.
    const C = km.clusterCenters;
    const c0 = labels[0]!;
    expect(C.get(c0, 0)).toBeCloseTo((1 + 1.2 + 0.8) / 3, 12);
    expect(km.nIter).toBeGreaterThanOrEqual(1);
  });

  it("labels every row with its nearest centre for odd widths (1, 3, 5 features) and many clusters", () => {
    const rng = new SeededRandom(9);
    for (const [d, k] of [
      [1, 3],
      [3, 5],
      [5, 20],
    ] as const) {
      const X = new Matrix(
        300,
        d,
        Float64Array.from({ length: 300 * d }, () => rng.normal() * 5),
      );
      const km = new KMeans({ nClusters: k, nInit: 2 }).fit(X);
      const C = km.clusterCenters;
      const labels = km.predict(X);
      expect(Array.from(labels)).toEqual(Array.from(km.labels));
      let inertia = 0;
      for (let i = 0; i < X.rows; i++) {
        let best = Number.POSITIVE_INFINITY;
        for (let c = 0; c < k; c++) {
          let s = 0;
          for (let j = 0; j < d; j++) s += (X.get(i, j) - C.get(c, j)) ** 2;
          best = Math.min(best, s);
        }
        let own = 0;
        for (let j = 0; j < d; j++) own += (X.get(i, j) - C.get(labels[i]!, j)) ** 2;
        expect(own).toBeCloseTo(best, 9);
        inertia += own;
      }
      expect(km.inertia).toBeCloseTo(inertia, 6);
    }
  });

  it("predicts far-away points to their nearest centre", () => {
    const km = new KMeans({ nClusters: 3 }).fit(small);
    const p = km.predict([
      [100, 100],
      [-50, 40],
      [1, 1],
    ]);
    expect(p[0]).toBe(km.labels[3]);
    expect(p[1]).toBe(km.labels[6]);
    expect(p[2]).toBe(km.labels[0]);
  });

  it("handles duplicate points and a single cluster", () => {
    const X = Matrix.fromRows([
      [1, 1],
      [1, 1],
      [1, 1],
      [2, 2],
    ]);
    const km = new KMeans({ nClusters: 2, nInit: 3 }).fit(X);
    expect(km.inertia).toBeCloseTo(0, 12);
    const one = new KMeans({ nClusters: 1 }).fit(small);
    expect(Array.from(one.labels)).toEqual(new Array(9).fill(0));
  });

  it("nInit auto runs once for k-means++; more runs never give a worse inertia", () => {
    const { X } = loadDataset("iris");
    const once = new KMeans({ nClusters: 4, nInit: "auto", seed: 1 }).fit(X);
    const many = new KMeans({ nClusters: 4, nInit: 10, seed: 1 }).fit(X);
    expect(many.inertia).toBeLessThanOrEqual(once.inertia + 1e-9);
  });

  it("rejects fewer rows than clusters and bad params", () => {
    expect(() => new KMeans({ nClusters: 20 }).fit(small)).toThrow(AppError);
    expect(() => new KMeans({ nClusters: 0 })).toThrow(/nClusters/);
    expect(() => new KMeans({ init: "kmeans" as never })).toThrow(/init/);
  });

  it("saves and loads with identical predictions", () => {
    const km = new KMeans({ nClusters: 3 }).fit(small);
    const back = loadModel<KMeans>(JSON.stringify(km.toJSON()));
    expect(Array.from(back.predict(small))).toEqual(Array.from(km.predict(small)));
    expect(back.inertia).toBe(km.inertia);
  });
});
