import { AppError } from "../core/index.js";
import type { Input, Label, Target } from "./estimator.js";
import { Frame } from "./frame.js";
import { CsrMatrix, describe, Matrix } from "./matrix.js";

/**
 * Input checks shared by every estimator. They turn the accepted input forms into Matrix / CsrMatrix, and throw
 * INVALID_INPUT naming the row and column of the first bad value — never a silent NaN result.
 */

/** X as a dense matrix. Frames must be all-numeric; `allowNaN` lets NaN (missing) through, e.g. for imputers. */
export function toMatrix(X: Input, options: { allowNaN?: boolean; name?: string } = {}): Matrix {
  const name = options.name ?? "X";
  let m: Matrix;
  if (X instanceof Matrix) m = X;
  else if (X instanceof CsrMatrix) m = X.toDense();
  else if (X instanceof Frame) m = frameToMatrix(X, options.allowNaN ?? false);
  else if (Array.isArray(X)) {
    if (X.length > 0 && typeof X[0] === "string") {
      throw new AppError(
        "INVALID_INPUT",
        `${name} is a list of strings; this estimator expects numbers (vectorise text first)`,
      );
    }
    m = Matrix.fromRows(X as readonly (readonly number[])[]);
  } else throw new AppError("INVALID_INPUT", `${name} must be a Matrix, a CsrMatrix, a Frame or an array of rows`);
  checkFinite(m, { allowNaN: options.allowNaN ?? false, name });
  return m;
}

/** X as a Matrix or a CsrMatrix (kept sparse), checked finite. */
export function toMatrixOrSparse(X: Input, options: { name?: string } = {}): Matrix | CsrMatrix {
  if (X instanceof CsrMatrix) {
    for (let p = 0; p < X.data.length; p++) {
      if (!Number.isFinite(X.data[p]!)) {
        let row = 0;
        while (X.indptr[row + 1]! <= p) row++;
        throw badValue(options.name ?? "X", row, X.indices[p]!, X.data[p]!);
      }
    }
    return X;
  }
  return toMatrix(X, options);
}

function frameToMatrix(frame: Frame, allowNaN: boolean): Matrix {
  const m = new Matrix(frame.length, frame.columns.length);
  frame.columns.forEach((name, j) => {
    const col = frame.column(name);
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (typeof v === "number") m.data[i * m.cols + j] = v;
      else if (v === null && allowNaN) m.data[i * m.cols + j] = Number.NaN;
      else {
        throw new AppError("INVALID_INPUT", `Column "${name}", row ${i} is ${describe(v)}, expected a number`, [
          { field: name, index: i, reason: `expected a number, got ${describe(v)}` },
        ]);
      }
    }
  });
  return m;
}

/** Throws INVALID_INPUT on the first NaN or infinite value, naming its row and column and the count of bad values. */
export function checkFinite(m: Matrix, options: { allowNaN?: boolean; name?: string } = {}): void {
  const d = m.data;
  for (let p = 0; p < d.length; p++) {
    const v = d[p]!;
    if (v - v !== 0 && !(options.allowNaN && Number.isNaN(v))) {
      throw badValue(options.name ?? "X", Math.floor(p / m.cols), p % m.cols, v);
    }
  }
}

function badValue(name: string, row: number, col: number, v: number): AppError {
  return new AppError("INVALID_INPUT", `${name} has a non-finite value (${v}) at row ${row}, column ${col}`, [
    { index: row, field: String(col), reason: `non-finite value ${v}` },
  ]);
}

/** Throws INVALID_INPUT when X at predict time has another width than at fit time. */
export function checkWidth(cols: number, expected: number, name = "X"): void {
  if (cols !== expected) {
    throw new AppError("INVALID_INPUT", `${name} has ${cols} columns, but the model was fitted on ${expected}`, [
      { field: "columns", reason: `expected ${expected}, got ${cols}` },
    ]);
  }
}

