import { createKMeansKernel, type KMeansKernel } from "./kmeans-kernel.js";
import {
  type AssignmentInput,
  accumulateRows,
  assignNearest,
  inertiaOf,
  type PlusPlusRoundInput,
  plusPlusRound,
  rowSquaredNorms,
} from "./kmeans-loops.js";

/** Doubles of kernel scratch (k-means++ candidate dots). */
const TMP_DOUBLES = 64;

/**
 * One block of memory for the data and every buffer of a k-means fit or predict, with the hot loops over it. When
 * WebAssembly SIMD is available the block is the kernel's memory and the loops run there in place; otherwise it is
 * an ordinary buffer and the JavaScript loops run. Both compute the same things (up to the order of additions).
 */
export class KMeansWorkspace {
  private readonly kernel: KMeansKernel | null;
  private readonly buffer: ArrayBuffer;
  private readonly capacity: number;
  private readonly tmp: number;
  private next = 16;

  /** Room for `doubles` float64 and `ints` int32 values in at most `arrays` buffers. */
  constructor(doubles: number, ints: number, arrays: number) {
    // Starts at byte 16 so no buffer sits at offset 0; each buffer is 16-byte aligned for the SIMD loads; the
    // kernel gets TMP_DOUBLES of scratch.
    this.capacity = 16 + (doubles + TMP_DOUBLES) * 8 + ints * 4 + (arrays + 1) * 16;
    this.kernel = createKMeansKernel(this.capacity);
    this.buffer = this.kernel ? this.kernel.buffer : new ArrayBuffer(this.capacity);
    this.tmp = this.take(TMP_DOUBLES * 8);
  }

  /** A zeroed float64 view of `length` values. */
  f64(length: number): Float64Array {
    return new Float64Array(this.buffer, this.take(length * 8), length);
  }

  /** A zeroed int32 view of `length` values. */
  i32(length: number): Int32Array {
    return new Int32Array(this.buffer, this.take(length * 4), length);
  }

  /** out[i] = ‖x_i‖². */
  rowNorms(X: Float64Array, n: number, d: number, out: Float64Array): void {
    const w = this.kernel;
    if (w && this.inside(X, out)) w.rowNorms(X.byteOffset, n, d, out.byteOffset);
    else rowSquaredNorms(X, n, d, out);
  }

  /** The nearest centre of every row (see assignNearest in kmeans-loops.ts). */
  assignNearest(a: AssignmentInput, labels: Int32Array, minDist: Float64Array, warmStart: boolean): void {
    const w = this.kernel;
    if (w && this.inside(a.X, a.xNorms, a.centres, a.cNorms, a.cc, labels, minDist)) {
      w.assignNearest(
        a.X.byteOffset,
        a.n,
        a.d,
        a.xNorms.byteOffset,
        a.centres.byteOffset,
        a.k,
        a.cNorms.byteOffset,
        a.cc.byteOffset,
        labels.byteOffset,
        minDist.byteOffset,
        warmStart ? 1 : 0,
      );
    } else assignNearest(a, labels, minDist, warmStart);
  }

  /**
   * One k-means++ round (see plusPlusRound in kmeans-loops.ts); `candidateOffsets` must hold the candidates' byte
   * offsets in X when the kernel runs.
   */
  plusPlusRound(r: PlusPlusRoundInput, candidateOffsets: Int32Array): number {
    const w = this.kernel;
    const ok =
      w &&
      this.inside(r.X, r.xNorms, r.closest, r.owner, r.candidateNorms, r.toCentres, r.candidateDist, r.near, r.pots) &&
      this.inside(candidateOffsets);
    if (!w || !ok || r.trials > TMP_DOUBLES) return plusPlusRound(r);
    return w.plusPlusRound(
      r.X.byteOffset,
      r.n,
      r.d,
      r.xNorms.byteOffset,
      r.closest.byteOffset,
      r.owner.byteOffset,
      r.k,
      r.trials,
      candidateOffsets.byteOffset,
      r.candidateNorms.byteOffset,
      r.toCentres.byteOffset,
      r.candidateDist.byteOffset,
      r.near.byteOffset,
      r.pots.byteOffset,
      this.tmp,
    );
  }

  /** sums[label_i] += x_i, counts[label_i] += 1. */
  accumulate(
    X: Float64Array,
    n: number,
    d: number,
    labels: Int32Array,
    sums: Float64Array,
    counts: Float64Array,
  ): void {
    const w = this.kernel;
    if (w && this.inside(X, labels, sums, counts)) {
      w.accumulate(X.byteOffset, n, d, labels.byteOffset, sums.byteOffset, counts.byteOffset);
    } else accumulateRows(X, n, d, labels, sums, counts);
  }

  /** Σ‖x_i − c_{label_i}‖². */
  inertia(X: Float64Array, n: number, d: number, centres: Float64Array, labels: Int32Array): number {
    const w = this.kernel;
    if (w && this.inside(X, centres, labels)) {
      return w.inertia(X.byteOffset, n, d, centres.byteOffset, labels.byteOffset);
    }
    return inertiaOf(X, n, d, centres, labels);
  }

  /** The byte offset of X's row `row` when the kernel runs (for candidate offsets). */
  rowOffset(X: Float64Array, row: number, d: number): number {
    return X.byteOffset + row * d * 8;
  }

  private inside(...arrays: ArrayBufferView[]): boolean {
    for (const a of arrays) if (a.buffer !== this.buffer) return false;
    return true;
  }

  private take(bytes: number): number {
    const at = this.next;
    const size = Math.ceil(bytes / 16) * 16;
    if (at + size > this.capacity) throw new Error("KMeansWorkspace: out of room (sizing bug)");
    this.next += size;
    return at;
  }
}
