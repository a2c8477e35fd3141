import type { SeededRandom } from "../../core/index.js";

/** The end state of `enetCoordinateDescent`. */
export interface CoordinateDescentResult {
  readonly coef: Float64Array;
  /** The last duality gap computed, in the solver's (unscaled) units. */
  readonly gap: number;
  /** The tolerance the gap was compared with: tol · ‖y‖². */
  readonly tol: number;
  /** Passes over the features (scikit-learn's n_iter_). */
  readonly nIter: number;
  readonly converged: boolean;
}

/**
 * Coordinate descent for the elastic net, step for step as scikit-learn's cd_fast.enet_coordinate_descent, so that
 * coefficients match scikit-learn's at the same tol, not only at the optimum. Minimises
 *   ½‖y − Xw‖² + l1Reg‖w‖₁ + ½ l2Reg‖w‖²
 * over X given column-major (column j at xCols[j·n .. j·n + n)). A pass whose largest coefficient change is below
 * tol relative to the largest coefficient triggers the duality-gap check, which stops when gap < tol · ‖y‖².
 */
export function enetCoordinateDescent(
  xCols: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  l1Reg: number,
  l2Reg: number,
  maxIter: number,
  tol: number,
  options: { positive?: boolean; random?: SeededRandom | null } = {},
): CoordinateDescentResult {
  const positive = options.positive ?? false;
  const random = options.random ?? null;
  const w = new Float64Array(p);
  const normCols = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    const c = j * n;
    for (let i = 0; i < n; i++) s += xCols[c + i]! * xCols[c + i]!;
    normCols[j] = s;
  }
  // R = y − Xw with w = 0.
  const R = Float64Array.from(y);
  const XtA = new Float64Array(p);
  let yy = 0;
  for (let i = 0; i < n; i++) yy += y[i]! * y[i]!;
  const gapTol = tol * yy;
  let gap = gapTol + 1;
  let iter = 0;
  let converged = false;
  for (iter = 0; iter < maxIter; iter++) {
    let wMax = 0;
    let dwMax = 0;
    for (let f = 0; f < p; f++) {
      const j = random ? random.int(p) : f;
      const nj = normCols[j]!;
      if (nj === 0) continue;
      const c = j * n;
      const wj = w[j]!;
      if (wj !== 0) for (let i = 0; i < n; i++) R[i] += wj * xCols[c + i]!;
      let tmp = 0;
      for (let i = 0; i < n; i++) tmp += xCols[c + i]! * R[i]!;
      let next: number;
      if (positive && tmp < 0) next = 0;
      else next = (Math.sign(tmp) * Math.max(Math.abs(tmp) - l1Reg, 0)) / (nj + l2Reg);
      w[j] = next;
      if (next !== 0) for (let i = 0; i < n; i++) R[i] -= next * xCols[c + i]!;
      const dw = Math.abs(next - wj);
      if (dw > dwMax) dwMax = dw;
      if (Math.abs(next) > wMax) wMax = Math.abs(next);
    }
    if (wMax === 0 || dwMax / wMax < tol || iter === maxIter - 1) {
      gap = dualityGap(xCols, n, p, y, R, w, XtA, l1Reg, l2Reg, positive);
      if (gap < gapTol) {
        converged = true;
        break;
      }
    }
  }
  // scikit-learn reports the index of the last pass plus one (maxIter when the loop ran out).
  return { coef: w, gap, tol: gapTol, nIter: converged ? iter + 1 : maxIter, converged };
}

/** The elastic-net duality gap at w with residual R (the dual point is R scaled into the feasible set). */
function dualityGap(
  xCols: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  R: Float64Array,
  w: Float64Array,
  XtA: Float64Array,
  l1Reg: number,
  l2Reg: number,
  positive: boolean,
): number {
  let dualNorm = 0;
  for (let j = 0; j < p; j++) {
    const c = j * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += xCols[c + i]! * R[i]!;
    const v = s - l2Reg * w[j]!;
    XtA[j] = v;
    const a = positive ? v : Math.abs(v);
    if (a > dualNorm) dualNorm = a;
  }
  let rNorm2 = 0;
  let ry = 0;
  for (let i = 0; i < n; i++) {
    rNorm2 += R[i]! * R[i]!;
    ry += R[i]! * y[i]!;
  }
  let wNorm2 = 0;
  let l1 = 0;
  for (let j = 0; j < p; j++) {
    wNorm2 += w[j]! * w[j]!;
    l1 += Math.abs(w[j]!);
  }
  let konst: number;
  let gap: number;
  if (dualNorm > l1Reg) {
    konst = l1Reg / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * konst * konst);
  } else {
    konst = 1;
    gap = rNorm2;
  }
  return gap + l1Reg * l1 - konst * ry + 0.5 * l2Reg * (1 + konst * konst) * wNorm2;
}
