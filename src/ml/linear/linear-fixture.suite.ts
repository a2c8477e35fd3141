import { readFixture } from "../../../test/fixtures/datasets.js";
import { CsrMatrix, Matrix } from "../matrix.js";

/** Shapes of test/fixtures/sklearn/linear.json (written by scripts/sklearn/linear.py). */
export interface RegressorRef {
  coef: number[];
  intercept: number;
  predict: number[];
  n_iter?: number;
  dual_gap?: number;
  params?: Record<string, unknown>;
}

export interface ClassifierRef {
  classes: (number | string)[];
  coef: number[][];
  intercept: number[];
  predict: (number | string)[];
  decision: number[] | number[][];
  proba?: number[][];
  objective?: number;
}

export interface CsrRef {
  rows: number;
  cols: number;
  indptr: number[];
  indices: number[];
  data: number[];
}

export interface LinearFixture {
  regression: Record<string, RegressorRef> & { sample_weight: number[] };
  rank_deficient: {
    tall: RegressorRef & { X: number[][]; y: number[]; rank: number };
    wide: RegressorRef & { X: number[][]; y: number[]; rank: number };
    ridge_dual: RegressorRef;
  };
  sparse_ridge: Record<
    "tall" | "wide",
    { X: CsrRef; y: number[]; sample_weight: number[]; weighted: RegressorRef; no_intercept: RegressorRef }
  >;
  logistic: Record<string, ClassifierRef> & {
    unpenalised: ClassifierRef & { X: number[][]; y: number[] };
    text: { X: CsrRef; y: string[]; l2: ClassifierRef; l1: ClassifierRef };
    multinomial_default: { predict: number[] };
  };
  svc: Record<string, ClassifierRef> & { sparse: ClassifierRef & { X: CsrRef; y: number[] } };
}

let cached: LinearFixture | undefined;

export function linearFixture(): LinearFixture {
  cached ??= readFixture<LinearFixture>("sklearn/linear.json");
  return cached;
}

export function toCsr(ref: CsrRef): CsrMatrix {
  return new CsrMatrix(
    ref.rows,
    ref.cols,
    Int32Array.from(ref.indptr),
    Int32Array.from(ref.indices),
    Float64Array.from(ref.data),
  );
}

/** max |a − b| / max |b|: the relative difference the parity tests bound by 1e-6. */
export function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  return den === 0 ? num : num / den;
}

/** Columns scaled to zero mean and unit population variance (like the fixture script's standardise). */
export function standardise(X: Matrix): Matrix {
  const { rows, cols } = X;
  const out = new Matrix(rows, cols);
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += X.get(i, j);
    mean /= rows;
    let v = 0;
    for (let i = 0; i < rows; i++) v += (X.get(i, j) - mean) ** 2;
    const sd = Math.sqrt(v / rows);
    for (let i = 0; i < rows; i++) out.set(i, j, (X.get(i, j) - mean) / sd);
  }
  return out;
}
