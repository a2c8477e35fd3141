import { AppError } from "../../core/index.js";

function checkPair(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  if (yTrue.length !== yPred.length) {
    throw new AppError("INVALID_INPUT", `yTrue has ${yTrue.length} values but yPred has ${yPred.length}`);
  }
  if (yTrue.length === 0) throw new AppError("INVALID_INPUT", "Metrics need at least one value");
}

/** Coefficient of determination R² (1 is perfect; 0 is the mean's score), like sklearn.metrics.r2_score. */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair(yTrue, yPred);
  const n = yTrue.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i]!;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const r = yTrue[i]! - yPred[i]!;
    const t = yTrue[i]! - mean;
    ssRes += r * r;
    ssTot += t * t;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** Mean of |yTrue − yPred|, like sklearn.metrics.mean_absolute_error. */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair(yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += Math.abs(yTrue[i]! - yPred[i]!);
  return sum / yTrue.length;
}

/** Mean of (yTrue − yPred)², like sklearn.metrics.mean_squared_error. */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair(yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = yTrue[i]! - yPred[i]!;
    sum += d * d;
  }
  return sum / yTrue.length;
}

/** Square root of the mean squared error, like mean_squared_error(squared=False). */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

/**
 * Mean of |yTrue − yPred| / max(|yTrue|, ε) with ε the float64 machine epsilon, like
 * sklearn.metrics.mean_absolute_percentage_error (a fraction, not a percentage; huge when yTrue is near 0).
 */
export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair(yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    sum += Math.abs(yPred[i]! - yTrue[i]!) / Math.max(Math.abs(yTrue[i]!), Number.EPSILON);
  }
  return sum / yTrue.length;
}
