import { AppError } from "../../core/index.js";
import type { Input } from "../estimator.js";
import { Frame } from "../frame.js";
import { describe } from "../matrix.js";

/**
 * The documents of a vectoriser's input: a list of strings, or a one-column Frame (what a ColumnTransformer passes
 * for a text column). Anything else, and any cell that is not a string, is INVALID_INPUT naming the row.
 */
export function toDocuments(X: Input, name = "X"): readonly string[] {
  let docs: readonly unknown[];
  let where = (i: number): string => `${name}[${i}]`;
  if (X instanceof Frame) {
    if (X.columns.length !== 1) {
      throw new AppError(
        "INVALID_INPUT",
        `A text vectoriser takes one text column, got a Frame with ${X.columns.length} columns (${X.columns.join(", ")})`,
        [{ field: "columns", reason: `expected 1 column, got ${X.columns.length}` }],
      );
    }
    const column = X.columns[0]!;
    docs = X.column(column);
    where = (i) => `Column "${column}", row ${i}`;
  } else if (Array.isArray(X)) {
    docs = X;
  } else {
    throw new AppError("INVALID_INPUT", `${name} must be a list of strings (documents) or a one-column Frame`);
  }
  for (let i = 0; i < docs.length; i++) {
    if (typeof docs[i] !== "string") {
      throw new AppError("INVALID_INPUT", `${where(i)} is ${describe(docs[i])}, expected a text document (a string)`, [
        { index: i, reason: `expected a string, got ${describe(docs[i])}` },
      ]);
    }
  }
  return docs as readonly string[];
}
