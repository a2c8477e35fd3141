/**
 * The limited memory of L-BFGS: the last m pairs (s, y) of steps and gradient changes, and the two-loop recursion
 * that applies the inverse-Hessian approximation H (with H₀ = sᵀy / yᵀy · I, L-BFGS-B's scaling) to a vector.
 * Buffers are allocated once and reused in a ring.
 */
export class LbfgsMemory {
  private readonly s: Float64Array[];
  private readonly y: Float64Array[];
  private readonly rho: Float64Array;
  private readonly alpha: Float64Array;
  private head = 0;
  private count = 0;

  constructor(
    readonly n: number,
    readonly m: number,
  ) {
    this.s = Array.from({ length: m }, () => new Float64Array(n));
    this.y = Array.from({ length: m }, () => new Float64Array(n));
    this.rho = new Float64Array(m);
    this.alpha = new Float64Array(m);
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
    this.head = 0;
  }

  /**
   * Stores s = x₊ − x and y = g₊ − g given the old and new points; skipped (returns false) when the curvature sᵀy
   * is not safely positive, as L-BFGS-B does.
   */
  push(xNew: Float64Array, xOld: Float64Array, gNew: Float64Array, gOld: Float64Array): boolean {
    const n = this.n;
    const slot = (this.head + this.count) % this.m;
    const s = this.s[slot]!;
    const y = this.y[slot]!;
    let sy = 0;
    let gs = 0;
    for (let i = 0; i < n; i++) {
      const si = xNew[i]! - xOld[i]!;
      const yi = gNew[i]! - gOld[i]!;
      s[i] = si;
      y[i] = yi;
      sy += si * yi;
      gs += gOld[i]! * si;
    }
    if (!(sy > 0 && sy > 2.220446049250313e-16 * -gs)) return false;
    this.rho[slot] = 1 / sy;
    if (this.count < this.m) this.count++;
    else this.head = (this.head + 1) % this.m;
    return true;
  }

  /** out = −H q (a descent direction when q is a gradient). `q` is left untouched. */
  direction(q: Float64Array, out: Float64Array): void {
    const n = this.n;
    for (let i = 0; i < n; i++) out[i] = -q[i]!;
    const k = this.count;
    for (let t = k - 1; t >= 0; t--) {
      const slot = (this.head + t) % this.m;
      const s = this.s[slot]!;
      const y = this.y[slot]!;
      let a = 0;
      for (let i = 0; i < n; i++) a += s[i]! * out[i]!;
      a *= this.rho[slot]!;
      this.alpha[slot] = a;
      for (let i = 0; i < n; i++) out[i] -= a * y[i]!;
    }
    if (k > 0) {
      const last = (this.head + k - 1) % this.m;
      const y = this.y[last]!;
      let yy = 0;
      for (let i = 0; i < n; i++) yy += y[i]! * y[i]!;
      const gamma = 1 / (this.rho[last]! * yy);
      for (let i = 0; i < n; i++) out[i] *= gamma;
    }
    for (let t = 0; t < k; t++) {
      const slot = (this.head + t) % this.m;
      const s = this.s[slot]!;
      const y = this.y[slot]!;
      let b = 0;
      for (let i = 0; i < n; i++) b += y[i]! * out[i]!;
      b *= this.rho[slot]!;
      const c = this.alpha[slot]! - b;
      for (let i = 0; i < n; i++) out[i] += c * s[i]!;
    }
  }
}
