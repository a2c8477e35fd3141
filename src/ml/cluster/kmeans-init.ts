import type { SeededRandom } from "../../core/index.js";
import { dots4, packInGroups, rowDot } from "./centre-assignment.js";

/** Reusable buffers for k-means++ (one set per fit, shared by the nInit runs); after a run, `owner` and
 * `closest` hold each point's nearest chosen centre and squared distance to it. */
export interface PlusPlusScratch {
  readonly closest: Float64Array;
  readonly owner: Int32Array;
  readonly cumulative: Float64Array;
  readonly candidateDist: Float64Array;
  readonly near: Int32Array;
}

/** Buffers for k-means++ on n samples with the given number of local trials. */
export function plusPlusScratch(n: number, trials: number): PlusPlusScratch {
  return {
    closest: new Float64Array(n),
    owner: new Int32Array(n),
    cumulative: new Float64Array(n),
    candidateDist: new Float64Array(trials * n),
    near: new Int32Array(n),
  };
}

/** scikit-learn's default number of local trials per centre: 2 + ⌊ln k⌋. */
export function plusPlusTrials(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

/**
 * Greedy k-means++ (scikit-learn's _kmeans_plusplus): the first centre uniformly at random, then for each next
 * centre `trials` candidates drawn with probability ∝ D(x)², keeping the one that lowers the potential most.
 * A point whose current centre is at least twice its distance away from a candidate cannot get closer to that
 * candidate, so its distance is not computed (same result, far fewer distance evaluations).
 */
export function kmeansPlusPlus(
  X: Float64Array,
  n: number,
  d: number,
  xNorms: Float64Array,
  k: number,
  rng: SeededRandom,
  scratch: PlusPlusScratch,
): Float64Array {
  const trials = plusPlusTrials(k);
  const centres = new Float64Array(k * d);
  const { closest, owner, cumulative, candidateDist, near } = scratch;
  const candidates = new Int32Array(trials);
  const candidatePot = new Float64Array(trials);
  const toCentres = new Float64Array(trials * k);
  const candidateNorm = new Float64Array(trials);
  const groups = Math.ceil(trials / 4);
  const packed = new Float64Array(groups * 4 * d);
  const dots = new Float64Array(groups * 4);

  const first = rng.int(n);
  centres.set(X.subarray(first * d, first * d + d), 0);
  let pot = 0;
  const firstNorm = xNorms[first]!;
  for (let i = 0; i < n; i++) {
    const dist = xNorms[i]! + firstNorm - 2 * rowDot(X, i * d, X, first * d, d);
    const v = Math.max(dist, 0);
    closest[i] = v;
    owner[i] = 0;
    pot += v;
  }

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
    // One pass over X per round for all candidates (X is far larger than the cache), with the candidates packed
    // four by four so that one point's dot products with them share their loads.
    packInGroups(X, candidates, d, packed);
    for (let t = 0; t < trials; t++) {
      const co = candidates[t]! * d;
      for (let a = 0; a < c; a++) {
        let s = 0;
        for (let j = 0; j < d; j++) {
          const diff = X[co + j]! - centres[a * d + j]!;
          s += diff * diff;
        }
        toCentres[t * k + a] = s;
      }
      candidateNorm[t] = xNorms[candidates[t]!]!;
      candidatePot[t] = 0;
    }
    // Points no candidate can get closer to add their current distance to every candidate's potential; only the
    // others (listed in `near`) get distances computed and stored.
    let unchanged = 0;
    let nNear = 0;
    for (let i = 0; i < n; i++) {
      const cl = closest[i]!;
      const o = owner[i]!;
      let needed = false;
      for (let t = 0; t < trials; t++) if (toCentres[t * k + o]! < 4 * cl) needed = true;
      if (!needed) {
        unchanged += cl;
        continue;
      }
      for (let g = 0; g < groups; g++) dots4(X, i * d, packed, g * 4 * d, d, dots, g * 4);
      const xn = xNorms[i]!;
      const base = nNear * trials;
      for (let t = 0; t < trials; t++) {
        const dist = xn + candidateNorm[t]! - 2 * dots[t]!;
        const v = dist < cl ? Math.max(dist, 0) : cl;
        candidateDist[base + t] = v;
        candidatePot[t]! += v;
      }
      near[nNear++] = i;
    }
    let best = 0;
    for (let t = 0; t < trials; t++) candidatePot[t]! += unchanged;
    for (let t = 1; t < trials; t++) if (candidatePot[t]! < candidatePot[best]!) best = t;
    pot = candidatePot[best]!;
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
