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

  /**
   * out = −H q (a descent direction when q is a gradient). `q` is left untouched. Each update of `out` also
   * accumulates the dot product the next step needs, so the recursion reads the vectors 2m + 1 times, not 4m.
   */
  direction(q: Float64Array, out: Float64Array): void {
    const n = this.n;
    const k = this.count;
    if (k === 0) {
      for (let i = 0; i < n; i++) out[i] = -q[i]!;
      return;
    }
    const slotAt = (t: number): number => (this.head + t) % this.m;
    // First loop, newest to oldest: a_t = ρ_t s_tᵀ out; out −= a_t y_t.
    let t = k - 1;
    let s = this.s[slotAt(t)]!;
    let dot = 0;
    for (let i = 0; i < n; i++) {
      const v = -q[i]!;
      out[i] = v;
      dot += s[i]! * v;
    }
    for (; t >= 0; t--) {
      const slot = slotAt(t);
      const a = dot * this.rho[slot]!;
      this.alpha[slot] = a;
      const y = this.y[slot]!;
      dot = 0;
      if (t > 0) {
        s = this.s[slotAt(t - 1)]!;
        for (let i = 0; i < n; i++) {
          const v = out[i]! - a * y[i]!;
          out[i] = v;
          dot += s[i]! * v;
        }
      } else {
        for (let i = 0; i < n; i++) out[i] -= a * y[i]!;
      }
    }
    // H₀ = (s ᵀy / yᵀy) I from the newest pair, then the second loop, oldest to newest.
    const last = slotAt(k - 1);
    const gamma = 1 / (this.rho[last]! * dotProduct(this.y[last]!, this.y[last]!, n));
    let y = this.y[slotAt(0)]!;
    dot = 0;
    for (let i = 0; i < n; i++) {
      const v = out[i]! * gamma;
      out[i] = v;
      dot += y[i]! * v;
    }
    for (t = 0; t < k; t++) {
      const slot = slotAt(t);
      const c = this.alpha[slot]! - dot * this.rho[slot]!;
      const sv = this.s[slot]!;
      dot = 0;
      if (t + 1 < k) {
        y = this.y[slotAt(t + 1)]!;
        for (let i = 0; i < n; i++) {
          const v = out[i]! + c * sv[i]!;
          out[i] = v;
          dot += y[i]! * v;
        }
      } else {
        for (let i = 0; i < n; i++) out[i] += c * sv[i]!;
      }
    }
  }
}

/** Σ aᵢbᵢ with four accumulators (the two-loop recursion is a chain of such dot products). */
function dotProduct(a: Float64Array, b: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i]! * b[i]!;
    s1 += a[i + 1]! * b[i + 1]!;
    s2 += a[i + 2]! * b[i + 2]!;
    s3 += a[i + 3]! * b[i + 3]!;
  }
  for (; i < n; i++) s0 += a[i]! * b[i]!;
  return s0 + s1 + (s2 + s3);
}
