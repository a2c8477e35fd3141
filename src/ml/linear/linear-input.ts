import { AppError } from "../../core/index.js";
import type { Input } from "../estimator.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import { checkFinite, checkWidth, toMatrix, toMatrixOrSparse } from "../validation.js";

/**
 * Input handling shared by the linear models. A NaN or an infinity anywhere in X reaches every output that reads it
 * (x·0 is NaN for x = ±∞), so dense input is not scanned up front: the outputs are checked, and only when one is
 * not finite is X scanned to name the bad cell. That saves a full pass over X per predict.
 */

/** X at predict time as a Matrix or CsrMatrix of the fitted width (other input forms are converted and checked). */
export function predictInput(X: Input, nFeatures: number): Matrix | CsrMatrix {
  const m = X instanceof Matrix || X instanceof CsrMatrix ? X : toMatrix(X);
  checkWidth(m.cols, nFeatures);
  return m;
}

/** Throws INVALID_INPUT naming the first non-finite cell of X when any output is not finite. */
export function checkOutputFinite(out: ArrayLike<number>, X: Matrix | CsrMatrix): void {
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i]!)) {
      if (X instanceof Matrix) checkFinite(X);
      else toMatrixOrSparse(X);
      return;
    }
  }
}

/** X at fit time, checked finite; sparse input stays sparse when `sparse` is true, else it is densified. */
export function fitInput(X: Input, sparse: boolean): Matrix | CsrMatrix {
  return sparse ? toMatrixOrSparse(X) : toMatrix(X);
}

/** Sample weights as non-negative finite numbers of length n, or null when not given. */
export function toSampleWeight(sampleWeight: ArrayLike<number> | undefined, n: number): Float64Array | null {
  if (sampleWeight === undefined) return null;
  if (sampleWeight.length !== n) {
    throw new AppError("INVALID_INPUT", `sampleWeight has ${sampleWeight.length} values but X has ${n} rows`, [
      { field: "sampleWeight", reason: `expected ${n} values, got ${sampleWeight.length}` },
    ]);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = sampleWeight[i]!;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new AppError("INVALID_INPUT", `sampleWeight[${i}] is ${String(v)}, expected a finite number >= 0`, [
        { field: "sampleWeight", index: i, reason: `expected a finite number >= 0, got ${String(v)}` },
      ]);
    }
    out[i] = v;
  }
  return out;
}
