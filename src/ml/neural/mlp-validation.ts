import { AppError, type SeededRandom } from "../../core/index.js";
import type { HiddenActivation, OutputActivation } from "./activations.js";
import { type ForwardBuffers, forwardInChunks, type NetworkLayout } from "./mlp-network.js";
import type { TrainingTarget } from "./mlp-training.js";

/** Rows of X with their targets: the training part or the part held out for early stopping. */
export interface LabelledRows {
  readonly X: Float64Array;
  readonly n: number;
  readonly target: TrainingTarget;
}

/** Accuracy (classification) or R² (regression) of the current weights on the held-out rows. */
export function validationScore(
  layout: NetworkLayout,
  params: Float64Array,
  hidden: HiddenActivation,
  output: OutputActivation,
  v: LabelledRows,
  buffers: ForwardBuffers,
): number {
  const nOut = layout.units[layout.units.length - 1]!;
  const preds = new Float64Array(v.n * nOut);
  forwardInChunks(layout, params, hidden, output, v.X, v.n, buffers, (out, start, rows) => {
    preds.set(out.subarray(0, rows * nOut), start * nOut);
  });
  const target = v.target;
  if (target.kind === "regression") {
    let mean = 0;
    for (let i = 0; i < v.n; i++) mean += target.values[i]!;
    mean /= v.n;
    let ssRes = 0;
    let ssTot = 0;
    for (let i = 0; i < v.n; i++) {
      ssRes += (target.values[i]! - preds[i]!) ** 2;
      ssTot += (target.values[i]! - mean) ** 2;
    }
    return ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
  }
  let hits = 0;
  for (let i = 0; i < v.n; i++) {
    if (target.kind === "binary") {
      if ((preds[i]! > 0.5 ? 1 : 0) === target.values[i]) hits++;
    } else {
      let best = 0;
      for (let j = 1; j < nOut; j++) if (preds[i * nOut + j]! > preds[i * nOut + best]!) best = j;
      if (best === target.codes[i]) hits++;
    }
  }
  return hits / v.n;
}

/**
 * Holds out ⌈fraction·n⌉ rows (like train_test_split), stratified by class for classifiers so that every class
 * keeps its share.
 */
export function splitValidation(
  X: Float64Array,
  n: number,
  nIn: number,
  target: TrainingTarget,
  fraction: number,
  rng: SeededRandom,
): { train: LabelledRows; validation: LabelledRows } {
  const nVal = Math.ceil(fraction * n);
  if (nVal < 1 || n - nVal < 1) {
    throw new AppError(
      "INVALID_INPUT",
      `earlyStopping needs at least one training and one validation row (n=${n}, validationFraction=${fraction})`,
    );
  }
  const perm = rng.permutation(n);
  const isVal = new Uint8Array(n);
  if (target.kind === "multiclass" || target.kind === "binary") {
    const classOf = (i: number) => (target.kind === "multiclass" ? target.codes[i]! : target.values[i]!);
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) counts.set(classOf(i), (counts.get(classOf(i)) ?? 0) + 1);
    // Largest-remainder allocation of the validation rows across classes.
    const quotas = [...counts.entries()].map(([c, count]) => {
      const exact = (count * nVal) / n;
      return { c, take: Math.floor(exact), rest: exact - Math.floor(exact) };
    });
    let left = nVal - quotas.reduce((s, q) => s + q.take, 0);
    for (const q of [...quotas].sort((a, b) => b.rest - a.rest || a.c - b.c)) {
      if (left <= 0) break;
      q.take++;
      left--;
    }
    const want = new Map(quotas.map((q) => [q.c, q.take]));
    for (const i of perm) {
      const c = classOf(i);
      const w = want.get(c)!;
      if (w > 0) {
        isVal[i] = 1;
        want.set(c, w - 1);
      }
    }
  } else {
    for (let q = 0; q < nVal; q++) isVal[perm[q]!] = 1;
  }
  const pick = (flag: number) => {
    const rows: number[] = [];
    for (const i of perm) if (isVal[i] === flag) rows.push(i);
    const Xs = new Float64Array(rows.length * nIn);
    rows.forEach((src, r) => {
      Xs.set(X.subarray(src * nIn, src * nIn + nIn), r * nIn);
    });
    const t: TrainingTarget =
      target.kind === "multiclass"
        ? { kind: "multiclass", codes: Int32Array.from(rows, (i) => target.codes[i]!), nClasses: target.nClasses }
        : { kind: target.kind, values: Float64Array.from(rows, (i) => target.values[i]!) };
    return { X: Xs, n: rows.length, target: t };
  };
  return { train: pick(0), validation: pick(1) };
}
