import { z } from "zod";
import { AppError, SeededRandom } from "../../core/index.js";
import { BaseEstimator, type Estimator, type Input, type Target } from "../estimator.js";
import { Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, checkWidth, toMatrix } from "../validation.js";
import { kmeansPlusPlus, plusPlusScratch, plusPlusScratchSize, randomCentres } from "./kmeans-init.js";
import { KMeansWorkspace } from "./kmeans-workspace.js";
import {
  assignmentInput,
  isSameClustering,
  type LloydResult,
  type LloydStart,
  lloydRun,
  lloydScratch,
  lloydScratchSize,
} from "./lloyd.js";

const paramsSchema = z
  .object({
    nClusters: z.number().int().min(1).default(8),
    init: z.enum(["k-means++", "random"]).default("k-means++"),
    /** Runs with different initial centres; the lowest inertia wins. "auto": 1 for k-means++, 10 for random. */
    nInit: z.union([z.number().int().min(1), z.literal("auto")]).default(10),
    maxIter: z.number().int().min(1).default(300),
    /** Relative to the mean per-column variance of X, like scikit-learn. */
    tol: z.number().min(0).default(1e-4),
    /** Both run the same exact Lloyd iterations, pruned with the triangle inequality (same labels as plain Lloyd). */
    algorithm: z.enum(["lloyd", "elkan"]).default("lloyd"),
    seed: z.number().int().default(0),
  })
  .strict();

export type KMeansParams = z.infer<typeof paramsSchema>;

/** Rows per chunk at predict time (about 1 MB of 20-feature rows). */
const PREDICT_CHUNK = 8192;

interface Fitted {
  readonly clusterCenters: Matrix;
  readonly labels: Int32Array;
  readonly inertia: number;
  readonly nIter: number;
  readonly nFeatures: number;
}

/** K-means clustering (scikit-learn's KMeans): greedy k-means++ seeding, Lloyd iterations, best of nInit runs. */
export class KMeans extends BaseEstimator<KMeansParams, Fitted> implements Estimator<KMeansParams> {
  static override readonly kind = "KMeans";
  static override readonly version = 1;

  constructor(params: Partial<KMeansParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, _y?: Target): this {
    const m = toMatrix(X);
    checkNotEmpty(m.rows);
    const { nClusters: k, init, maxIter, seed } = this.params;
    const { rows: n, cols: d } = m;
    if (n < k) {
      throw new AppError("INVALID_INPUT", `KMeans needs at least nClusters=${k} rows, X has ${n}`, [
        { field: "nClusters", reason: `larger than the ${n} rows of X` },
      ]);
    }
    const nInit = this.params.nInit === "auto" ? (init === "random" ? 10 : 1) : this.params.nInit;
    const pp = init === "k-means++" ? plusPlusScratchSize(n, k, d) : { doubles: 0, ints: 0, arrays: 0 };
    const ll = lloydScratchSize(n, k, d);
    const ws = new KMeansWorkspace(n * d + n + pp.doubles + ll.doubles, pp.ints + ll.ints, 2 + pp.arrays + ll.arrays);
    // Centring first, as scikit-learn does, keeps the ‖x‖² + ‖c‖² − 2x·c distances accurate.
    const centred = ws.f64(n * d);
    const { mean, meanVariance } = centreInto(m, centred);
    const tol = this.params.tol * meanVariance;
    const xNorms = ws.f64(n);
    ws.rowNorms(centred, n, d, xNorms);
    const rng = new SeededRandom(seed);
    const scratch = lloydScratch(ws, n, k, d);
    const ppScratch = init === "k-means++" ? plusPlusScratch(ws, n, k, d) : undefined;
    let best: LloydResult | undefined;
    for (let run = 0; run < nInit; run++) {
      const start: LloydStart = ppScratch
        ? {
            centres: kmeansPlusPlus(ws, centred, n, d, xNorms, k, rng, ppScratch),
            labels: ppScratch.owner,
            dist: ppScratch.closest,
          }
        : { centres: randomCentres(centred, n, d, k, rng) };
      const result = lloydRun(ws, centred, n, d, xNorms, start, k, maxIter, tol, scratch);
      // Like scikit-learn: a lower inertia that is only a relabelling of the best partition is rounding noise.
      if (!best || (result.inertia < best.inertia && !isSameClustering(result.labels, best.labels, k))) best = result;
    }
    const chosen = best!;
    const centres = chosen.centres;
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centres[c * d + j]! += mean[j]!;
    this.fitted = {
      clusterCenters: new Matrix(k, d, centres),
      labels: chosen.labels,
      inertia: chosen.inertia,
      nIter: chosen.nIter,
      nFeatures: d,
    };
    return this;
  }

