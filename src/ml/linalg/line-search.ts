/**
 * The Moré–Thuente line search (MINPACK-2's dcsrch/dcstep, as used by L-BFGS-B): finds a step satisfying the strong
 * Wolfe conditions f(stp) ≤ f(0) + ftol·stp·f'(0) and |f'(stp)| ≤ gtol·|f'(0)| by safeguarded cubic and quadratic
 * interpolation. Reverse communication: the caller evaluates f and f' at `stp` and calls `next` until it answers
 * something other than "evaluate".
 */

/** What the search wants next: another evaluation at `stp`, or it is done (converged or stopped by a warning). */
export type LineSearchStatus = "evaluate" | "converged" | "warning" | "error";

/** Tolerances of the search (L-BFGS-B's values by default). */
export interface MoreThuenteOptions {
  readonly ftol?: number;
  readonly gtol?: number;
  readonly xtol?: number;
  readonly stpmin?: number;
  readonly stpmax?: number;
}

const XTRAPL = 1.1;
const XTRAPU = 4.0;

/** One line search along a descent direction, started with f(0), f'(0) and a first trial step. */
export class MoreThuente {
  /** The step at which the caller must evaluate f next (or the accepted step once done). */
  stp: number;
  private readonly ftol: number;
  private readonly gtol: number;
  private readonly xtol: number;
  private readonly stpmin: number;
  private readonly stpmax: number;
  private brackt = false;
  private stage = 1;
  private readonly finit: number;
  private readonly ginit: number;
  private readonly gtest: number;
  private width: number;
  private width1: number;
  private stx = 0;
  private fx: number;
  private gx: number;
  private sty = 0;
  private fy: number;
  private gy: number;
  private stmin = 0;
  private stmax: number;

  constructor(f0: number, g0: number, stp: number, options: MoreThuenteOptions = {}) {
    this.ftol = options.ftol ?? 1e-3;
    this.gtol = options.gtol ?? 0.9;
    this.xtol = options.xtol ?? 0.1;
    this.stpmin = options.stpmin ?? 0;
    this.stpmax = options.stpmax ?? 1e10;
    this.stp = stp;
    this.finit = f0;
    this.ginit = g0;
    this.gtest = this.ftol * g0;
    this.width = this.stpmax - this.stpmin;
    this.width1 = this.width / 0.5;
    this.fx = f0;
    this.gx = g0;
    this.fy = f0;
    this.gy = g0;
    this.stmax = stp + XTRAPU * stp;
  }

  /** True when the search cannot start: a non-descent direction or a bad first step. */
  get invalid(): boolean {
    return !(this.ginit < 0) || this.stp < this.stpmin || this.stp > this.stpmax;
  }

  /** Feeds f(stp) and f'(stp); returns whether to evaluate again at the new `stp`. */
  next(f: number, g: number): LineSearchStatus {
    const ftest = this.finit + this.stp * this.gtest;
    if (this.stage === 1 && f <= ftest && g >= 0) this.stage = 2;
    if (this.brackt && (this.stp <= this.stmin || this.stp >= this.stmax)) return "warning";
    if (this.brackt && this.stmax - this.stmin <= this.xtol * this.stmax) return "warning";
    if (this.stp === this.stpmax && f <= ftest && g <= this.gtest) return "warning";
    if (this.stp === this.stpmin && (f > ftest || g >= this.gtest)) return "warning";
    if (f <= ftest && Math.abs(g) <= this.gtol * -this.ginit) return "converged";
    if (!Number.isFinite(f) || !Number.isFinite(g)) {
      // Not in MINPACK: an overflow at a long trial step is treated as "too far" so the search backs off.
      this.brackt = true;
      this.sty = this.stp;
      this.fy = Number.MAX_VALUE;
      this.gy = Number.MAX_VALUE;
      this.stp = this.stx + 0.5 * (this.stp - this.stx);
      this.stmin = Math.min(this.stx, this.sty);
      this.stmax = Math.max(this.stx, this.sty);
      return this.stp === this.stx ? "error" : "evaluate";
    }

    if (this.stage === 1 && f <= this.fx && f > ftest) {
      // The modified function ψ(stp) = f(stp) − f(0) − ftol·stp·f'(0) guides the first stage.
      const gt = this.gtest;
      const r = step(
        this.stx,
        this.fx - this.stx * gt,
        this.gx - gt,
        this.sty,
        this.fy - this.sty * gt,
        this.gy - gt,
        this.stp,
        f - this.stp * gt,
        g - gt,
        this.brackt,
        this.stmin,
        this.stmax,
      );
      this.stx = r.stx;
      this.fx = r.fx + r.stx * gt;
      this.gx = r.dx + gt;
      this.sty = r.sty;
      this.fy = r.fy + r.sty * gt;
      this.gy = r.dy + gt;
      this.brackt = r.brackt;
      this.stp = r.stp;
    } else {
      const r = step(
        this.stx,
        this.fx,
        this.gx,
        this.sty,
        this.fy,
        this.gy,
        this.stp,
        f,
        g,
        this.brackt,
        this.stmin,
        this.stmax,
      );
      this.stx = r.stx;
      this.fx = r.fx;
      this.gx = r.dx;
      this.sty = r.sty;
      this.fy = r.fy;
      this.gy = r.dy;
      this.brackt = r.brackt;
      this.stp = r.stp;
    }

    if (this.brackt) {
      // Bisect when the interval does not shrink fast enough.
      if (Math.abs(this.sty - this.stx) >= 0.66 * this.width1) this.stp = this.stx + 0.5 * (this.sty - this.stx);
      this.width1 = this.width;
      this.width = Math.abs(this.sty - this.stx);
      this.stmin = Math.min(this.stx, this.sty);
      this.stmax = Math.max(this.stx, this.sty);
    } else {
      this.stmin = this.stp + XTRAPL * (this.stp - this.stx);
      this.stmax = this.stp + XTRAPU * (this.stp - this.stx);
    }
    this.stp = Math.min(Math.max(this.stp, this.stpmin), this.stpmax);
    if (
      (this.brackt && (this.stp <= this.stmin || this.stp >= this.stmax)) ||
      (this.brackt && this.stmax - this.stmin <= this.xtol * this.stmax)
    ) {
      this.stp = this.stx;
    }
    return "evaluate";
  }

