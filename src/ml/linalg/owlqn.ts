import type { LbfgsOptions, MinimizeResult, Objective } from "./lbfgs.js";
import { LbfgsMemory } from "./lbfgs-memory.js";

const MAX_BACKTRACKS = 60;

/**
 * Minimises f(x) + Σⱼ λⱼ|xⱼ| for a smooth f by OWL-QN (Andrew & Gao 2007): L-BFGS on the pseudo-gradient, with
 * steps kept in the orthant of the current point so that coordinates reach exactly zero, and a backtracking line
 * search on the full objective. `l1` gives λ per coordinate (0 leaves a coordinate, e.g. an intercept, unpenalised).
 * Stops like `minimizeLbfgs`: max |pseudo-gradient| ≤ gtol, or a relative reduction of the objective ≤ ftol.
 * The result's `f` is the full objective and `grad` the pseudo-gradient.
 */
export function minimizeOwlqn(
  fun: Objective,
  x0: ArrayLike<number>,
  l1: ArrayLike<number>,
  options: LbfgsOptions = {},
): MinimizeResult {
  const maxIter = options.maxIter ?? 15000;
  const gtol = options.gtol ?? 1e-5;
  const ftol = options.ftol ?? 2.220446049250313e-9;
  const maxEvals = options.maxEvaluations ?? 15000;
  const n = x0.length;
  const memory = new LbfgsMemory(n, options.memory ?? 10);
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  const pg = new Float64Array(n);
  const d = new Float64Array(n);
  let F = fun(x, g) + l1Norm(x, l1);
  let evaluations = 1;
  let iterations = 0;
  const done = (converged: boolean, message: string): MinimizeResult => ({
    x,
    f: F,
    grad: pg,
    iterations,
    evaluations,
    converged,
    message,
  });
  if (!Number.isFinite(F)) return done(false, "the objective is not finite at the starting point");

  while (true) {
    pseudoGradient(x, g, l1, pg);
    if (maxAbs(pg) <= gtol) return done(true, "pseudo-gradient below gtol");
    if (iterations >= maxIter) return done(false, "iteration limit reached");
    memory.direction(pg, d);
    // Keep only the components that descend along the pseudo-gradient.
    let dpg = 0;
    for (let i = 0; i < n; i++) {
      if (d[i]! * pg[i]! >= 0) d[i] = 0;
      dpg += d[i]! * pg[i]!;
    }
    if (!(dpg < 0)) {
      memory.clear();
      for (let i = 0; i < n; i++) d[i] = -pg[i]!;
      dpg = 0;
      for (let i = 0; i < n; i++) dpg -= pg[i]! * pg[i]!;
    }
    let t = 1;
    if (memory.size === 0) {
      let norm = 0;
      for (let i = 0; i < n; i++) norm += d[i]! * d[i]!;
      t = 1 / Math.sqrt(norm);
    }
    let FNew = F;
    let accepted = false;
    for (let bt = 0; bt < MAX_BACKTRACKS; bt++) {
      if (evaluations >= maxEvals) return done(false, "evaluation limit reached");
      let decrease = 0;
      for (let i = 0; i < n; i++) {
        const xi = x[i]!;
        let v = xi + t * d[i]!;
        // The orthant of x (or, at zero, of the descent direction): crossing it clips to zero.
        const orthant = xi !== 0 ? xi : -pg[i]!;
        if (v * orthant < 0) v = 0;
        xNew[i] = v;
        decrease += pg[i]! * (v - xi);
      }
      FNew = fun(xNew, gNew) + l1Norm(xNew, l1);
      evaluations++;
      if (FNew <= F + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) {
      if (memory.size === 0) return done(false, "the line search failed");
      memory.clear();
      continue;
    }
    iterations++;
    memory.push(xNew, x, gNew, g);
    const FOld = F;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    F = FNew;
    if (FOld - F <= ftol * Math.max(Math.abs(FOld), Math.abs(F), 1)) {
      pseudoGradient(x, g, l1, pg);
      return done(true, "relative reduction of the objective below ftol");
    }
  }
}

function l1Norm(x: Float64Array, l1: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += l1[i]! * Math.abs(x[i]!);
  return s;
}

/** The minimum-norm subgradient of f + Σ λ|x|: zero where the l1 term can absorb the gradient. */
function pseudoGradient(x: Float64Array, g: Float64Array, l1: ArrayLike<number>, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) {
    const lam = l1[i]!;
    const xi = x[i]!;
    const gi = g[i]!;
    if (xi > 0) out[i] = gi + lam;
    else if (xi < 0) out[i] = gi - lam;
    else if (gi + lam < 0) out[i] = gi + lam;
    else if (gi - lam > 0) out[i] = gi - lam;
    else out[i] = 0;
  }
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]!);
    if (a > m || Number.isNaN(a)) m = a;
  }
  return m;
}
