/**
 * Node impurities of scikit-learn's tree criteria, computed from weighted class counts (gini, entropy) or weighted
 * sums (squared error). The split search maximises the matching "proxy" (the same ordering, cheaper to compute).
 */

/** Criterion codes used in the hot loops (numbers, not strings, so the JIT compares integers): gini. */
export const GINI = 0;
/** Entropy (information gain). */
export const ENTROPY = 1;
/** Squared error (variance reduction), for regression. */
export const SQUARED_ERROR = 2;

/** scikit-learn's EPSILON: a node whose impurity is at most this is pure and becomes a leaf. */
export const IMPURITY_EPSILON = 2.220446049250313e-16;

/** Values closer than this are one value for splitting, as scikit-learn's FEATURE_THRESHOLD. */
export const FEATURE_THRESHOLD = 1e-7;

const LN2 = Math.LN2;

/** Gini impurity 1 − Σ p² of counts `c[off, off + k)` totalling `w`. */
export function giniImpurity(c: Float64Array, off: number, k: number, w: number): number {
  let sq = 0;
  for (let j = 0; j < k; j++) sq += c[off + j]! * c[off + j]!;
  return 1 - sq / (w * w);
}

/** Entropy −Σ p log2 p of counts `c[off, off + k)` totalling `w`. */
export function entropyImpurity(c: Float64Array, off: number, k: number, w: number): number {
  let e = 0;
  for (let j = 0; j < k; j++) {
    const cj = c[off + j]!;
    if (cj > 0) {
      const p = cj / w;
      e -= (p * Math.log(p)) / LN2;
    }
  }
  return e;
}

/** Impurity of the complement counts (total − left), for the right child, without a temporary array. */
export function complementImpurity(
  criterion: number,
  total: Float64Array,
  left: Float64Array,
  k: number,
  w: number,
): number {
  if (criterion === GINI) {
    let sq = 0;
    for (let j = 0; j < k; j++) {
      const c = total[j]! - left[j]!;
      sq += c * c;
    }
    return 1 - sq / (w * w);
  }
  let e = 0;
  for (let j = 0; j < k; j++) {
    const c = total[j]! - left[j]!;
    if (c > 0) {
      const p = c / w;
      e -= (p * Math.log(p)) / LN2;
    }
  }
  return e;
}

/** Class-count impurity by criterion code. */
export function classImpurity(criterion: number, c: Float64Array, k: number, w: number): number {
  return criterion === GINI ? giniImpurity(c, 0, k, w) : entropyImpurity(c, 0, k, w);
}

/** Variance (mean squared error around the mean) from weighted sums. */
export function squaredErrorImpurity(sum: number, sqSum: number, w: number): number {
  const mean = sum / w;
  return sqSum / w - mean * mean;
}

/** scikit-learn's midpoint threshold between two consecutive distinct values, never rounding onto the upper one. */
export function midpoint(lower: number, upper: number): number {
  const t = lower / 2 + upper / 2;
  return t === upper || t === Number.POSITIVE_INFINITY || t === Number.NEGATIVE_INFINITY ? lower : t;
}
