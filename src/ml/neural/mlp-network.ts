import type { SeededRandom } from "../../core/index.js";
import { activateInPlace, type HiddenActivation, type OutputActivation, softmaxRowsInPlace } from "./activations.js";
import { addProduct, type GemmScratch, gemmScratch } from "./batch-gemm.js";

/**
 * Where each layer's weights and biases sit in the single packed parameter vector. Layer l maps units[l] inputs to
 * units[l+1] outputs with a row-major units[l]×units[l+1] weight block (scikit-learn's coefs_[l]) followed by its
 * units[l+1] biases (intercepts_[l]).
 */
export interface NetworkLayout {
  readonly units: readonly number[];
  readonly coefOffsets: readonly number[];
  readonly biasOffsets: readonly number[];
  readonly size: number;
}

/** The packed layout of a network with these layer sizes (input, hidden…, output). */
export function networkLayout(units: readonly number[]): NetworkLayout {
  const coefOffsets: number[] = [];
  const biasOffsets: number[] = [];
  let size = 0;
  for (let l = 0; l + 1 < units.length; l++) {
    coefOffsets.push(size);
    size += units[l]! * units[l + 1]!;
    biasOffsets.push(size);
    size += units[l + 1]!;
  }
  return { units: [...units], coefOffsets, biasOffsets, size };
}

/**
 * Glorot-uniform initialisation like scikit-learn's _init_coef: weights and biases ~ U(−b, b) with
 * b = √(6 / (fan_in + fan_out)), or √(2 / …) for the logistic activation; weights first, then biases, per layer.
 */
export function initialParams(layout: NetworkLayout, activation: HiddenActivation, rng: SeededRandom): Float64Array {
  const params = new Float64Array(layout.size);
  const factor = activation === "logistic" ? 2 : 6;
  for (let l = 0; l + 1 < layout.units.length; l++) {
    const fanIn = layout.units[l]!;
    const fanOut = layout.units[l + 1]!;
    const bound = Math.sqrt(factor / (fanIn + fanOut));
    const start = layout.coefOffsets[l]!;
    const end = layout.biasOffsets[l]! + fanOut;
    for (let p = start; p < end; p++) params[p] = -bound + 2 * bound * rng.next();
  }
  return params;
}

/** Activation buffers for batches of up to `rows` rows (layer 0, the input, is supplied by the caller). */
export interface ForwardBuffers {
  readonly rows: number;
  readonly activations: Float64Array[];
  readonly scratch: GemmScratch;
}

/** Buffers for forward passes over up to `rows` rows. */
export function forwardBuffers(layout: NetworkLayout, rows: number): ForwardBuffers {
  const activations = layout.units.map((u, l) => (l === 0 ? new Float64Array(0) : new Float64Array(rows * u)));
  return { rows, activations, scratch: gemmScratch(Math.max(rows, ...layout.units)) };
}

/**
 * Forward pass over `rows` rows of `input` (rows × units[0]); fills buffers.activations[1..] and returns the
 * output block (rows × units[last], only the first rows·units[last] values are meaningful).
 */
export function forward(
  layout: NetworkLayout,
  params: Float64Array,
  hidden: HiddenActivation,
  output: OutputActivation,
  input: Float64Array,
  rows: number,
  buffers: ForwardBuffers,
): Float64Array {
  const { units, coefOffsets, biasOffsets } = layout;
  const acts = buffers.activations;
  acts[0] = input;
  const last = units.length - 1;
  for (let l = 0; l < last; l++) {
    const fanIn = units[l]!;
    const fanOut = units[l + 1]!;
    const Z = acts[l + 1]!;
    const b = biasOffsets[l]!;
    for (let i = 0; i < rows; i++) {
      const zi = i * fanOut;
      for (let j = 0; j < fanOut; j++) Z[zi + j] = params[b + j]!;
    }
    const W = params.subarray(coefOffsets[l]!, b);
    addProduct(acts[l]!, rows, fanIn, W, fanOut, Z, buffers.scratch);
    if (l + 1 < last) activateInPlace(hidden, Z, rows * fanOut);
  }
  const out = acts[last]!;
  if (output === "softmax") softmaxRowsInPlace(out, rows, units[last]!);
  else if (output === "logistic") activateInPlace("logistic", out, rows * units[last]!);
  return out;
}

/** The network's outputs for every row of X (n × units[last]), computed in cache-sized chunks. */
export function predictOutputs(
  layout: NetworkLayout,
  params: Float64Array,
  hidden: HiddenActivation,
  output: OutputActivation,
  X: Float64Array,
  n: number,
): Float64Array {
  const nIn = layout.units[0]!;
  const nOut = layout.units[layout.units.length - 1]!;
  const chunk = Math.min(n, 256);
  const buffers = forwardBuffers(layout, Math.max(chunk, 1));
  const result = new Float64Array(n * nOut);
  for (let start = 0; start < n; start += chunk) {
    const rows = Math.min(chunk, n - start);
    const out = forward(layout, params, hidden, output, X.subarray(start * nIn, (start + rows) * nIn), rows, buffers);
    result.set(out.subarray(0, rows * nOut), start * nOut);
  }
  return result;
}
