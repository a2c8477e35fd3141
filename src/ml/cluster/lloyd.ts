import { type AssignmentInput, centrePairDistances, rowSquaredNorms } from "./kmeans-loops.js";
import type { KMeansWorkspace } from "./kmeans-workspace.js";

/** What one k-means run found. */
export interface LloydResult {
  readonly labels: Int32Array;
  readonly inertia: number;
  readonly centres: Float64Array;
  readonly nIter: number;
}

/**
 * Where a run starts: the initial centres and, when the seeding already knows them (k-means++ does), each
 * point's nearest initial centre and squared distance to it, which saves the first labelling pass.
 */
export interface LloydStart {
  readonly centres: Float64Array;
  readonly labels?: Int32Array;
  readonly dist?: Float64Array;
}

/** Buffers of a Lloyd run, allocated once per fit and reused by every run and iteration. */
export interface LloydScratch {
  readonly labels: Int32Array;
  readonly labelsOld: Int32Array;
  readonly minDist: Float64Array;
  readonly counts: Float64Array;
  readonly shift: Float64Array;
  readonly cNorms: Float64Array;
  readonly cc: Float64Array;
  readonly centresA: Float64Array;
  readonly centresB: Float64Array;
}

/** The workspace room a Lloyd scratch takes. */
export function lloydScratchSize(n: number, k: number, d: number): { doubles: number; ints: number; arrays: number } {
  return { doubles: n + 3 * k + k * k + 2 * k * d, ints: 2 * n, arrays: 9 };
}

/** Buffers for runs on n samples and k centres, in the workspace. */
export function lloydScratch(ws: KMeansWorkspace, n: number, k: number, d: number): LloydScratch {
  return {
    labels: ws.i32(n),
    labelsOld: ws.i32(n),
    minDist: ws.f64(n),
    counts: ws.f64(k),
    shift: ws.f64(k),
    cNorms: ws.f64(k),
    cc: ws.f64(k * k),
    centresA: ws.f64(k * d),
    centresB: ws.f64(k * d),
  };
}

/**
 * One k-means run with Lloyd's algorithm, following scikit-learn's _kmeans_single_lloyd: stop when the labels do
 * not change (strict convergence) or when the summed squared centre shift is ≤ tol; otherwise label once more
 * with the final centres. Inertia is computed on those labels and centres.
 */
export function lloydRun(
  ws: KMeansWorkspace,
  X: Float64Array,
  n: number,
  d: number,
  xNorms: Float64Array,
  init: LloydStart,
  k: number,
  maxIter: number,
  tol: number,
  s: LloydScratch,
): LloydResult {
  let centres = s.centresA;
  let centresNew = s.centresB;
  centres.set(init.centres);
  s.labels.fill(-1);
  s.labelsOld.fill(-1);
  let strict = false;
  let nIter = 0;
  for (let it = 0; it < maxIter; it++) {
    nIter = it + 1;
    if (it === 0 && init.labels && init.dist) {
      s.labels.set(init.labels);
      s.minDist.set(init.dist);
    } else {
      ws.assignNearest(assignmentInput(X, n, d, xNorms, centres, k, s), s.labels, s.minDist, true);
    }
    updateCentres(ws, X, n, d, centres, centresNew, k, s);
    const tmp = centres;
    centres = centresNew;
    centresNew = tmp;
    if (sameArrays(s.labels, s.labelsOld)) {
      strict = true;
      break;
    }
    let shiftTotal = 0;
    for (let c = 0; c < k; c++) shiftTotal += s.shift[c]! * s.shift[c]!;
    if (shiftTotal <= tol) break;
    s.labelsOld.set(s.labels);
  }
  if (!strict) ws.assignNearest(assignmentInput(X, n, d, xNorms, centres, k, s), s.labels, s.minDist, true);
  const inertia = ws.inertia(X, n, d, centres, s.labels);
  // Copies: the next run reuses the workspace.
  return { labels: s.labels.slice(), inertia, centres: centres.slice(), nIter };
}

/** The nearest-centre search inputs for the given centres (norms and pair distances refreshed in the scratch). */
export function assignmentInput(
  X: Float64Array,
  n: number,
  d: number,
  xNorms: Float64Array,
  centres: Float64Array,
  k: number,
  s: Pick<LloydScratch, "cNorms" | "cc">,
): AssignmentInput {
  rowSquaredNorms(centres, k, d, s.cNorms);
  centrePairDistances(centres, k, d, s.cc);
  return { X, n, d, xNorms, centres, k, cNorms: s.cNorms, cc: s.cc };
}

/** Writes the new centres (means of their points, after the labelling) and each centre's shift. */
function updateCentres(
  ws: KMeansWorkspace,
  X: Float64Array,
  n: number,
  d: number,
  centres: Float64Array,
  centresNew: Float64Array,
  k: number,
  s: LloydScratch,
): void {
  const { labels, counts, shift } = s;
  centresNew.fill(0);
  counts.fill(0);
  ws.accumulate(X, n, d, labels, centresNew, counts);
  relocateEmptyClusters(X, d, k, centresNew, s);
  let biggest = 0;
  for (let c = 1; c < k; c++) if (counts[c]! > counts[biggest]!) biggest = c;
  for (let c = 0; c < k; c++) {
    const co = c * d;
    if (counts[c]! > 0) {
      const inv = 1 / counts[c]!;
      for (let j = 0; j < d; j++) centresNew[co + j]! *= inv;
    }
  }
  // Empty clusters sit on the biggest one rather than at the origin, like scikit-learn's _average_centers.
  for (let c = 0; c < k; c++) {
    if (counts[c]! > 0) continue;
    for (let j = 0; j < d; j++) centresNew[c * d + j] = centresNew[biggest * d + j]!;
  }
  for (let c = 0; c < k; c++) {
    let sum = 0;
    for (let j = 0; j < d; j++) {
      const t = centresNew[c * d + j]! - centres[c * d + j]!;
      sum += t * t;
    }
    shift[c] = Math.sqrt(sum);
  }
}

/**
 * scikit-learn's _relocate_empty_clusters_dense: each empty cluster takes one of the points farthest from their
 * current centre (the point keeps its label; only the running sums move).
 */
function relocateEmptyClusters(X: Float64Array, d: number, k: number, sums: Float64Array, s: LloydScratch): void {
  const { counts, minDist, labels } = s;
  let nEmpty = 0;
  for (let c = 0; c < k; c++) if (counts[c] === 0) nEmpty++;
  if (nEmpty === 0) return;
  const taken: number[] = [];
  for (let c = 0; c < k; c++) {
    if (counts[c] !== 0) continue;
    let far = -1;
    for (let i = 0; i < minDist.length; i++) {
      if ((far < 0 || minDist[i]! > minDist[far]!) && !taken.includes(i)) far = i;
    }
    if (far < 0 || minDist[far]! === 0) return;
    taken.push(far);
    const old = labels[far]!;
    for (let j = 0; j < d; j++) {
      sums[old * d + j]! -= X[far * d + j]!;
      sums[c * d + j] = X[far * d + j]!;
    }
    counts[c] = 1;
    counts[old]! -= 1;
  }
}

function sameArrays(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when two labelings are the same partition up to renaming the clusters (scikit-learn's check). */
export function isSameClustering(a: Int32Array, b: Int32Array, k: number): boolean {
  const mapping = new Int32Array(k).fill(-1);
  for (let i = 0; i < a.length; i++) {
    const m = mapping[a[i]!]!;
    if (m === -1) mapping[a[i]!] = b[i]!;
    else if (m !== b[i]) return false;
  }
  return true;
}