  /** The index of the nearest cluster centre of each row. */
  predict(X: Input): Int32Array {
    return this.nearest(X).labels;
  }

  /** Fits, then returns the training labels. */
  fitPredict(X: Input, y?: Target): Int32Array {
    return this.fit(X, y).labels;
  }

  /** Euclidean distance of each row to every cluster centre (n × nClusters). */
  transform(X: Input): Matrix {
    const f = this.requireFitted();
    const m = toMatrix(X);
    checkWidth(m.cols, f.nFeatures);
    const { rows: n, cols: d } = m;
    const C = f.clusterCenters.data;
    const k = f.clusterCenters.rows;
    const out = new Matrix(n, k);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) {
          const t = m.data[i * d + j]! - C[c * d + j]!;
          s += t * t;
        }
        out.data[i * k + c] = Math.sqrt(s);
      }
    }
    return out;
  }

  /** Fits, then returns the distances of the training rows to the centres. */
  fitTransform(X: Input, y?: Target): Matrix {
    return this.fit(X, y).transform(X);
  }

  /** Minus the inertia of X on the fitted centres (higher is better), like scikit-learn's KMeans.score. */
  score(X: Input, _y?: Target): number {
    return -this.nearest(X, true).inertia;
  }

  /** The cluster centres (nClusters × features, a copy). */
  get clusterCenters(): Matrix {
    return this.requireFitted().clusterCenters.clone();
  }

  /** The cluster of each training row (a copy). */
  get labels(): Int32Array {
    return this.requireFitted().labels.slice();
  }

  /** Sum of squared distances of the training rows to their centre. */
  get inertia(): number {
    return this.requireFitted().inertia;
  }

  /** Lloyd iterations of the best run. */
  get nIter(): number {
    return this.requireFitted().nIter;
  }

  /**
   * Nearest centres (and, if asked, the inertia they give) of X. Rows go through a small workspace in chunks:
   * copying a chunk is cheap once its memory is mapped, where a workspace the size of X would cost page faults.
   */
  private nearest(X: Input, withInertia = false): { labels: Int32Array; inertia: number } {
    const f = this.requireFitted();
    const m = toMatrix(X);
    checkWidth(m.cols, f.nFeatures);
    const { rows: n, cols: d } = m;
    const k = f.clusterCenters.rows;
    const chunk = Math.max(1, Math.min(n, PREDICT_CHUNK));
    const ws = new KMeansWorkspace(chunk * d + 2 * chunk + k * d + k + k * k, chunk, 7);
    const data = ws.f64(chunk * d);
    const xNorms = ws.f64(chunk);
    const minDist = ws.f64(chunk);
    const chunkLabels = ws.i32(chunk);
    const centres = ws.f64(k * d);
    centres.set(f.clusterCenters.data);
    const scratch = { cNorms: ws.f64(k), cc: ws.f64(k * k) };
    const labels = new Int32Array(n);
    let inertia = 0;
    for (let start = 0; start < n; start += chunk) {
      const rows = Math.min(chunk, n - start);
      data.set(m.data.subarray(start * d, (start + rows) * d));
      ws.rowNorms(data, rows, d, xNorms);
      const input = assignmentInput(data, rows, d, xNorms, centres, k, scratch);
      ws.assignNearest(input, chunkLabels, minDist, false);
      labels.set(chunkLabels.subarray(0, rows), start);
      if (withInertia) inertia += ws.inertia(data, rows, d, centres, chunkLabels);
    }
    return { labels, inertia: withInertia ? inertia : Number.NaN };
  }
}

/**
 * Writes X minus its column means into `out`; returns the means and the mean of the column variances (numpy's
 * var, ddof 0).
 */
function centreInto(m: Matrix, out: Float64Array): { mean: Float64Array; meanVariance: number } {
  const { rows: n, cols: d, data } = m;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += data[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j]! - mean[j]!;
      out[i * d + j] = v;
      sumSq += v * v;
    }
  }
  return { mean, meanVariance: sumSq / n / d };
}

registerEstimator(KMeans);
