import { AppError } from "../core/index.js";

/** One cell of a table: a number, a string (categories, text) or null for missing. */
export type Cell = number | string | null;

/**
 * A table of named columns of equal length — what a Pipeline with a ColumnTransformer, an encoder or a
 * vectoriser takes, and what serving builds from request records. Columns are stored as given (no copy).
 */
export class Frame {
  readonly columns: readonly string[];
  readonly length: number;
  private readonly data: ReadonlyMap<string, readonly Cell[]>;

  constructor(columns: Readonly<Record<string, readonly Cell[]>>) {
    const names = Object.keys(columns);
    const length = names.length === 0 ? 0 : columns[names[0]!]!.length;
    for (const name of names) {
      if (columns[name]!.length !== length) {
        throw new AppError(
          "INVALID_INPUT",
          `Column "${name}" has ${columns[name]!.length} values, expected ${length}`,
          [{ field: name, reason: `expected ${length} values, got ${columns[name]!.length}` }],
        );
      }
    }
    this.columns = names;
    this.length = length;
    this.data = new Map(names.map((n) => [n, columns[n]!]));
  }

  /** A frame from records (objects keyed by column name). Columns are the union of keys; absent keys are null. */
  static fromRecords(records: readonly Readonly<Record<string, unknown>>[], columns?: readonly string[]): Frame {
    const names = columns ?? [...new Set(records.flatMap((r) => Object.keys(r)))];
    const out: Record<string, Cell[]> = {};
    for (const name of names) out[name] = new Array<Cell>(records.length);
    records.forEach((record, i) => {
      for (const name of names) {
        const v = record[name];
        if (v === undefined || v === null || (typeof v === "number" && Number.isNaN(v))) out[name]![i] = null;
        else if (typeof v === "number" || typeof v === "string") out[name]![i] = v;
        else if (typeof v === "boolean") out[name]![i] = v ? 1 : 0;
        else {
          throw new AppError(
            "INVALID_INPUT",
            `Record ${i}, field "${name}" is a ${typeof v}, expected a number or a string`,
            [{ index: i, field: name, reason: `expected a number or a string, got a ${typeof v}` }],
          );
        }
      }
    });
    return new Frame(out);
  }

  has(name: string): boolean {
    return this.data.has(name);
  }

  /** The values of one column; throws INVALID_INPUT naming the column when it is absent. */
  column(name: string): readonly Cell[] {
    const col = this.data.get(name);
    if (!col) {
      throw new AppError("INVALID_INPUT", `Column "${name}" is missing (have: ${this.columns.join(", ")})`, [
        { field: name, reason: "missing column" },
      ]);
    }
    return col;
  }

  /** A frame of the given columns, in that order. */
  select(names: readonly string[]): Frame {
    const out: Record<string, readonly Cell[]> = {};
    for (const n of names) out[n] = this.column(n);
    return new Frame(out);
  }

  /** The rows at the given indices, in that order. */
  selectRows(indices: ArrayLike<number>): Frame {
    const out: Record<string, Cell[]> = {};
    for (const name of this.columns) {
      const col = this.data.get(name)!;
      const picked = new Array<Cell>(indices.length);
      for (let k = 0; k < indices.length; k++) picked[k] = col[indices[k]!]!;
      out[name] = picked;
    }
    return new Frame(out);
  }

  /** Row i as a record. */
  record(i: number): Record<string, Cell> {
    const out: Record<string, Cell> = {};
    for (const name of this.columns) out[name] = this.data.get(name)![i]!;
    return out;
  }
}
