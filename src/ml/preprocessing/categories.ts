import { AppError } from "../../core/index.js";
import type { Cell } from "../frame.js";
import { describe } from "../matrix.js";
import { type ColumnKind, columnKind } from "./table-input.js";

/** Python's order of strings (by code point), which JavaScript's `<` (UTF-16 code units) differs from. */
function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

/** scikit-learn's category order: numbers ascending or strings by code point, the missing category (null) last. */
export function compareCategories(a: Cell, b: Cell): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  return typeof a === "number" ? -1 : 1;
}

/** The sorted distinct values of a column (like sklearn's _unique), null last when the column has missing cells. */
export function uniqueCategories(col: readonly Cell[], column: string): Cell[] {
  columnKind(col, column);
  const seen = new Set<Cell>(col);
  return [...seen].sort(compareCategories);
}

/** Category → index lookups of one column; the missing category (null) is kept apart. */
export class CategoryIndex {
  private readonly index = new Map<number | string, number>();
  /** Index of the missing category, or -1. */
  readonly missing: number;

  constructor(categories: readonly Cell[]) {
    let missing = -1;
    categories.forEach((c, k) => {
      if (c === null) missing = k;
      else this.index.set(c, k);
    });
    this.missing = missing;
  }

  /** The index of a value, or -1 when unknown. */
  get(v: Cell): number {
    return v === null ? this.missing : (this.index.get(v) ?? -1);
  }
}

/**
 * Checks explicit categories against a column like scikit-learn: numeric categories must be sorted (missing last),
 * and with handleUnknown "error" every value seen at fit must be a category.
 */
export function checkGivenCategories(
  categories: readonly Cell[],
  col: readonly Cell[],
  column: string,
  unknownIsError: boolean,
): Cell[] {
  const kind: ColumnKind = columnKind(col, column);
  if (kind !== "string") {
    for (let k = 1; k < categories.length; k++) {
      if (compareCategories(categories[k - 1]!, categories[k]!) > 0) {
        throw new AppError(
          "INVALID_INPUT",
          `Unsorted categories are not supported for numerical categories (column ${column})`,
          [{ field: "categories", reason: `column ${column}: numeric categories must be sorted, missing last` }],
        );
      }
    }
  }
  if (unknownIsError) {
    const index = new CategoryIndex(categories);
    const unknown = [...new Set(col)].filter((v) => index.get(v) < 0);
    if (unknown.length > 0) {
      throw new AppError(
        "INVALID_INPUT",
        `Found unknown categories ${JSON.stringify(unknown)} in column ${column} during fit`,
        [{ field: column, reason: `unknown categories ${JSON.stringify(unknown)}` }],
      );
    }
  }
  return [...categories];
}

/** A category as it appears in a feature name: null (missing) is "nan", as for a pandas column with NaN. */
export function categoryName(c: Cell): string {
  return c === null ? "nan" : String(c);
}

/** The `categories` param of the encoders: "auto", or the categories of each column (null = missing). */
export type CategoriesParam = "auto" | (number | string | null)[][];

/** The categories of every column of a table, learned ("auto") or given. */
export function learnCategories(
  columns: readonly (readonly Cell[])[],
  labels: readonly string[],
  param: CategoriesParam,
  unknownIsError: boolean,
): Cell[][] {
  if (param !== "auto" && param.length !== columns.length) {
    throw new AppError(
      "INVALID_INPUT",
      `categories lists ${param.length} columns but X has ${columns.length}: give one list per column`,
      [{ field: "categories", reason: `expected ${columns.length} lists, got ${param.length}` }],
    );
  }
  return columns.map((col, j) =>
    param === "auto"
      ? uniqueCategories(col, labels[j]!)
      : checkGivenCategories(param[j]!, col, labels[j]!, unknownIsError),
  );
}

/** INVALID_INPUT for a category not seen at fit, naming its column and row. */
export function unknownCategory(names: readonly string[] | null, j: number, i: number, v: Cell): AppError {
  const column = names ? `"${names[j]}"` : String(j);
  return new AppError("INVALID_INPUT", `Found unknown category ${describe(v)} in column ${column}, row ${i}`, [
    { field: names ? names[j]! : String(j), index: i, reason: `unknown category ${describe(v)}` },
  ]);
}
