/**
 * Nearest-centre search shared by KMeans fit, predict and k-means++. Squared distances use
 * ‖x‖² + ‖c‖² − 2x·c with precomputed norms (like scikit-learn), and centres that the triangle inequality proves
 * farther than the best so far are skipped: if ‖c_best − c‖ ≥ 2‖x − c_best‖ then ‖x − c‖ ≥ ‖x − c_best‖. The skip
 * changes no result (only exact ties may resolve differently) but avoids most distance computations once clusters
 * separate, which is what makes a single-threaded fit competitive with scikit-learn's OpenMP loops.
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

/**
 * Packs rows `ids` of X four by four, interleaved (group g, feature j, slot q at ((g·d + j)·4 + q)), padding the
 * last group with its last row, for dots4.
 */
export function packInGroups(X: Float64Array, ids: Int32Array, d: number, out: Float64Array): Float64Array {
  const groups = Math.ceil(ids.length / 4);
  for (let g = 0; g < groups; g++) {
    for (let q = 0; q < 4; q++) {
      const id = ids[Math.min(g * 4 + q, ids.length - 1)]!;
      for (let j = 0; j < d; j++) out[(g * d + j) * 4 + q] = X[id * d + j]!;
    }
  }
  return out;
}

/** The dot products of row X[xo..xo+d) with the four rows packed at `po` (see packInGroups), into out[oo..oo+4). */
export function dots4(
  X: Float64Array,
  xo: number,
  packed: Float64Array,
  po: number,
  d: number,
  out: Float64Array,
  oo: number,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let j = 0; j < d; j++) {
    const x = X[xo + j]!;
    const q = po + j * 4;
    s0 += x * packed[q]!;
    s1 += x * packed[q + 1]!;
    s2 += x * packed[q + 2]!;
    s3 += x * packed[q + 3]!;
  }
  out[oo] = s0;
  out[oo + 1] = s1;
  out[oo + 2] = s2;
  out[oo + 3] = s3;
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
