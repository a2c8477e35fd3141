import { AppError } from "../../core/index.js";
import type { Input, Target } from "../estimator.js";
import { rowCount } from "../validation.js";

/** One cross-validation split: row indices to fit on and row indices to score on. */
export interface Split {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** A cross-validation splitter described as plain data (what a saved search keeps as its `cv` param). */
export type CvSpec =
  | { readonly kind: "KFold"; readonly nSplits?: number; readonly shuffle?: boolean; readonly seed?: number }
  | { readonly kind: "StratifiedKFold"; readonly nSplits?: number; readonly shuffle?: boolean; readonly seed?: number }
  | {
      readonly kind: "TimeSeriesSplit";
      readonly nSplits?: number;
      readonly maxTrainSize?: number | null;
      readonly testSize?: number | null;
      readonly gap?: number;
    };

/** A cross-validation splitter (KFold, StratifiedKFold, TimeSeriesSplit). */
export interface CrossValidator {
  readonly nSplits: number;
  /** The splits of the rows of X (or of `n` rows); stratified splitters need y. */
  split(X: Input | number, y?: Target): Split[];
  /** The splitter as plain data. */
  toSpec(): CvSpec;
}

/** True for objects that split like a CrossValidator. */
export function isCrossValidator(v: unknown): v is CrossValidator {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as CrossValidator).split === "function" &&
    typeof (v as CrossValidator).toSpec === "function"
  );
}

/** The number of rows of X, or X itself when it is a count. */
export function sampleCount(X: Input | number): number {
  return typeof X === "number" ? X : rowCount(X);
}

/** Checks an integer option; INVALID_INPUT names it. */
export function checkInteger(name: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min) {
    throw new AppError("INVALID_INPUT", `${name} must be an integer >= ${min}, got ${v}`, [
      { field: name, reason: `expected an integer >= ${min}` },
    ]);
  }
  return v;
}

/** The complement of `test` in 0..n-1, ascending. */
export function complement(n: number, test: ArrayLike<number>): Int32Array {
  const inTest = new Uint8Array(n);
  for (let k = 0; k < test.length; k++) inTest[test[k]!] = 1;
  const out = new Int32Array(n - test.length);
  let p = 0;
  for (let i = 0; i < n; i++) if (!inTest[i]) out[p++] = i;
  return out;
}
