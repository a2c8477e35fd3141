import { Matrix } from "../matrix.js";
import { createGramKernel } from "./gram-kernel.js";

/**
 * Gram matrices (XᵀX) of dense row-major data, optionally shifted, row-weighted and augmented with a target column.
 *
 * Rows are copied block by block into panels of four columns (shifted and scaled by √w on the way; layout in
 * gram-kernel.wat), and each block's upper triangle is accumulated by a 2×4 register-blocked kernel: WebAssembly
 * SIMD when available, the same loops in JavaScript otherwise. Measured on 200 000 × 100 (2-core AMD EPYC, Node 20,
 * best CPU time of several runs): the one-pass centred gram takes ~0.16 s with the wasm kernels (0.125 s of it the
 * SIMD kernel; 0.17 s with a plain column-major block) and ~0.85 s with the JavaScript fallback, against 7.8 s for
 * ml-matrix's `X.transpose().mmul(X)` (plus 0.6 s to build its matrix), so ml-matrix is not used here.
 * scikit-learn's whole Ridge fit on that data (OpenBLAS dsyrk, AVX2 FMA) takes 0.17–0.24 s of CPU.
 */

const BLOCK_ROWS = 128;

/** Where element (r, c) of a block lives in the panel layout (in doubles), for blocks of `stride` rows. */
function panelIndex(r: number, c: number, stride: number): number {
  return (c >> 2) * stride * 4 + (r >> 1) * 8 + (c & 3) * 2 + (r & 1);
}

interface Columns {
  readonly X: Matrix;
  readonly shift: Float64Array | null;
  readonly weights: Float64Array | null;
  readonly y: Float64Array | null;
  readonly yShift: number;
  /** Appends a column of ones (√w with weights), so the product also yields the weighted column sums. */
  readonly ones: boolean;
}

/** The full symmetric q×q product of the described columns (q = cols + target + ones). */
function crossProducts(spec: Columns): { q: number; G: Float64Array } {
  const { X, shift, weights, y, yShift, ones } = spec;
  const n = X.rows;
  const p = X.cols;
  const q = p + (y ? 1 : 0) + (ones ? 1 : 0);
  const pp = Math.max(4, Math.ceil(q / 4) * 4);
  const stride = BLOCK_ROWS;
  // Doubles: the column-major block, G, then (wasm only) a row-major staging block, the shift and the row scales.
  const bufLength = pp * stride;
  const gOffset = bufLength;
  const stagingOffset = gOffset + pp * pp;
  const shiftOffset = stagingOffset + stride * p;
  const scaleOffset = shiftOffset + p;
  const total = scaleOffset + stride;
  const kernel = createGramKernel(total * 8);
  const memory = kernel ? kernel.buffer : new ArrayBuffer((bufLength + pp * pp) * 8);
  const buf = new Float64Array(memory, 0, bufLength);
  const G = new Float64Array(memory, gOffset * 8, pp * pp);
  const staging = kernel ? new Float64Array(memory, stagingOffset * 8, stride * p) : null;
  const scale = kernel ? new Float64Array(memory, scaleOffset * 8, stride) : null;
  if (kernel && shift) new Float64Array(memory, shiftOffset * 8, p).set(shift);
  const data = X.data;
  const yCol = p;
  const onesCol = p + (y ? 1 : 0);
  for (let i0 = 0; i0 < n; i0 += stride) {
    const len = Math.min(stride, n - i0);
    if (kernel && staging && scale) {
      // One bulk copy per block, then the strided, shifted, scaled repacking inside wasm.
      staging.set(data.subarray(i0 * p, (i0 + len) * p));
      for (let r = 0; r < len; r++) scale[r] = weights ? Math.sqrt(weights[i0 + r]!) : 1;
      kernel.packBlock(stagingOffset * 8, p, len, 0, stride, shiftOffset * 8, scaleOffset * 8);
      for (let r = 0; r < len; r++) {
        if (y) buf[panelIndex(r, yCol, stride)] = (y[i0 + r]! - yShift) * scale[r]!;
        if (ones) buf[panelIndex(r, onesCol, stride)] = scale[r]!;
      }
    } else {
      packBlockJs(spec, i0, len, buf, stride, yCol, onesCol);
    }
    // An odd block is padded with a zero row: the SIMD kernel reads rows in pairs.
    const even = (len + 1) & ~1;
    if (even !== len) for (let j = 0; j < q; j++) buf[panelIndex(len, j, stride)] = 0;
    if (kernel) kernel.gramBlock(0, stride, pp, even, gOffset * 8);
    else gramBlockJs(buf, stride, pp, even, G);
  }
  const out = new Float64Array(q * q);
  for (let j = 0; j < q; j++) {
    for (let k = j; k < q; k++) {
      const v = G[j * pp + k]!;
      out[j * q + k] = v;
      out[k * q + j] = v;
    }
  }
  return { q, G: out };
}

/** The JavaScript twin of packBlock in gram-kernel.wat, plus the target and ones columns. */
function packBlockJs(
  spec: Columns,
  i0: number,
  len: number,
  buf: Float64Array,
  stride: number,
  yCol: number,
  onesCol: number,
): void {
  const { X, shift, weights, y, yShift, ones } = spec;
  const p = X.cols;
  const data = X.data;
  for (let r = 0; r < len; r++) {
    const i = i0 + r;
    const base = i * p;
    const s = weights ? Math.sqrt(weights[i]!) : 1;
    for (let j = 0; j < p; j++) buf[panelIndex(r, j, stride)] = (data[base + j]! - (shift ? shift[j]! : 0)) * s;
    if (y) buf[panelIndex(r, yCol, stride)] = (y[i]! - yShift) * s;
    if (ones) buf[panelIndex(r, onesCol, stride)] = s;
  }
}

