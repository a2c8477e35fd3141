import { LbfgsMemory } from "./lbfgs-memory.js";
import { MoreThuente } from "./line-search.js";

/** A smooth objective: returns f(x) and writes ∇f(x) into `grad` (no allocation needed per call). */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Options of `minimizeLbfgs`; the defaults are scipy's L-BFGS-B defaults. */
export interface LbfgsOptions {
  /** Maximum iterations (scipy `maxiter`). Default 15000. */
  readonly maxIter?: number;
  /** Stop when max |∂f/∂xᵢ| ≤ gtol (scipy `gtol`). Default 1e-5. */
  readonly gtol?: number;
  /** Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol (scipy `ftol` = factr · eps). Default 2.2e-9. */
  readonly ftol?: number;
  /** Number of correction pairs kept (scipy `maxcor`). Default 10. */
  readonly memory?: number;
  /** Maximum evaluations within one line search (scipy `maxls`). Default 20. */
  readonly maxLineSearch?: number;
  /** Maximum evaluations in all (scipy `maxfun`). Default 15000. */
  readonly maxEvaluations?: number;
}

/** The end point of a minimisation and why it stopped. */
export interface MinimizeResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly grad: Float64Array;
  readonly iterations: number;
  readonly evaluations: number;
  /** True when a tolerance was met (false: iteration or evaluation limit, or the line search failed). */
  readonly converged: boolean;
  readonly message: string;
}

/**
 * Minimises a smooth function by L-BFGS with the Moré–Thuente line search, following scipy's L-BFGS-B without
 * bounds: first step 1/‖g‖, then 1; the same stopping rules (projected gradient, relative reduction of f); and on a
 * failed line search one restart from steepest descent with the memory cleared before giving up.
 */
export function minimizeLbfgs(fun: Objective, x0: ArrayLike<number>, options: LbfgsOptions = {}): MinimizeResult {
  const maxIter = options.maxIter ?? 15000;
  const gtol = options.gtol ?? 1e-5;
  const ftol = options.ftol ?? 2.220446049250313e-9;
  const maxLs = options.maxLineSearch ?? 20;
  const maxEvals = options.maxEvaluations ?? 15000;
  const n = x0.length;
  const memory = new LbfgsMemory(n, options.memory ?? 10);
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  const d = new Float64Array(n);
  let f = fun(x, g);
  let evaluations = 1;
  let iterations = 0;
  const done = (converged: boolean, message: string): MinimizeResult => ({
    x,
    f,
    grad: g,
    iterations,
    evaluations,
    converged,
    message,
  });
  if (!Number.isFinite(f)) return done(false, "the objective is not finite at the starting point");
  if (maxAbs(g) <= gtol) return done(true, "projected gradient below gtol");

  while (true) {
    if (iterations >= maxIter) return done(false, "iteration limit reached");
    memory.direction(g, d);
    let gd = 0;
    for (let i = 0; i < n; i++) gd += g[i]! * d[i]!;
    if (!(gd < 0) && memory.size > 0) {
      // Not a descent direction (rounding in the memory): restart from steepest descent.
      memory.clear();
      continue;
    }
    let stp0 = 1;
    if (iterations === 0) {
      let dd = 0;
      for (let i = 0; i < n; i++) dd += d[i]! * d[i]!;
      stp0 = Math.min(1 / Math.sqrt(dd), 1e10);
    }
    const search = new MoreThuente(f, gd, stp0);
    if (search.invalid) return done(false, "the line search could not start (no descent direction)");
    let fNew = f;
    let accepted = false;
    for (let ls = 0; ls < maxLs; ls++) {
      if (evaluations >= maxEvals) return done(false, "evaluation limit reached");
      const stp = search.stp;
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + stp * d[i]!;
      fNew = fun(xNew, gNew);
      evaluations++;
      let gdNew = 0;
      for (let i = 0; i < n; i++) gdNew += gNew[i]! * d[i]!;
      const status = search.next(fNew, gdNew);
      if (status === "converged" || status === "warning") {
        accepted = Number.isFinite(fNew) && fNew <= f;
        break;
      }
      if (status === "error") break;
    }
    if (!accepted) {
      if (memory.size === 0) return done(false, "the line search failed");
      memory.clear();
      continue;
    }
    iterations++;
    memory.push(xNew, x, gNew, g);
    const fOld = f;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = fNew;
    if (maxAbs(g) <= gtol) return done(true, "projected gradient below gtol");
    if (fOld - f <= ftol * Math.max(Math.abs(fOld), Math.abs(f), 1)) {
      return done(true, "relative reduction of f below ftol");
    }
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
