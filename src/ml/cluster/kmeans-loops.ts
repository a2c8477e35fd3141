/**
 * The hot loops of k-means in plain JavaScript; kmeans-kernel.wat is the same code with SIMD dot products, and
 * these run where WebAssembly is unavailable. Squared distances use ‖x‖² + ‖c‖² − 2x·c with precomputed norms
 * (like scikit-learn), and centres that the triangle inequality proves farther than the best so far are skipped:
 * if ‖c_best − c‖ ≥ 2‖x − c_best‖ then ‖x − c‖ ≥ ‖x − c_best‖. The skip changes no result (only exact ties may
 * resolve differently) but avoids most distance computations once clusters separate.
 */

/** Squared row norms of a row-major n×d block. */
export function rowSquaredNorms(
  data: Float64Array,
  n: number,
  d: number,
  out: Float64Array = new Float64Array(n),
): Float64Array {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = data[o + j]!;
      s += v * v;
    }
    out[i] = s;
  }
  return out;
}

/** Squared distances between every pair of the k centres, k×k row-major, into `out`. */
export function centrePairDistances(centres: Float64Array, k: number, d: number, out: Float64Array): Float64Array {
  for (let a = 0; a < k; a++) {
    out[a * k + a] = 0;
    for (let b = a + 1; b < k; b++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = centres[a * d + j]! - centres[b * d + j]!;
        s += t * t;
      }
      out[a * k + b] = s;
      out[b * k + a] = s;
    }
  }
  return out;
}

/** x·c for row i of X and row c of the centres, unrolled by four. */
export function rowDot(X: Float64Array, xo: number, C: Float64Array, co: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < d; j += 4) {
    s0 += X[xo + j]! * C[co + j]!;
    s1 += X[xo + j + 1]! * C[co + j + 1]!;
    s2 += X[xo + j + 2]! * C[co + j + 2]!;
    s3 += X[xo + j + 3]! * C[co + j + 3]!;
  }
  for (; j < d; j++) s0 += X[xo + j]! * C[co + j]!;
  return s0 + s1 + (s2 + s3);
}

/** Buffers and inputs of one assignment pass; allocated once per fit or predict. */
export interface AssignmentInput {
  readonly X: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly xNorms: Float64Array;
  readonly centres: Float64Array;
  readonly k: number;
  /** Squared norms of the centres (k). */
  readonly cNorms: Float64Array;
  /** Squared centre-to-centre distances (k×k). */
  readonly cc: Float64Array;
}

/**
 * Labels every row with its nearest centre (lowest index on ties) and writes the squared distance to it.
 * When `warmStart` is set, the current labels are tried first: after the first Lloyd iterations they are usually
 * still right, and a good first guess lets the triangle test skip almost every other centre.
 */
export function assignNearest(
  input: AssignmentInput,
  labels: Int32Array,
  minDist: Float64Array,
  warmStart: boolean,
): void {
  const { X, n, d, xNorms, centres, k, cNorms, cc } = input;
  for (let i = 0; i < n; i++) {
    const xo = i * d;
    const xn = xNorms[i]!;
    let best = warmStart ? labels[i]! : 0;
    if (best < 0 || best >= k) best = 0;
    let bestD = xn + cNorms[best]! - 2 * rowDot(X, xo, centres, best * d, d);
    for (let c = 0; c < k; c++) {
      if (c === best) continue;
      if (cc[best * k + c]! >= 4 * bestD) continue;
      const dist = xn + cNorms[c]! - 2 * rowDot(X, xo, centres, c * d, d);
      if (dist < bestD || (dist === bestD && c < best)) {
        best = c;
        bestD = dist;
      }
    }
    labels[i] = best;
    minDist[i] = Math.max(bestD, 0);
  }
}

/** Σ‖x_i − c_{label_i}‖², computed from differences (not norms) for accuracy, like scikit-learn's _inertia_dense. */
export function inertiaOf(X: Float64Array, n: number, d: number, centres: Float64Array, labels: Int32Array): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const xo = i * d;
    const co = labels[i]! * d;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const t = X[xo + j]! - centres[co + j]!;
      s += t * t;
    }
    total += s;
  }
  return total;
}

/** Inputs of one k-means++ round (see plusPlusRound). */
export interface PlusPlusRoundInput {
  readonly X: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly xNorms: Float64Array;
  readonly closest: Float64Array;
  readonly owner: Int32Array;
  readonly k: number;
  readonly trials: number;
  /** Row index of each candidate. */
  readonly candidates: Int32Array;
  readonly candidateNorms: Float64Array;
  /** Squared distance of candidate t to chosen centre a at [t·k + a]. */
  readonly toCentres: Float64Array;
  /** Out: distances to the candidates of the listed points, [q·trials + t]. */
  readonly candidateDist: Float64Array;
  /** Out: the listed points. */
  readonly near: Int32Array;
  /** Out: each candidate's potential over the listed points, then at [trials] the others' summed distance. */
  readonly pots: Float64Array;
}

/**
 * One round of greedy k-means++ over all points: a point whose current centre is at least twice its distance away
 * from every candidate cannot get closer to any of them, so it only adds its distance to every potential; the others
 * get their distances to all candidates computed and listed. Returns the number of listed points.
 */
export function plusPlusRound(r: PlusPlusRoundInput): number {
  const { X, n, d, xNorms, closest, owner, k, trials, candidates, candidateNorms, toCentres } = r;
  const { candidateDist, near, pots } = r;
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
    const xn = xNorms[i]!;
    const base = nNear * trials;
    for (let t = 0; t < trials; t++) {
      const dist = xn + candidateNorms[t]! - 2 * rowDot(X, i * d, X, candidates[t]! * d, d);
      const v = dist < cl ? Math.max(dist, 0) : cl;
      candidateDist[base + t] = v;
      pots[t]! += v;
    }
    near[nNear++] = i;
  }
  pots[trials] = unchanged;
  return nNear;
}

/** sums[label_i] += x_i and counts[label_i] += 1. */
export function accumulateRows(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  sums: Float64Array,
  counts: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    counts[c]! += 1;
    const co = c * d;
    const xo = i * d;
    for (let j = 0; j < d; j++) sums[co + j]! += X[xo + j]!;
  }
}
