import type { SeededRandom } from "../../core/index.js";
import type { KMeansWorkspace } from "./kmeans-workspace.js";

/**
 * Buffers for k-means++ (one set per fit, shared by the nInit runs); after a run, `owner` and `closest` hold each
 * point's nearest chosen centre and squared distance to it.
 */
export interface PlusPlusScratch {
  readonly closest: Float64Array;
  readonly owner: Int32Array;
  readonly cumulative: Float64Array;
  readonly candidateDist: Float64Array;
  readonly near: Int32Array;
  readonly candidates: Int32Array;
  readonly candidateOffsets: Int32Array;
  readonly candidateNorms: Float64Array;
  readonly toCentres: Float64Array;
  readonly pots: Float64Array;
  readonly first: Float64Array;
  readonly firstNorm: Float64Array;
  readonly firstCc: Float64Array;
}

/** The workspace room k-means++ scratch takes. */
export function plusPlusScratchSize(
  n: number,
  k: number,
  d: number,
): { doubles: number; ints: number; arrays: number } {
  const t = plusPlusTrials(k);
  return { doubles: n * (3 + t) + t * (k + 2) + 1 + d + 2, ints: 2 * n + 2 * t, arrays: 13 };
}

/** Buffers for k-means++ on n samples, in the workspace. */
export function plusPlusScratch(ws: KMeansWorkspace, n: number, k: number, d: number): PlusPlusScratch {
  const t = plusPlusTrials(k);
  return {
    closest: ws.f64(n),
    owner: ws.i32(n),
    cumulative: ws.f64(n),
    candidateDist: ws.f64(t * n),
    near: ws.i32(n),
    candidates: ws.i32(t),
    candidateOffsets: ws.i32(t),
    candidateNorms: ws.f64(t),
    toCentres: ws.f64(t * k),
    pots: ws.f64(t + 1),
    first: ws.f64(d),
    firstNorm: ws.f64(1),
    firstCc: ws.f64(1),
  };
}

/** scikit-learn's default number of local trials per centre: 2 + ⌊ln k⌋. */
export function plusPlusTrials(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

/**
 * Greedy k-means++ (scikit-learn's _kmeans_plusplus): the first centre uniformly at random, then for each next
 * centre `trials` candidates drawn with probability ∝ D(x)², keeping the one that lowers the potential most.
 * Points that no candidate can bring closer (triangle inequality) skip the distance computations.
 */
export function kmeansPlusPlus(
  ws: KMeansWorkspace,
  X: Float64Array,
  n: number,
  d: number,
  xNorms: Float64Array,
  k: number,
  rng: SeededRandom,
  s: PlusPlusScratch,
): Float64Array {
  const trials = plusPlusTrials(k);
  const centres = new Float64Array(k * d);
  const { closest, owner, cumulative, candidateDist, near, candidates, candidateNorms, toCentres, pots } = s;

  const first = rng.int(n);
  s.first.set(X.subarray(first * d, first * d + d));
  centres.set(s.first, 0);
  s.firstNorm[0] = xNorms[first]!;
  s.firstCc[0] = 0;
  // With a single centre the nearest-centre pass is exactly the distance to it.
  ws.assignNearest(
    { X, n, d, xNorms, centres: s.first, k: 1, cNorms: s.firstNorm, cc: s.firstCc },
    owner,
    closest,
    false,
  );
  let pot = 0;
  for (let i = 0; i < n; i++) pot += closest[i]!;

  for (let c = 1; c < k; c++) {
    let run = 0;
    for (let i = 0; i < n; i++) {
      run += closest[i]!;
      cumulative[i] = run;
    }
    for (let t = 0; t < trials; t++) {
      const id = searchLeft(cumulative, rng.next() * pot);
      candidates[t] = id < n ? id : n - 1;
    }
    for (let t = 0; t < trials; t++) {
      const co = candidates[t]! * d;
      for (let a = 0; a < c; a++) {
        let sum = 0;
        for (let j = 0; j < d; j++) {
          const diff = X[co + j]! - centres[a * d + j]!;
          sum += diff * diff;
        }
        toCentres[t * k + a] = sum;
      }
      candidateNorms[t] = xNorms[candidates[t]!]!;
      s.candidateOffsets[t] = ws.rowOffset(X, candidates[t]!, d);
    }
    pots.fill(0);
    const round = { X, n, d, xNorms, closest, owner, k, trials, candidates, candidateNorms, toCentres };
    const nNear = ws.plusPlusRound({ ...round, candidateDist, near, pots }, s.candidateOffsets);
    let best = 0;
    for (let t = 0; t < trials; t++) pots[t]! += pots[trials]!;
    for (let t = 1; t < trials; t++) if (pots[t]! < pots[best]!) best = t;
    pot = pots[best]!;
    for (let q = 0; q < nNear; q++) {
      const i = near[q]!;
      const v = candidateDist[q * trials + best]!;
      if (v < closest[i]!) {
        closest[i] = v;
        owner[i] = c;
      }
    }
    const chosen = candidates[best]!;
    centres.set(X.subarray(chosen * d, chosen * d + d), c * d);
  }
  return centres;
}

/** k distinct rows chosen uniformly (scikit-learn's init="random": the first k of a random permutation). */
export function randomCentres(X: Float64Array, n: number, d: number, k: number, rng: SeededRandom): Float64Array {
  const perm = rng.permutation(n);
  const centres = new Float64Array(k * d);
  for (let c = 0; c < k; c++) centres.set(X.subarray(perm[c]! * d, perm[c]! * d + d), c * d);
  return centres;
}

/** numpy.searchsorted(sorted, value, side="left"): the first index whose value is ≥ value. */
function searchLeft(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
