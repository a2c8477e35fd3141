import { AppError } from "../../core/index.js";
import type { Input, Target } from "../estimator.js";
import { type Cell, Frame } from "../frame.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import type { Split } from "./splitter.js";

/**
 * The data of a cross-validation as structured-clone-friendly values for worker threads. Numeric arrays are
 * copied once into SharedArrayBuffers, so every worker reads the same memory instead of its own copy.
 */

/** X as sent to a worker. */
export type WireInput =
  | { readonly t: "matrix"; readonly rows: number; readonly cols: number; readonly data: Float64Array }
  | {
      readonly t: "csr";
      readonly rows: number;
      readonly cols: number;
      readonly indptr: Int32Array;
      readonly indices: Int32Array;
      readonly data: Float64Array;
    }
  | { readonly t: "frame"; readonly columns: Record<string, readonly Cell[]> }
  | { readonly t: "array"; readonly value: readonly unknown[] };

/** y as sent to a worker. */
export type WireTarget =
  | { readonly t: "f64"; readonly data: Float64Array }
  | { readonly t: "array"; readonly value: unknown[] }
  | null;

/** Everything a worker needs once per cross-validation (then only candidates and task numbers travel). */
export interface CvPayload {
  readonly X: WireInput;
  readonly y: WireTarget;
  readonly splits: readonly Split[];
  /** The built-in scorer behind each reported score. */
  readonly scorers: readonly string[];
  readonly returnTrainScore: boolean;
  /** Extra modules to import first, so estimator kinds defined outside atelier/ml are registered. */
  readonly workerModules: readonly string[];
}

function shared<T extends Float64Array | Int32Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

/** X in wire form. */
export function inputToWire(X: Input): WireInput {
  if (X instanceof Matrix) return { t: "matrix", rows: X.rows, cols: X.cols, data: shared(X.data) };
  if (X instanceof CsrMatrix) {
    return {
      t: "csr",
      rows: X.rows,
      cols: X.cols,
      indptr: shared(X.indptr),
      indices: shared(X.indices),
      data: shared(X.data),
    };
  }
  if (X instanceof Frame) {
    const columns: Record<string, readonly Cell[]> = {};
    for (const c of X.columns) columns[c] = X.column(c);
    return { t: "frame", columns };
  }
  if (Array.isArray(X)) return { t: "array", value: X };
  throw new AppError("INVALID_INPUT", "X must be a Matrix, a CsrMatrix, a Frame or an array");
}

/** X back from wire form. */
export function inputFromWire(w: WireInput): Input {
  switch (w.t) {
    case "matrix":
      return new Matrix(w.rows, w.cols, w.data);
    case "csr":
      return new CsrMatrix(w.rows, w.cols, w.indptr, w.indices, w.data);
    case "frame":
      return new Frame(w.columns);
    default:
      return w.value as Input;
  }
}

/** y in wire form. */
export function targetToWire(y: Target | undefined): WireTarget {
  if (y === undefined) return null;
  if (y instanceof Float64Array) return { t: "f64", data: shared(y) };
  return { t: "array", value: Array.from(y as ArrayLike<unknown>) };
}

/** y back from wire form. */
export function targetFromWire(w: WireTarget): Target | undefined {
  if (w === null) return undefined;
  return w.t === "f64" ? w.data : (w.value as Target);
}

/** Splits with their index arrays in shared memory. */
export function splitsToWire(splits: readonly Split[]): Split[] {
  return splits.map((s) => ({ train: shared(s.train), test: shared(s.test) }));
}
