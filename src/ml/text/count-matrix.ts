import { CsrMatrix } from "../matrix.js";
import type { FeatureEncoder } from "./feature-encoder.js";

/**
 * Building document-term count matrices in one pass: each document's counts gather in a dense scratch array plus
 * the list of ids it touched, and rows are written straight into growing CSR arrays with sorted columns.
 */

class IntBuffer {
  data = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

/** Per-document counts: dense counts by feature id, and the ids seen in this document. */
export class DocCounts {
  counts = new Int32Array(1024);
  touched = new Int32Array(1024);
  size = 0;

  add(id: number): void {
    if (id >= this.counts.length) {
      const bigger = new Int32Array(Math.max(id + 1, this.counts.length * 2));
      bigger.set(this.counts);
      this.counts = bigger;
    }
    if (this.counts[id] === 0) {
      if (this.size === this.touched.length) {
        const bigger = new Int32Array(this.touched.length * 2);
        bigger.set(this.touched);
        this.touched = bigger;
      }
      this.touched[this.size++] = id;
    }
    this.counts[id]!++;
  }
}

/** Accumulates rows into CSR arrays. */
class CsrBuilder {
  readonly indptr: Int32Array;
  private readonly indices = new IntBuffer();
  private readonly values = new IntBuffer();
  private row = 0;

  constructor(private readonly rows: number) {
    this.indptr = new Int32Array(rows + 1);
  }

  /** Appends the document's row (ids sorted), and clears the scratch for the next one. */
  flush(doc: DocCounts, binary: boolean): void {
    const ids = doc.touched.subarray(0, doc.size).sort();
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      this.indices.push(id);
      this.values.push(binary ? 1 : doc.counts[id]!);
      doc.counts[id] = 0;
    }
    doc.size = 0;
    this.indptr[++this.row] = this.indices.length;
  }

  build(cols: number): CsrMatrix {
    const nnz = this.indices.length;
    const data = new Float64Array(nnz);
    const values = this.values.data;
    for (let p = 0; p < nnz; p++) data[p] = values[p]!;
    return new CsrMatrix(this.rows, cols, this.indptr, this.indices.data.slice(0, nnz), data);
  }
}

/**
 * The count matrix of `docs`. While learning, the encoder adds unseen features (ids in order of first appearance,
 * as in scikit-learn's _count_vocab) and the matrix has one column per feature it knows at the end.
 */
export function countDocuments(
  docs: readonly string[],
  encoder: FeatureEncoder,
  learning: boolean,
  binary: boolean,
): CsrMatrix {
  const out = new CsrBuilder(docs.length);
  const doc = new DocCounts();
  for (let i = 0; i < docs.length; i++) {
    encoder.encode(docs[i]!, doc, learning);
    out.flush(doc, binary);
  }
  return out.build(encoder.size);
}

/** The matrix with column `j` moved to `newIndex[j]`, or dropped where it is -1; rows stay sorted by column. */
export function remapColumns(m: CsrMatrix, newIndex: Int32Array, nFeatures: number): CsrMatrix {
  const out = new CsrBuilder(m.rows);
  const doc = new DocCounts();
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.indptr[i]!; p < m.indptr[i + 1]!; p++) {
      const j = newIndex[m.indices[p]!]!;
      if (j < 0) continue;
      doc.add(j);
      // A column appears once per row: add() counted 1, the stored count replaces it.
      doc.counts[j] = m.data[p]!;
    }
    out.flush(doc, false);
  }
  return out.build(nFeatures);
}