  /** The best step found so far (for callers that stop the search early). */
  get bestStep(): number {
    return this.stx;
  }
}

interface StepResult {
  stx: number;
  fx: number;
  dx: number;
  sty: number;
  fy: number;
  dy: number;
  stp: number;
  brackt: boolean;
}

/** dcstep: the safeguarded trial step and the updated interval of uncertainty. */
function step(
  stx: number,
  fx: number,
  dx: number,
  sty: number,
  fy: number,
  dy: number,
  stp: number,
  fp: number,
  dp: number,
  brackt: boolean,
  stpmin: number,
  stpmax: number,
): StepResult {
  const sgnd = dp * Math.sign(dx);
  let stpf: number;
  if (fp > fx) {
    // Higher function value: the minimum is bracketed.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dx / s) * (dp / s));
    if (stp < stx) gamma = -gamma;
    const p = gamma - dx + theta;
    const q = gamma - dx + gamma + dp;
    const r = p / q;
    const stpc = stx + r * (stp - stx);
    const stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx) / 2) * (stp - stx);
    stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
    brackt = true;
  } else if (sgnd < 0) {
    // Derivatives of opposite sign: bracketed.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dx / s) * (dp / s));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dx;
    const r = p / q;
    const stpc = stp + r * (stx - stp);
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
    brackt = true;
  } else if (Math.abs(dp) < Math.abs(dx)) {
    // Same sign, derivative magnitude decreases.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dx / s) * (dp / s)));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma + (dx - dp) + gamma;
    const r = p / q;
    let stpc: number;
    if (r < 0 && gamma !== 0) stpc = stp + r * (stx - stp);
    else if (stp > stx) stpc = stpmax;
    else stpc = stpmin;
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (brackt) {
      stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
      if (stp > stx) stpf = Math.min(stp + 0.66 * (sty - stp), stpf);
      else stpf = Math.max(stp + 0.66 * (sty - stp), stpf);
    } else {
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      stpf = Math.max(stpmin, Math.min(stpmax, stpf));
    }
  } else if (brackt) {
    // Same sign, derivative magnitude does not decrease: cubic step toward sty.
    const theta = (3 * (fp - fy)) / (sty - stp) + dy + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dy), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dy / s) * (dp / s));
    if (stp > sty) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dy;
    const r = p / q;
    stpf = stp + r * (sty - stp);
  } else {
    stpf = stp > stx ? stpmax : stpmin;
  }

  if (fp > fx) {
    sty = stp;
    fy = fp;
    dy = dp;
  } else {
    if (sgnd < 0) {
      sty = stx;
      fy = fx;
      dy = dx;
    }
    stx = stp;
    fx = fp;
    dx = dp;
  }
  return { stx, fx, dx, sty, fy, dy, stp: stpf, brackt };
}
