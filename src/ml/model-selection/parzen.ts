import type { SeededRandom } from "../../core/index.js";

/**
 * The densities of the Tree-structured Parzen Estimator: a mixture of Gaussians truncated to [lo, hi], one
 * per observation plus a wide prior at the centre (hyperopt's adaptive Parzen estimator), and smoothed counts
 * for categorical params.
 */

/** Φ, the standard normal CDF. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

// Numerical Recipes' erfcc: fractional error below 1.2e-7 everywhere, plenty for acquisition ratios.
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** A truncated Gaussian mixture over [lo, hi] built from observed values. */
export class ParzenEstimator {
  private readonly mus: Float64Array;
  private readonly sigmas: Float64Array;
  private readonly logMass: Float64Array;

  constructor(
    observations: readonly number[],
    private readonly lo: number,
    private readonly hi: number,
  ) {
    const width = hi - lo;
    const prior = (lo + hi) / 2;
    const points = [...observations.map((v) => Math.min(hi, Math.max(lo, v))), prior].sort((a, b) => a - b);
    const m = points.length;
    this.mus = Float64Array.from(points);
    this.sigmas = new Float64Array(m);
    const minSigma = width / Math.min(100, m);
    let priorSeen = false;
    for (let i = 0; i < m; i++) {
      if (!priorSeen && points[i] === prior) {
        priorSeen = true;
        this.sigmas[i] = width;
        continue;
      }
      const left = i > 0 ? points[i]! - points[i - 1]! : points[i]! - lo;
      const right = i < m - 1 ? points[i + 1]! - points[i]! : hi - points[i]!;
      this.sigmas[i] = Math.min(width, Math.max(minSigma, left, right));
    }
    this.logMass = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const s = this.sigmas[i]!;
      const mass = normalCdf((hi - this.mus[i]!) / s) - normalCdf((lo - this.mus[i]!) / s);
      this.logMass[i] = Math.log(Math.max(mass, 1e-300));
    }
  }

  /** n draws: a component at random, then its Gaussian until the draw falls in [lo, hi]. */
  sample(rng: SeededRandom, n: number): number[] {
    const out: number[] = [];
    for (let k = 0; k < n; k++) {
      const i = rng.int(this.mus.length);
      let x = Number.NaN;
      for (let tries = 0; tries < 100; tries++) {
        x = this.mus[i]! + this.sigmas[i]! * rng.normal();
        if (x >= this.lo && x <= this.hi) break;
      }
      out.push(Math.min(this.hi, Math.max(this.lo, x)));
    }
    return out;
  }

  /** log density at x (log-sum-exp over the components, equal weights). */
  logPdf(x: number): number {
    const m = this.mus.length;
    let max = Number.NEGATIVE_INFINITY;
    const terms = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const s = this.sigmas[i]!;
      const z = (x - this.mus[i]!) / s;
      terms[i] = -0.5 * z * z - Math.log(s) - 0.5 * Math.log(2 * Math.PI) - this.logMass[i]!;
      if (terms[i]! > max) max = terms[i]!;
    }
    let sum = 0;
    for (let i = 0; i < m; i++) sum += Math.exp(terms[i]! - max);
    return max + Math.log(sum / m);
  }
}

/** Smoothed category probabilities: (count + 1) / (n + K), so unseen categories keep some chance. */
export function categoricalProbabilities(choices: readonly number[], k: number): Float64Array {
  const p = new Float64Array(k).fill(1);
  for (const c of choices) p[c]! += 1;
  for (let j = 0; j < k; j++) p[j]! /= choices.length + k;
  return p;
}

/** A draw from category probabilities. */
export function drawCategory(p: Float64Array, rng: SeededRandom): number {
  let u = rng.next();
  for (let j = 0; j < p.length; j++) {
    u -= p[j]!;
    if (u < 0) return j;
  }
  return p.length - 1;
}
