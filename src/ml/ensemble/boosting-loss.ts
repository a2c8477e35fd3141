/**
 * The losses of scikit-learn's HistGradientBoosting (its "half" losses: the gains and the early-stopping tolerance
 * depend on their scale). Raw predictions and gradients are laid out tree by tree: value k of row i at `k * n + i`.
 */
export interface BoostingLoss {
  /** Trees per boosting iteration: 1, or the number of classes for multiclass. */
  readonly nTreesPerIteration: number;
  /** Unit hessians (squared error without weights): histograms count rows instead of summing hessians. */
  readonly constantHessian: boolean;
  /** The constant raw prediction that minimises the loss (one per tree of an iteration). */
  baseline(w: Float64Array | null): Float64Array;
  /** Gradients and hessians at `raw` for the rows of y, weighted by w. */
  gradients(raw: Float64Array, grad: Float32Array, hess: Float32Array, w: Float64Array | null): void;
  /** The weighted mean loss at `raw` (n rows). */
  loss(raw: Float64Array, w: Float64Array | null): number;
}

/** Half squared error 0.5 (y − raw)² (regression). */
export class HalfSquaredError implements BoostingLoss {
  readonly nTreesPerIteration = 1;
  readonly constantHessian: boolean;
  private readonly y: Float64Array;

  constructor(y: Float64Array, weighted: boolean) {
    this.y = y;
    this.constantHessian = !weighted;
  }

  baseline(w: Float64Array | null): Float64Array {
    const y = this.y;
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      const wi = w ? w[i]! : 1;
      sum += wi * y[i]!;
      total += wi;
    }
    return Float64Array.of(sum / total);
  }

  gradients(raw: Float64Array, grad: Float32Array, hess: Float32Array, w: Float64Array | null): void {
    const y = this.y;
    for (let i = 0; i < y.length; i++) {
      const wi = w ? w[i]! : 1;
      grad[i] = wi * (raw[i]! - y[i]!);
      hess[i] = wi;
    }
  }

  loss(raw: Float64Array, w: Float64Array | null): number {
    const y = this.y;
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      const wi = w ? w[i]! : 1;
      const r = y[i]! - raw[i]!;
      sum += wi * 0.5 * r * r;
      total += wi;
    }
    return sum / total;
  }
}

const EPS = 2.220446049250313e-16;

/** Binary log loss log(1 + e^raw) − y·raw on class codes 0/1; raw is the log-odds of class 1. */
export class HalfBinomialLoss implements BoostingLoss {
  readonly nTreesPerIteration = 1;
  readonly constantHessian = false;
  private readonly y: Int32Array;

  constructor(codes: Int32Array) {
    this.y = codes;
  }

  baseline(w: Float64Array | null): Float64Array {
    const y = this.y;
    let pos = 0;
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      const wi = w ? w[i]! : 1;
      pos += wi * y[i]!;
      total += wi;
    }
    const p = Math.min(Math.max(pos / total, EPS), 1 - EPS);
    return Float64Array.of(Math.log(p / (1 - p)));
  }

  gradients(raw: Float64Array, grad: Float32Array, hess: Float32Array, w: Float64Array | null): void {
    const y = this.y;
    for (let i = 0; i < y.length; i++) {
      const wi = w ? w[i]! : 1;
      const p = sigmoid(raw[i]!);
      grad[i] = wi * (p - y[i]!);
      hess[i] = wi * p * (1 - p);
    }
  }

  loss(raw: Float64Array, w: Float64Array | null): number {
    const y = this.y;
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      const wi = w ? w[i]! : 1;
      const r = raw[i]!;
      // log(1 + e^r) without overflow.
      const softplus = r > 0 ? r + Math.log1p(Math.exp(-r)) : Math.log1p(Math.exp(r));
      sum += wi * (softplus - y[i]! * r);
      total += wi;
    }
    return sum / total;
  }
}

/** Multinomial log loss logsumexp(raw) − raw[y] over K classes (one tree per class per iteration, softmax). */
export class HalfMultinomialLoss implements BoostingLoss {
  readonly nTreesPerIteration: number;
  readonly constantHessian = false;
  private readonly y: Int32Array;
  private readonly p: Float64Array;

  constructor(codes: Int32Array, nClasses: number) {
    this.y = codes;
    this.nTreesPerIteration = nClasses;
    this.p = new Float64Array(nClasses);
  }

  baseline(w: Float64Array | null): Float64Array {
    const k = this.nTreesPerIteration;
    const y = this.y;
    const counts = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      const wi = w ? w[i]! : 1;
      counts[y[i]!]! += wi;
      total += wi;
    }
    // scikit-learn's symmetric link: log p_k minus the mean of the logs (softmax ignores the shift).
    const out = new Float64Array(k);
    let mean = 0;
    for (let c = 0; c < k; c++) {
      out[c] = Math.log(Math.min(Math.max(counts[c]! / total, EPS), 1 - EPS));
      mean += out[c]! / k;
    }
    for (let c = 0; c < k; c++) out[c]! -= mean;
    return out;
  }

  gradients(raw: Float64Array, grad: Float32Array, hess: Float32Array, w: Float64Array | null): void {
    const y = this.y;
    const n = y.length;
    const k = this.nTreesPerIteration;
    const p = this.p;
    for (let i = 0; i < n; i++) {
      softmaxColumn(raw, i, n, k, p);
      const wi = w ? w[i]! : 1;
      const yi = y[i]!;
      for (let c = 0; c < k; c++) {
        const pc = p[c]!;
        grad[c * n + i] = wi * (pc - (yi === c ? 1 : 0));
        hess[c * n + i] = wi * pc * (1 - pc);
      }
    }
  }

  loss(raw: Float64Array, w: Float64Array | null): number {
    const y = this.y;
    const n = y.length;
    const k = this.nTreesPerIteration;
    let sum = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) max = Math.max(max, raw[c * n + i]!);
      let s = 0;
      for (let c = 0; c < k; c++) s += Math.exp(raw[c * n + i]! - max);
      const wi = w ? w[i]! : 1;
      sum += wi * (max + Math.log(s) - raw[y[i]! * n + i]!);
      total += wi;
    }
    return sum / total;
  }
}

/** The logistic function, stable for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Softmax of row i's K raw values (stored tree by tree: `raw[c * n + i]`) into out. */
export function softmaxColumn(raw: Float64Array, i: number, n: number, k: number, out: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < k; c++) max = Math.max(max, raw[c * n + i]!);
  let s = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(raw[c * n + i]! - max);
    out[c] = e;
    s += e;
  }
  for (let c = 0; c < k; c++) out[c]! /= s;
}
