/** Hidden-layer activations of scikit-learn's MLPs. */
export type HiddenActivation = "identity" | "logistic" | "tanh" | "relu";

/** Output activations: identity (regression), logistic (binary), softmax (multiclass). */
export type OutputActivation = "identity" | "logistic" | "softmax";

/** Applies an element-wise activation in place to the first `length` values. */
export function activateInPlace(kind: HiddenActivation | "logistic", Z: Float64Array, length: number): void {
  switch (kind) {
    case "identity":
      return;
    case "relu":
      for (let p = 0; p < length; p++) if (Z[p]! < 0) Z[p] = 0;
      return;
    case "tanh":
      for (let p = 0; p < length; p++) Z[p] = Math.tanh(Z[p]!);
      return;
    case "logistic":
      for (let p = 0; p < length; p++) Z[p] = logistic(Z[p]!);
      return;
  }
}

/** The logistic sigmoid, stable for large |x| (like scipy's expit). */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Row-wise softmax in place on a rows×cols block (max subtracted first, like scikit-learn). */
export function softmaxRowsInPlace(Z: Float64Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let max = Z[o]!;
    for (let j = 1; j < cols; j++) if (Z[o + j]! > max) max = Z[o + j]!;
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(Z[o + j]! - max);
      Z[o + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < cols; j++) Z[o + j]! *= inv;
  }
}

/**
 * Multiplies the back-propagated error by the activation's derivative, written in terms of the activation's
 * output Z as scikit-learn does. ReLU is handled by the caller, which skips the zeroed entries altogether.
 */
export function multiplyByDerivative(
  kind: HiddenActivation,
  Z: Float64Array,
  delta: Float64Array,
  length: number,
): void {
  switch (kind) {
    case "identity":
      return;
    case "relu":
      for (let p = 0; p < length; p++) if (Z[p] === 0) delta[p] = 0;
      return;
    case "tanh":
      for (let p = 0; p < length; p++) {
        const z = Z[p]!;
        delta[p]! *= 1 - z * z;
      }
      return;
    case "logistic":
      for (let p = 0; p < length; p++) {
        const z = Z[p]!;
        delta[p]! *= z * (1 - z);
      }
      return;
  }
}