/** Throws INVALID_INPUT when a fit gets no rows. */
export function checkNotEmpty(rows: number, name = "X"): void {
  if (rows === 0) throw new AppError("INVALID_INPUT", `${name} is empty: fit needs at least one row`);
}

/** y as finite numbers, of length n. */
export function toNumericTarget(y: Target | undefined, n: number, name = "y"): Float64Array {
  if (y === undefined) throw new AppError("INVALID_INPUT", `${name} is required to fit this estimator`);
  if (y.length !== n) {
    throw new AppError("INVALID_INPUT", `${name} has ${y.length} values but X has ${n} rows`, [
      { field: name, reason: `expected ${n} values, got ${y.length}` },
    ]);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new AppError("INVALID_INPUT", `${name}[${i}] is ${describe(v)}, expected a finite number`, [
        { field: name, index: i, reason: `expected a finite number, got ${describe(v)}` },
      ]);
    }
    out[i] = v;
  }
  return out;
}

/** Sorts labels like numpy's unique: numbers ascending before strings in code-point order. */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The sorted distinct classes of y and y as indices into them. */
export function encodeLabels(y: Target | undefined, n: number, name = "y"): { classes: Label[]; codes: Int32Array } {
  if (y === undefined) throw new AppError("INVALID_INPUT", `${name} is required to fit this classifier`);
  if (y.length !== n) {
    throw new AppError("INVALID_INPUT", `${name} has ${y.length} values but X has ${n} rows`, [
      { field: name, reason: `expected ${n} values, got ${y.length}` },
    ]);
  }
  const seen = new Map<Label, number>();
  for (let i = 0; i < n; i++) {
    const v = y[i] as unknown;
    if (!((typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v !== ""))) {
      throw new AppError(
        "INVALID_INPUT",
        `${name}[${i}] is ${describe(v)}, expected a class label (number or non-empty string)`,
        [{ field: name, index: i, reason: `not a class label: ${describe(v)}` }],
      );
    }
    if (!seen.has(v as Label)) seen.set(v as Label, 0);
  }
  const classes = [...seen.keys()].sort(compareLabels);
  const index = new Map<Label, number>(classes.map((c, k) => [c, k]));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = index.get(y[i] as Label)!;
  return { classes, codes };
}

/** y as indices into known classes; a label the model never saw is INVALID_INPUT naming it. */
export function labelsToCodes(y: Target, classes: readonly Label[], name = "y"): Int32Array {
  const index = new Map<Label, number>(classes.map((c, k) => [c, k]));
  const codes = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const k = index.get(y[i] as Label);
    if (k === undefined) {
      throw new AppError(
        "INVALID_INPUT",
        `${name}[${i}] is the unknown class ${JSON.stringify(y[i])} (known: ${classes.join(", ")})`,
        [{ field: name, index: i, reason: `unknown class ${JSON.stringify(y[i])}` }],
      );
    }
    codes[i] = k;
  }
  return codes;
}

/** The number of rows of any accepted input. */
export function rowCount(X: Input): number {
  if (X instanceof Matrix || X instanceof CsrMatrix) return X.rows;
  return X.length;
}

/** The rows of any accepted input at the given indices (for splits and cross-validation). */
export function takeRows(X: Input, indices: ArrayLike<number>): Input {
  if (X instanceof Matrix || X instanceof CsrMatrix || X instanceof Frame) return X.selectRows(indices);
  const arr = X as readonly unknown[];
  const out = new Array(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = arr[indices[k]!];
  return out as Input;
}

/** The values of y at the given indices. */
export function takeTarget(y: Target, indices: ArrayLike<number>): Target {
  if (y instanceof Float64Array) {
    const out = new Float64Array(indices.length);
    for (let k = 0; k < indices.length; k++) out[k] = y[indices[k]!]!;
    return out;
  }
  const out = new Array(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = y[indices[k]!];
  return out as Target;
}
