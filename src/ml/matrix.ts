import { AppError } from "../core/index.js";

/** A dense matrix of float64 in row-major order: element (i, j) is `data[i * cols + j]`. */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new AppError("INVALID_INPUT", `Matrix shape must be non-negative integers, got ${rows}x${cols}`);
    }
    if (data && data.length !== rows * cols) {
      throw new AppError(
        "INVALID_INPUT",
        `Matrix data has ${data.length} values, expected ${rows}x${cols}=${rows * cols}`,
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  /** A matrix from an array of rows; every row must have the same length. Values are copied. */
  static fromRows(rows: readonly (ArrayLike<number> | readonly unknown[])[]): Matrix {
    const n = rows.length;
    const m = n === 0 ? 0 : rows[0]!.length;
    const out = new Matrix(n, m);
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      if (row.length !== m) {
        throw new AppError("INVALID_INPUT", `Row ${i} has ${row.length} values, expected ${m}`, [
          { index: i, reason: `expected ${m} values, got ${row.length}` },
        ]);
      }
      for (let j = 0; j < m; j++) {
        const v = row[j];
        if (typeof v !== "number") {
          throw new AppError("INVALID_INPUT", `Row ${i}, column ${j} is ${describe(v)}, expected a number`, [
            { index: i, field: String(j), reason: `expected a number, got ${describe(v)}` },
          ]);
        }
        out.data[i * m + j] = v;
      }
    }
    return out;
  }

  /** A matrix from named columns of equal length, in the order of `names` (default: the object's key order). */
  static fromColumns(columns: Readonly<Record<string, ArrayLike<unknown>>>, names = Object.keys(columns)): Matrix {
    const n = names.length === 0 ? 0 : (columns[names[0]!]?.length ?? 0);
    const out = new Matrix(n, names.length);
    names.forEach((name, j) => {
      const col = columns[name];
      if (!col)
        throw new AppError("INVALID_INPUT", `Column "${name}" is missing`, [{ field: name, reason: "missing" }]);
      if (col.length !== n) {
        throw new AppError("INVALID_INPUT", `Column "${name}" has ${col.length} values, expected ${n}`, [
          { field: name, reason: `expected ${n} values, got ${col.length}` },
        ]);
      }
      for (let i = 0; i < n; i++) {
        const v = col[i];
        if (typeof v !== "number") {
          throw new AppError("INVALID_INPUT", `Column "${name}", row ${i} is ${describe(v)}, expected a number`, [
            { field: name, index: i, reason: `expected a number, got ${describe(v)}` },
          ]);
        }
        out.data[i * names.length + j] = v;
      }
    });
    return out;
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  static identity(n: number): Matrix {
    const out = new Matrix(n, n);
    for (let i = 0; i < n; i++) out.data[i * n + i] = 1;
    return out;
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }

  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  /** Row i as a view (no copy): writing to it writes to the matrix. */
  row(i: number): Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** Column j as a new array. */
  column(j: number): Float64Array {
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j]!;
    return out;
  }

  /** The rows at the given indices, in that order (copied). */
  selectRows(indices: ArrayLike<number>): Matrix {
    const out = new Matrix(indices.length, this.cols);
    for (let k = 0; k < indices.length; k++) out.data.set(this.row(indices[k]!), k * this.cols);
    return out;
  }

  /** The columns at the given indices, in that order (copied). */
  selectColumns(indices: ArrayLike<number>): Matrix {
    const m = indices.length;
    const out = new Matrix(this.rows, m);
    for (let i = 0; i < this.rows; i++) {
      const base = i * this.cols;
      for (let k = 0; k < m; k++) out.data[i * m + k] = this.data[base + indices[k]!]!;
    }
    return out;
  }

  transpose(): Matrix {
    const out = new Matrix(this.cols, this.rows);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) out.data[j * this.rows + i] = this.data[i * this.cols + j]!;
    }
    return out;
  }

  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  toArrays(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.row(i)));
    return out;
  }
}

/**
 * A sparse matrix in compressed sparse row form (like scipy.sparse.csr_matrix): the non-zeros of row i are
 * `data[indptr[i] .. indptr[i+1]]` at columns `indices[...]`, columns sorted ascending within a row.
 */
export class CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, indptr: Int32Array, indices: Int32Array, data: Float64Array) {
    if (indptr.length !== rows + 1) {
      throw new AppError("INVALID_INPUT", `CsrMatrix indptr has ${indptr.length} entries, expected ${rows + 1}`);
    }
    if (indices.length !== data.length || indptr[rows] !== data.length) {
      throw new AppError("INVALID_INPUT", "CsrMatrix indices, data and indptr disagree on the number of non-zeros");
    }
    this.rows = rows;
    this.cols = cols;
    this.indptr = indptr;
    this.indices = indices;
    this.data = data;
  }

  get nnz(): number {
    return this.data.length;
  }

  /** From a dense matrix, keeping non-zeros. */
  static fromDense(m: Matrix): CsrMatrix {
    const indptr = new Int32Array(m.rows + 1);
    const idx: number[] = [];
    const vals: number[] = [];
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) {
        const v = m.data[i * m.cols + j]!;
        if (v !== 0) {
          idx.push(j);
          vals.push(v);
        }
      }
      indptr[i + 1] = idx.length;
    }
    return new CsrMatrix(m.rows, m.cols, indptr, Int32Array.from(idx), Float64Array.from(vals));
  }

  toDense(): Matrix {
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < this.rows; i++) {
      for (let p = this.indptr[i]!; p < this.indptr[i + 1]!; p++) {
        out.data[i * this.cols + this.indices[p]!] += this.data[p]!;
      }
    }
    return out;
  }

  get(i: number, j: number): number {
    for (let p = this.indptr[i]!; p < this.indptr[i + 1]!; p++) if (this.indices[p] === j) return this.data[p]!;
    return 0;
  }

  /** The rows at the given indices, in that order (copied). */
  selectRows(rowIndices: ArrayLike<number>): CsrMatrix {
    const n = rowIndices.length;
    const indptr = new Int32Array(n + 1);
    let nnz = 0;
    for (let k = 0; k < n; k++) {
      const r = rowIndices[k]!;
      nnz += this.indptr[r + 1]! - this.indptr[r]!;
      indptr[k + 1] = nnz;
    }
    const indices = new Int32Array(nnz);
    const data = new Float64Array(nnz);
    for (let k = 0; k < n; k++) {
      const r = rowIndices[k]!;
      const start = this.indptr[r]!;
      const end = this.indptr[r + 1]!;
      indices.set(this.indices.subarray(start, end), indptr[k]!);
      data.set(this.data.subarray(start, end), indptr[k]!);
    }
    return new CsrMatrix(n, this.cols, indptr, indices, data);
  }

  clone(): CsrMatrix {
    return new CsrMatrix(this.rows, this.cols, this.indptr.slice(), this.indices.slice(), this.data.slice());
  }
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "missing";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)}`;
  if (typeof value === "number") return String(value);
  return `a ${typeof value}`;
}
