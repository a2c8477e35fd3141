/** y = A v for a symmetric positive definite operator A, written into `out`. */
export type LinearOperator = (v: Float64Array, out: Float64Array) => void;

/** Options of `conjugateGradient`. */
export interface ConjugateGradientOptions {
  /** Stop when ‖b − A x‖ ≤ tol · ‖b‖. Default 1e-10. */
  readonly tol?: number;
  /** Default: 10 × the dimension. */
  readonly maxIter?: number;
}

/** The solution and how it was reached. */
export interface ConjugateGradientResult {
  readonly x: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Solves A x = b for a symmetric positive definite operator by conjugate gradients (scipy.sparse.linalg.cg without
 * preconditioner), starting from zero. The residual is recomputed from A x every 50 iterations so that rounding in
 * the recurrence cannot fake convergence at tight tolerances.
 */
export function conjugateGradient(
  apply: LinearOperator,
  b: Float64Array,
  options: ConjugateGradientOptions = {},
): ConjugateGradientResult {
  const n = b.length;
  const tol = options.tol ?? 1e-10;
  const maxIter = options.maxIter ?? 10 * n;
  const x = new Float64Array(n);
  const r = Float64Array.from(b);
  const p = Float64Array.from(b);
  const Ap = new Float64Array(n);
  let bnorm = 0;
  for (let i = 0; i < n; i++) bnorm += b[i]! * b[i]!;
  bnorm = Math.sqrt(bnorm);
  if (bnorm === 0) return { x, iterations: 0, converged: true };
  let rr = bnorm * bnorm;
  const target = tol * bnorm;
  for (let it = 1; it <= maxIter; it++) {
    apply(p, Ap);
    let pAp = 0;
    for (let i = 0; i < n; i++) pAp += p[i]! * Ap[i]!;
    if (!(pAp > 0)) return { x, iterations: it, converged: false };
    const alpha = rr / pAp;
    for (let i = 0; i < n; i++) {
      x[i] += alpha * p[i]!;
      r[i] -= alpha * Ap[i]!;
    }
    if (it % 50 === 0) {
      apply(x, Ap);
      for (let i = 0; i < n; i++) r[i] = b[i]! - Ap[i]!;
    }
    let rrNew = 0;
    for (let i = 0; i < n; i++) rrNew += r[i]! * r[i]!;
    if (Math.sqrt(rrNew) <= target) return { x, iterations: it, converged: true };
    const beta = rrNew / rr;
    rr = rrNew;
    for (let i = 0; i < n; i++) p[i] = r[i]! + beta * p[i]!;
  }
  return { x, iterations: maxIter, converged: false };
}
