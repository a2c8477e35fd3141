import type { SeededRandom } from "../../core/index.js";
import { CsrMatrix, type Matrix } from "../matrix.js";

/** One binary problem for `svcDualCoordinateDescent`. */
export interface SvcDualProblem {
  readonly X: Matrix | CsrMatrix;
  /** +1 / −1 per row. */
  readonly y: Int8Array;
  /** Per-row C (C × class weight × sample weight). */
  readonly C: Float64Array;
  /** The value of the extra constant feature (liblinear's bias = intercept scaling); 0 for none. */
  readonly bias: number;
  readonly loss: "squared_hinge" | "hinge";
  readonly tol: number;
  readonly maxIter: number;
  readonly random: SeededRandom;
}

/** The primal weights (features, then the bias weight when bias > 0) and how the solver ended. */
export interface SvcDualResult {
  readonly w: Float64Array;
  readonly nIter: number;
  readonly converged: boolean;
}

/**
 * liblinear's dual coordinate descent for L2-regularised linear SVMs (solve_l2r_l1l2_svc, Hsieh et al. 2008):
 * minimises ½αᵀQ̄α − eᵀα over 0 ≤ αᵢ ≤ Uᵢ with Q̄ = Q + D, where squared hinge has Dᵢᵢ = 1/(2Cᵢ), Uᵢ = ∞ and hinge
 * Dᵢᵢ = 0, Uᵢ = Cᵢ, keeping w = Σ αᵢ yᵢ xᵢ up to date. Rows are visited in a fresh random order each pass, bound
 * variables whose projected gradient points outward are shrunk away, and the run stops when the spread of
 * projected gradients is ≤ tol on the full set. The primal optimum is unique, so any visiting order reaches the
 * same w as liblinear.
 */
export function svcDualCoordinateDescent(problem: SvcDualProblem): SvcDualResult {
  const { X, y, C, bias, loss, tol, maxIter, random } = problem;
  const l = X.rows;
  const p = X.cols;
  const hasBias = bias > 0;
  const w = new Float64Array(p + (hasBias ? 1 : 0));
  const alpha = new Float64Array(l);
  const diag = new Float64Array(l);
  const upper = new Float64Array(l);
  const QD = new Float64Array(l);
  const index = new Int32Array(l);
  const sparse = X instanceof CsrMatrix;
  const indptr = sparse ? X.indptr : null;
  const indices = sparse ? X.indices : null;
  const v = X.data;
  for (let i = 0; i < l; i++) {
    diag[i] = loss === "squared_hinge" ? 0.5 / C[i]! : 0;
    upper[i] = loss === "squared_hinge" ? Number.POSITIVE_INFINITY : C[i]!;
    const start = indptr ? indptr[i]! : i * p;
    const end = indptr ? indptr[i + 1]! : start + p;
    let nrm = bias * bias;
    for (let q = start; q < end; q++) nrm += v[q]! * v[q]!;
    QD[i] = diag[i]! + nrm;
    index[i] = i;
  }
  let active = l;
  let pgMaxOld = Number.POSITIVE_INFINITY;
  let pgMinOld = Number.NEGATIVE_INFINITY;
  let iter = 0;
  let converged = false;
  while (iter < maxIter) {
    let pgMaxNew = Number.NEGATIVE_INFINITY;
    let pgMinNew = Number.POSITIVE_INFINITY;
    for (let i = 0; i < active; i++) {
      const j = i + random.int(active - i);
      const t = index[i]!;
      index[i] = index[j]!;
      index[j] = t;
    }
    for (let s = 0; s < active; s++) {
      const i = index[s]!;
      const yi = y[i]!;
      const start = indptr ? indptr[i]! : i * p;
      const end = indptr ? indptr[i + 1]! : start + p;
      // Two accumulators: one long chain of gathered products is latency-bound in V8.
      let d0 = hasBias ? w[p]! * bias : 0;
      let d1 = 0;
      let q = start;
      if (indices) {
        for (; q + 1 < end; q += 2) {
          d0 += w[indices[q]!]! * v[q]!;
          d1 += w[indices[q + 1]!]! * v[q + 1]!;
        }
        if (q < end) d0 += w[indices[q]!]! * v[q]!;
      } else {
        for (let j = 0; q + 1 < end; q += 2, j += 2) {
          d0 += w[j]! * v[q]!;
          d1 += w[j + 1]! * v[q + 1]!;
        }
        if (q < end) d0 += w[p - 1]! * v[q]!;
      }
      const dotw = d0 + d1;
      const ai = alpha[i]!;
      const G = yi * dotw - 1 + ai * diag[i]!;
      const Ui = upper[i]!;
      let PG = 0;
      if (ai === 0) {
        if (G > pgMaxOld) {
          // Shrink: at the lower bound with an outward gradient, it is unlikely to move.
          active--;
          index[s] = index[active]!;
          index[active] = i;
          s--;
          continue;
        }
        if (G < 0) PG = G;
      } else if (ai === Ui) {
        if (G < pgMinOld) {
          active--;
          index[s] = index[active]!;
          index[active] = i;
          s--;
          continue;
        }
        if (G > 0) PG = G;
      } else {
        PG = G;
      }
      if (PG > pgMaxNew) pgMaxNew = PG;
      if (PG < pgMinNew) pgMinNew = PG;
      if (Math.abs(PG) > 1e-12) {
        const next = Math.min(Math.max(ai - G / QD[i]!, 0), Ui);
        alpha[i] = next;
        const d = (next - ai) * yi;
        if (indices) for (let q = start; q < end; q++) w[indices[q]!] += d * v[q]!;
        else for (let q = start, j = 0; q < end; q++, j++) w[j] += d * v[q]!;
        if (hasBias) w[p] += d * bias;
      }
    }
    iter++;
    if (pgMaxNew - pgMinNew <= tol) {
      if (active === l) {
        converged = true;
        break;
      }
      // Converged on the shrunk set: check once more on all variables.
      active = l;
      pgMaxOld = Number.POSITIVE_INFINITY;
      pgMinOld = Number.NEGATIVE_INFINITY;
      continue;
    }
    pgMaxOld = pgMaxNew <= 0 ? Number.POSITIVE_INFINITY : pgMaxNew;
    pgMinOld = pgMinNew >= 0 ? Number.NEGATIVE_INFINITY : pgMinNew;
  }
  return { w, nIter: iter, converged };
}
