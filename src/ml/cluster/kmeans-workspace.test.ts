import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../core/index.js";
import {
  accumulateRows,
  assignNearest,
  centrePairDistances,
  inertiaOf,
  plusPlusRound,
  rowSquaredNorms,
} from "./kmeans-loops.js";
import { KMeansWorkspace } from "./kmeans-workspace.js";

const n = 257;
const d = 7;
const k = 6;
const rng = new SeededRandom(5);
const Xjs = Float64Array.from({ length: n * d }, () => rng.normal() * 3);
const Cjs = Float64Array.from({ length: k * d }, () => rng.normal() * 3);

function workspaceCopies() {
  const ws = new KMeansWorkspace(n * d + 10 * n + k * d + 2 * k + k * k + 64, 3 * n, 20);
  const X = ws.f64(n * d);
  X.set(Xjs);
  const C = ws.f64(k * d);
  C.set(Cjs);
  return { ws, X, C };
}

describe("KMeansWorkspace (SIMD kernel) agrees with the JavaScript loops", () => {
  it("row norms, nearest centres (cold and warm), sums and inertia", () => {
    const { ws, X, C } = workspaceCopies();
    const xn = ws.f64(n);
    ws.rowNorms(X, n, d, xn);
    const xnJs = rowSquaredNorms(Xjs, n, d);
    for (let i = 0; i < n; i++) expect(xn[i]).toBeCloseTo(xnJs[i]!, 10);

    const cNorms = ws.f64(k);
    const cc = ws.f64(k * k);
    rowSquaredNorms(C, k, d, cNorms);
    centrePairDistances(C, k, d, cc);
    const labels = ws.i32(n);
    const minDist = ws.f64(n);
    const labelsJs = new Int32Array(n);
    const minDistJs = new Float64Array(n);
    const input = { X, n, d, xNorms: xn, centres: C, k, cNorms, cc };
    const inputJs = { ...input, X: Xjs, xNorms: xnJs, centres: Cjs, cNorms: cNorms.slice(), cc: cc.slice() };
    for (const warm of [false, true]) {
      ws.assignNearest(input, labels, minDist, warm);
      assignNearest(inputJs, labelsJs, minDistJs, warm);
      expect(Array.from(labels)).toEqual(Array.from(labelsJs));
      for (let i = 0; i < n; i++) expect(minDist[i]).toBeCloseTo(minDistJs[i]!, 9);
    }

    const sums = ws.f64(k * d);
    const counts = ws.f64(k);
    const sumsJs = new Float64Array(k * d);
    const countsJs = new Float64Array(k);
    ws.accumulate(X, n, d, labels, sums, counts);
    accumulateRows(Xjs, n, d, labelsJs, sumsJs, countsJs);
    expect(Array.from(counts)).toEqual(Array.from(countsJs));
    for (let q = 0; q < k * d; q++) expect(sums[q]).toBeCloseTo(sumsJs[q]!, 9);
    expect(ws.inertia(X, n, d, C, labels)).toBeCloseTo(inertiaOf(Xjs, n, d, Cjs, labelsJs), 8);
  });

  it("one k-means++ round lists the same points with the same distances and potentials", () => {
    const { ws, X } = workspaceCopies();
    const xn = ws.f64(n);
    ws.rowNorms(X, n, d, xn);
    const trials = 3;
    const closest = ws.f64(n);
    const owner = ws.i32(n);
    for (let i = 0; i < n; i++) {
      closest[i] = 20 * rng.next();
      owner[i] = i % 2;
    }
    const candidates = Int32Array.from([3, 100, 200]);
    const offsets = ws.i32(trials);
    const candidateNorms = ws.f64(trials);
    for (let t = 0; t < trials; t++) {
      offsets[t] = ws.rowOffset(X, candidates[t]!, d);
      candidateNorms[t] = xn[candidates[t]!]!;
    }
    const toCentres = ws.f64(trials * k);
    for (let q = 0; q < toCentres.length; q++) toCentres[q] = 40 * rng.next();
    const common = { n, d, k, trials, candidates, owner, closest, toCentres };
    const out = { candidateDist: ws.f64(trials * n), near: ws.i32(n), pots: ws.f64(trials + 1) };
    const outJs = {
      candidateDist: new Float64Array(trials * n),
      near: new Int32Array(n),
      pots: new Float64Array(trials + 1),
    };
    const m = ws.plusPlusRound({ ...common, X, xNorms: xn, candidateNorms, ...out }, offsets);
    const mJs = plusPlusRound({
      ...common,
      X: Xjs,
      xNorms: rowSquaredNorms(Xjs, n, d),
      candidateNorms: candidateNorms.slice(),
      ...outJs,
    });
    expect(m).toBe(mJs);
    expect(m).toBeGreaterThan(0);
    expect(Array.from(out.near.subarray(0, m))).toEqual(Array.from(outJs.near.subarray(0, m)));
    for (let q = 0; q < m * trials; q++) expect(out.candidateDist[q]).toBeCloseTo(outJs.candidateDist[q]!, 9);
    for (let t = 0; t <= trials; t++) expect(out.pots[t]).toBeCloseTo(outJs.pots[t]!, 8);
  });
});
