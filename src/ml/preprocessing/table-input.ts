import { AppError } from "../../core/index.js";
import type { Input } from "../estimator.js";
import type { Cell } from "../frame.js";
import { Frame } from "../frame.js";
import { describe } from "../matrix.js";
import { checkWidth, toMatrix } from "../validation.js";

/**
 * Input of the encoders and the imputer read column by column: a Frame (named columns of numbers, strings and
 * null) or a numeric matrix (NaN is missing). Missing cells are read as null, whatever the input form.
 */
export interface Table {
  readonly rows: number;
  /** One array per column; null is missing. */
  readonly columns: readonly (readonly Cell[])[];
  /** Column names when X was a Frame, else null. */
  readonly names: readonly string[] | null;
}

/** What kind of values a column holds, missing cells aside. */
export type ColumnKind = "number" | "string" | "empty";

/**
 * Reads X as a table. With `fittedNames` (the Frame columns seen at fit), a Frame is read by those names, in that
 * order; otherwise its width must equal `fittedWidth` when given.
 */
export function readTable(X: Input, fitted?: { names: readonly string[] | null; width: number }): Table {
  if (X instanceof Frame) {
    const names = fitted?.names ?? X.columns;
    if (!fitted?.names && fitted) checkWidth(X.columns.length, fitted.width);
    const columns = names.map((n) => normaliseMissing(X.column(n)));
    return { rows: X.length, columns, names: [...names] };
  }
  if (Array.isArray(X) && X.length > 0 && typeof X[0] === "string") {
    throw new AppError("INVALID_INPUT", "X is a list of strings; pass a Frame or a matrix (one row per sample)");
  }
  const m = toMatrix(X, { allowNaN: true });
  if (fitted) checkWidth(m.cols, fitted.width);
  const columns: Cell[][] = [];
  for (let j = 0; j < m.cols; j++) {
    const col = new Array<Cell>(m.rows);
    for (let i = 0; i < m.rows; i++) {
      const v = m.data[i * m.cols + j]!;
      col[i] = Number.isNaN(v) ? null : v;
    }
    columns.push(col);
  }
  return { rows: m.rows, columns, names: null };
}

// A Frame built by hand may hold NaN: it means missing, like null.
function normaliseMissing(col: readonly Cell[]): readonly Cell[] {
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (typeof v === "number" && Number.isNaN(v))
      return col.map((c) => (typeof c === "number" && Number.isNaN(c) ? null : c));
  }
  return col;
}

/** The kind of a column; numbers mixed with strings are INVALID_INPUT, as in scikit-learn's encoders. */
export function columnKind(col: readonly Cell[], column: string): ColumnKind {
  let kind: ColumnKind = "empty";
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v === null) continue;
    const k: ColumnKind = typeof v === "number" ? "number" : "string";
    if (typeof v !== "number" && typeof v !== "string") {
      throw new AppError(
        "INVALID_INPUT",
        `Column ${column}, row ${i} is ${describe(v)}, expected a number or a string`,
        [{ field: column, index: i, reason: `not a number or a string: ${describe(v)}` }],
      );
    }
    if (kind === "empty") kind = k;
    else if (kind !== k) {
      throw new AppError(
        "INVALID_INPUT",
        `Column ${column} mixes numbers and strings (row ${i} is ${describe(v)}): values must be uniformly strings or numbers`,
        [{ field: column, index: i, reason: "mixed numbers and strings" }],
      );
    }
    if (k === "number" && !Number.isFinite(v as number)) {
      throw new AppError("INVALID_INPUT", `Column ${column} has a non-finite value (${v}) at row ${i}`, [
        { field: column, index: i, reason: `non-finite value ${v}` },
      ]);
    }
  }
  return kind;
}

/** A readable column label for messages: its name, or its position. */
export function columnLabel(table: Table, j: number): string {
  return table.names ? `"${table.names[j]}"` : String(j);
}

/** The input feature names: given ones (checked against the fitted ones), the fitted Frame's, or x0, x1, … */
export function inputFeatureNames(
  fittedNames: readonly string[] | null,
  width: number,
  given?: readonly string[],
): string[] {
  if (given) {
    if (given.length !== width) {
      throw new AppError("INVALID_INPUT", `Expected ${width} input feature names, got ${given.length}`);
    }
    if (fittedNames && given.some((n, j) => n !== fittedNames[j])) {
      throw new AppError("INVALID_INPUT", "inputFeatures is not equal to the feature names seen at fit");
    }
    return [...given];
  }
  return fittedNames ? [...fittedNames] : Array.from({ length: width }, (_, j) => `x${j}`);
}
