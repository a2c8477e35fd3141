import type { SeededRandom } from "../../core/index.js";
import { activateInPlace, type HiddenActivation, type OutputActivation, softmaxRowsInPlace } from "./activations.js";
import { BatchWorkspace } from "./batch-workspace.js";

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

/** Activation buffers for batches of up to `rows` rows; activations[0] is the input the caller fills. */
export interface ForwardBuffers {
  readonly rows: number;
  readonly activations: readonly Float64Array[];
  readonly ws: BatchWorkspace;
}

/** Doubles a forward pass over `rows` rows needs in a workspace. */
export function forwardDoubles(layout: NetworkLayout, rows: number): number {
  return rows * layout.units.reduce((a, b) => a + b, 0);
}

/** Buffers in `ws` for forward passes over up to `rows` rows. */
export function forwardBuffers(layout: NetworkLayout, rows: number, ws: BatchWorkspace): ForwardBuffers {
  return { rows, activations: layout.units.map((u) => ws.alloc(rows * u)), ws };
}

/**
 * Forward pass over the first `rows` rows of buffers.activations[0]; fills the other activations and returns the
 * output block (only its first rows·units[last] values are meaningful).
 */
export function forward(
  layout: NetworkLayout,
  params: Float64Array,
  hidden: HiddenActivation,
  output: OutputActivation,
  rows: number,
  buffers: ForwardBuffers,
): Float64Array {
  const { units, coefOffsets, biasOffsets } = layout;
  const acts = buffers.activations;
  const last = units.length - 1;
  for (let l = 0; l < last; l++) {
    const fanIn = units[l]!;
    const fanOut = units[l + 1]!;
    const Z = acts[l + 1]!;
    const b = biasOffsets[l]!;
    const ws = buffers.ws;
    ws.fillRows(params.subarray(b, b + fanOut), rows, fanOut, Z);
    ws.addProduct(acts[l]!, rows, fanIn, params.subarray(coefOffsets[l]!, b), fanOut, Z);
    if (l + 1 < last) {
      if (hidden === "relu") ws.relu(Z, rows * fanOut);
      else activateInPlace(hidden, Z, rows * fanOut);
    }
  }
  const out = acts[last]!;
  if (output === "softmax") softmaxRowsInPlace(out, rows, units[last]!);
  else if (output === "logistic") activateInPlace("logistic", out, rows * units[last]!);
  return out;
}

/** Runs the network over `n` rows of `X` in cache-sized chunks, calling `take(out, start, rows)` per chunk. */
export function forwardInChunks(
  layout: NetworkLayout,
  params: Float64Array,
  hidden: HiddenActivation,
  output: OutputActivation,
  X: Float64Array,
  n: number,
  buffers: ForwardBuffers,
  take: (out: Float64Array, start: number, rows: number) => void,
): void {
  const nIn = layout.units[0]!;
  const input = buffers.activations[0]!;
  for (let start = 0; start < n; start += buffers.rows) {
    const rows = Math.min(buffers.rows, n - start);
    input.set(X.subarray(start * nIn, (start + rows) * nIn));
    take(forward(layout, params, hidden, output, rows, buffers), start, rows);
  }
}

/** The network's outputs for every row of X (n × units[last]). */
export function predictOutputs(
  layout: NetworkLayout,
  params: Float64Array,
  hidden: HiddenActivation,
  output: OutputActivation,
  X: Float64Array,
  n: number,
): Float64Array {
  const nOut = layout.units[layout.units.length - 1]!;
  const { weights, buffers } = predictWorkspace(layout);
  weights.set(params);
  const result = new Float64Array(n * nOut);
  forwardInChunks(layout, weights, hidden, output, X, n, buffers, (out, start, rows) => {
    result.set(out.subarray(0, rows * nOut), start * nOut);
  });
  return result;
}

/** Rows per forward pass at predict time. */
const PREDICT_CHUNK = 256;
/** Workspaces up to this size are kept for the next predict with the same layer sizes. */
const KEPT_WORKSPACE_DOUBLES = 1 << 19;

let kept: { key: string; weights: Float64Array; buffers: ForwardBuffers } | undefined;

/**
 * A workspace for predicting with this layout. The last small one is kept: a fresh one costs page faults on its
 * first writes, which for a few hundred rows take longer than the forward pass itself.
 */
function predictWorkspace(layout: NetworkLayout): { weights: Float64Array; buffers: ForwardBuffers } {
  const key = layout.units.join(",");
  if (kept?.key === key) return kept;
  const doubles = layout.size + forwardDoubles(layout, PREDICT_CHUNK);
  const ws = new BatchWorkspace(doubles, layout.units.length + 1, Math.max(PREDICT_CHUNK, ...layout.units));
  const made = { key, weights: ws.alloc(layout.size), buffers: forwardBuffers(layout, PREDICT_CHUNK, ws) };
  if (doubles <= KEPT_WORKSPACE_DOUBLES) kept = made;
  return made;
}