/** The JavaScript twin of gramBlock in gram-kernel.wat (same panel layout and blocking). */
function gramBlockJs(buf: Float64Array, stride: number, pp: number, len: number, G: Float64Array): void {
  const pairs = len >> 1;
  for (let j = 0; j < pp; j += 2) {
    const pj = (j >> 2) * stride * 4 + (j & 3) * 2;
    for (let k = j & ~3; k < pp; k += 4) {
      const pk = (k >> 2) * stride * 4;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let t = 0; t < pairs; t++) {
        const a = pj + t * 8;
        const b = pk + t * 8;
        // Row r of the pair at offset 0, row r + 1 at offset 1.
        for (let h = 0; h < 2; h++) {
          const x0 = buf[a + h]!;
          const x1 = buf[a + 2 + h]!;
          const y0 = buf[b + h]!;
          const y1 = buf[b + 2 + h]!;
          const y2 = buf[b + 4 + h]!;
          const y3 = buf[b + 6 + h]!;
          s00 += x0 * y0;
          s01 += x0 * y1;
          s02 += x0 * y2;
          s03 += x0 * y3;
          s10 += x1 * y0;
          s11 += x1 * y1;
          s12 += x1 * y2;
          s13 += x1 * y3;
        }
      }
      const g0 = j * pp + k;
      const g1 = g0 + pp;
      G[g0] += s00;
      G[g0 + 1] += s01;
      G[g0 + 2] += s02;
      G[g0 + 3] += s03;
      G[g1] += s10;
      G[g1 + 1] += s11;
      G[g1 + 2] += s12;
      G[g1 + 3] += s13;
    }
  }
}

/** Options of `gram`. */
export interface GramOptions {
  /** Subtracted from every row first (e.g. the column means); length `X.cols`. */
  readonly shift?: Float64Array;
  /** Non-negative row weights wᵢ: the product becomes Σᵢ wᵢ (xᵢ − s)(xᵢ − s)ᵀ. */
  readonly weights?: Float64Array;
}

/** XᵀX as a full symmetric cols × cols matrix (with `shift` and `weights`: Σᵢ wᵢ (xᵢ − s)(xᵢ − s)ᵀ). */
export function gram(X: Matrix, options: GramOptions = {}): Matrix {
  const { q, G } = crossProducts({
    X,
    shift: options.shift ?? null,
    weights: options.weights ?? null,
    y: null,
    yShift: 0,
    ones: false,
  });
  return new Matrix(q, q, G);
}

/** Everything a least-squares fit needs from one pass over (X, y). */
export interface CenteredGram {
  /** Σᵢ wᵢ (xᵢ − x̄)(xᵢ − x̄)ᵀ, full symmetric (uncentred XᵀWX when `center` is false). */
  readonly gram: Matrix;
  /** Σᵢ wᵢ (xᵢ − x̄)(yᵢ − ȳ). */
  readonly xty: Float64Array;
  /** Σᵢ wᵢ (yᵢ − ȳ)². */
  readonly yty: number;
  /** The weighted column means x̄ (zeros when `center` is false). */
  readonly xMean: Float64Array;
  /** The weighted mean ȳ (0 when `center` is false). */
  readonly yMean: number;
  readonly weightSum: number;
  /** False when X or y holds a NaN or an infinity (or the sums overflow): the caller then names the bad cell. */
  readonly finite: boolean;
}

/**
 * XᵀWX, XᵀWy and yᵀWy of the data centred on its weighted means, in ONE pass over X. The data are shifted by the
 * mean of the first rows (shifted-data algorithm) and the exact correction −d dᵀ / Σw applied afterwards, where d
 * are the weighted sums of the shifted columns; the shift makes the correction small, so nothing cancels badly even
 * when the means are large against the spread.
 */
export function centeredGram(
  X: Matrix,
  y: Float64Array,
  options: { weights?: Float64Array; center?: boolean } = {},
): CenteredGram {
  const center = options.center ?? true;
  const weights = options.weights ?? null;
  const n = X.rows;
  const p = X.cols;
  const shift = new Float64Array(p);
  let yShift = 0;
  if (center) {
    const m = Math.min(n, 1024);
    for (let i = 0; i < m; i++) {
      const base = i * p;
      for (let j = 0; j < p; j++) shift[j] += X.data[base + j]!;
      yShift += y[i]!;
    }
    if (m > 0) {
      for (let j = 0; j < p; j++) shift[j] /= m;
      yShift /= m;
    }
  }
  const { q, G } = crossProducts({ X, shift: center ? shift : null, weights, y, yShift, ones: true });
  const yc = p;
  const oc = p + 1;
  const weightSum = G[oc * q + oc]!;
  const d = new Float64Array(p + 1);
  for (let j = 0; j <= p; j++) d[j] = G[j * q + oc]!;
  const out = new Matrix(p, p);
  const xty = new Float64Array(p);
  const xMean = new Float64Array(p);
  let yMean = 0;
  let finite = Number.isFinite(weightSum) && Number.isFinite(G[yc * q + yc]!);
  const correct = center && weightSum > 0;
  for (let j = 0; j < p; j++) {
    const dj = correct ? d[j]! / weightSum : 0;
    for (let k = 0; k < p; k++) out.data[j * p + k] = G[j * q + k]! - dj * d[k]!;
    xty[j] = G[j * q + yc]! - dj * d[p]!;
    if (center) xMean[j] = shift[j]! + dj;
    if (!Number.isFinite(G[j * q + j]!)) finite = false;
  }
  let yty = G[yc * q + yc]!;
  if (correct) {
    yty -= (d[p]! * d[p]!) / weightSum;
    yMean = yShift + d[p]! / weightSum;
  }
  return { gram: out, xty, yty, xMean, yMean, weightSum, finite };
}
