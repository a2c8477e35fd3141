import { CsrMatrix } from "../matrix.js";

/** The TF-IDF options of scikit-learn's TfidfTransformer. */
export interface TfidfOptions {
  readonly norm: "l2" | "l1" | null;
  readonly useIdf: boolean;
  readonly smoothIdf: boolean;
  readonly sublinearTf: boolean;
}

/** idf = ln((n + s) / (df + s)) + 1 with s = 1 when smoothing, as scikit-learn computes it. */
export function computeIdf(counts: CsrMatrix, smoothIdf: boolean): Float64Array {
  const df = new Float64Array(counts.cols);
  // Stored entries count, explicit zeros included, like numpy.bincount over the CSR indices in scikit-learn.
  for (let p = 0; p < counts.indices.length; p++) df[counts.indices[p]!]++;
  const s = smoothIdf ? 1 : 0;
  const n = counts.rows + s;
  const idf = new Float64Array(counts.cols);
  for (let j = 0; j < idf.length; j++) idf[j] = Math.log(n / (df[j]! + s)) + 1;
  return idf;
}

/** tf (or 1 + ln tf), times idf, each row scaled to unit l2 or l1 norm; a new matrix sharing the sparsity pattern. */
export function applyTfidf(counts: CsrMatrix, idf: Float64Array | null, o: TfidfOptions): CsrMatrix {
  const data = new Float64Array(counts.data.length);
  const { indptr, indices } = counts;
  for (let i = 0; i < counts.rows; i++) {
    const start = indptr[i]!;
    const end = indptr[i + 1]!;
    let sum = 0;
    for (let p = start; p < end; p++) {
      let v = counts.data[p]!;
      if (o.sublinearTf) v = Math.log(v) + 1;
      if (idf !== null) v *= idf[indices[p]!]!;
      data[p] = v;
      sum += o.norm === "l1" ? Math.abs(v) : v * v;
    }
    if (o.norm === null || sum === 0) continue;
    const scale = o.norm === "l2" ? Math.sqrt(sum) : sum;
    for (let p = start; p < end; p++) data[p]! /= scale;
  }
  return new CsrMatrix(counts.rows, counts.cols, indptr.slice(), indices.slice(), data);
}
