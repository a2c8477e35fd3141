import { AppError } from "../../core/index.js";
import type { Label } from "../estimator.js";
import { Matrix } from "../matrix.js";
import { sortFloat64 } from "./float-sort.js";
import { checkSameLength, labelIndex, uniqueLabels } from "./labels.js";

/** A ROC curve: false and true positive rates at each decreasing score threshold (first point is (0, 0)). */
export interface RocCurve {
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
  readonly thresholds: Float64Array;
}

function checkScores(scores: ArrayLike<number>): void {
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i]!)) {
      throw new AppError("INVALID_INPUT", `yScore[${i}] is ${scores[i]}, expected a finite number`, [
        { field: "yScore", index: i, reason: "not finite" },
      ]);
    }
  }
}

/**
 * False and true positive counts at each distinct score threshold, scores decreasing (scikit-learn's
 * _binary_clf_curve): ties share one threshold, which is what makes the AUC count them as half. Positive and
 * negative scores are sorted apart with the native numeric sort, then merged from the top.
 */
function clfCurve(positive: Uint8Array, scores: ArrayLike<number>): { fps: number[]; tps: number[]; thr: number[] } {
  const n = positive.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += positive[i]!;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(n - nPos);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (positive[i]) pos[p++] = scores[i]!;
    else neg[q++] = scores[i]!;
  }
  sortFloat64(pos);
  sortFloat64(neg);
  const fps: number[] = [];
  const tps: number[] = [];
  const thr: number[] = [];
  let i = pos.length - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  while (i >= 0 || j >= 0) {
    const v = i < 0 ? neg[j]! : j < 0 ? pos[i]! : Math.max(pos[i]!, neg[j]!);
    while (i >= 0 && pos[i] === v) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === v) {
      fp++;
      j--;
    }
    tps.push(tp);
    fps.push(fp);
    thr.push(v);
  }
  return { fps, tps, thr };
}

function curveFromFlags(positive: Uint8Array, scores: ArrayLike<number>, dropIntermediate: boolean): RocCurve {
  let { fps, tps, thr } = clfCurve(positive, scores);
  if (dropIntermediate && fps.length > 2) {
    // Points on a straight segment add nothing to the curve or its area (scikit-learn drops them too).
    const keep: number[] = [0];
    for (let k = 1; k < fps.length - 1; k++) {
      const d2f = fps[k + 1]! - 2 * fps[k]! + fps[k - 1]!;
      const d2t = tps[k + 1]! - 2 * tps[k]! + tps[k - 1]!;
      if (d2f !== 0 || d2t !== 0) keep.push(k);
    }
    keep.push(fps.length - 1);
    fps = keep.map((k) => fps[k]!);
    tps = keep.map((k) => tps[k]!);
    thr = keep.map((k) => thr[k]!);
  }
  const m = fps.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const thresholds = new Float64Array(m);
  const lastF = fps[fps.length - 1]!;
  const lastT = tps[tps.length - 1]!;
  thresholds[0] = thr[0]! + 1;
  for (let k = 1; k < m; k++) {
    fpr[k] = lastF > 0 ? fps[k - 1]! / lastF : Number.NaN;
    tpr[k] = lastT > 0 ? tps[k - 1]! / lastT : Number.NaN;
    thresholds[k] = thr[k - 1]!;
  }
  if (lastF <= 0) fpr[0] = Number.NaN;
  if (lastT <= 0) tpr[0] = Number.NaN;
  return { fpr, tpr, thresholds };
}

/**
 * The ROC curve of a binary problem, like sklearn.metrics.roc_curve. `posLabel` defaults to 1 when the labels
 * are {0, 1} or {-1, 1}; otherwise it must be given.
 */
export function rocCurve(
  yTrue: ArrayLike<Label>,
  yScore: ArrayLike<number>,
  options: { readonly posLabel?: Label; readonly dropIntermediate?: boolean } = {},
): RocCurve {
  checkSameLength(yTrue, yScore, "yScore");
  checkScores(yScore);
  const labels = uniqueLabels(yTrue);
  let posLabel = options.posLabel;
  if (posLabel === undefined) {
    const ok = labels.every((l) => l === 0 || l === 1 || l === -1);
    if (!ok) {
      throw new AppError(
        "INVALID_INPUT",
        `yTrue takes values ${JSON.stringify(labels)}: give posLabel (default 1 only for {0, 1} or {-1, 1})`,
      );
    }
    posLabel = 1;
  }
  const positive = new Uint8Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) positive[i] = yTrue[i] === posLabel ? 1 : 0;
  return curveFromFlags(positive, yScore, options.dropIntermediate ?? true);
}

/** Area under a curve by the trapezoidal rule (x increasing), like sklearn.metrics.auc on a ROC curve. */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length || x.length < 2) {
    throw new AppError("INVALID_INPUT", "auc needs x and y of the same length, at least 2 points");
  }
  let area = 0;
  for (let k = 1; k < x.length; k++) area += ((x[k]! - x[k - 1]!) * (y[k]! + y[k - 1]!)) / 2;
  return area;
}

/**
 * The area under the ROC curve in one merge pass over the sorted positive and negative scores: the trapezoids
 * summed in integer counts (exact) and divided once by nPos·nNeg, which equals scikit-learn's trapezoidal area
 * on its curve up to rounding.
 */
function binaryAuc(positive: Uint8Array, scores: ArrayLike<number>): number {
  const n = positive.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += positive[i]!;
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) {
    throw new AppError("INVALID_INPUT", "Only one class present in yTrue: ROC AUC is not defined in that case");
  }
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(nNeg);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (positive[i]) pos[p++] = scores[i]!;
    else neg[q++] = scores[i]!;
  }
  sortFloat64(pos);
  sortFloat64(neg);
  let i = nPos - 1;
  let j = nNeg - 1;
  let tp = 0;
  let fp = 0;
  let twiceArea = 0;
  while (i >= 0 || j >= 0) {
    const v = i < 0 ? neg[j]! : j < 0 ? pos[i]! : Math.max(pos[i]!, neg[j]!);
    const tpBefore = tp;
    const fpBefore = fp;
    while (i >= 0 && pos[i] === v) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === v) {
      fp++;
      j--;
    }
    twiceArea += (fp - fpBefore) * (tp + tpBefore);
  }
  return twiceArea / 2 / nPos / nNeg;
}

/** Options of {@link rocAucScore}. */
export interface RocAucOptions {
  /** Multiclass averaging of the one-vs-rest AUCs (default "macro"). */
  readonly average?: "macro" | "weighted" | "micro";
  /** Only one-vs-rest is implemented. */
  readonly multiClass?: "ovr";
  /** The classes of the yScore columns (sorted); default the sorted labels of yTrue. */
  readonly labels?: readonly Label[];
}

/**
 * Area under the ROC curve, like sklearn.metrics.roc_auc_score. Binary: `yScore` holds a score of the greater
 * label (a probability or a decision value; a 2-column probability Matrix also works, its column 1 is used).
 * Multiclass: `yScore` is a probability Matrix with one column per class, averaged one-vs-rest; ties count half.
 */
export function rocAucScore(
  yTrue: ArrayLike<Label>,
  yScore: ArrayLike<number> | Matrix,
  options: RocAucOptions = {},
): number {
  const n = yTrue.length;
  const present = uniqueLabels(yTrue);
  const isMatrix = yScore instanceof Matrix;
  if (isMatrix && yScore.rows !== n) {
    throw new AppError("INVALID_INPUT", `yTrue has ${n} values but yScore has ${yScore.rows} rows`);
  }
  if (n === 0) throw new AppError("INVALID_INPUT", "Metrics need at least one value");
  if (present.length <= 2 && !(isMatrix && yScore.cols > 2)) {
    const scores = isMatrix ? binaryColumn(yScore) : yScore;
    checkSameLength(yTrue, scores, "yScore");
    checkScores(scores);
    const positive = new Uint8Array(n);
    const pos = present[present.length - 1];
    for (let i = 0; i < n; i++) positive[i] = yTrue[i] === pos ? 1 : 0;
    return binaryAuc(positive, scores);
  }
  if (!isMatrix) {
    throw new AppError("INVALID_INPUT", "Multiclass ROC AUC needs yScore as a Matrix with one column per class");
  }
  if ((options.multiClass ?? "ovr") !== "ovr") {
    throw new AppError("INVALID_INPUT", 'Only multiClass "ovr" is supported for multiclass ROC AUC');
  }
  return multiclassAuc(yTrue, yScore, present, options);
}

function binaryColumn(m: Matrix): Float64Array {
  if (m.cols === 1) return m.column(0);
  if (m.cols === 2) return m.column(1);
  throw new AppError("INVALID_INPUT", `A binary ROC AUC needs 1 or 2 score columns, got ${m.cols}`);
}

function multiclassAuc(yTrue: ArrayLike<Label>, yScore: Matrix, present: Label[], options: RocAucOptions): number {
  const n = yScore.rows;
  const k = yScore.cols;
  checkScores(yScore.data);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += yScore.data[i * k + j]!;
    if (!(Math.abs(s - 1) <= 1e-8 + 1e-5)) {
      throw new AppError(
        "INVALID_INPUT",
        `Target scores need to be probabilities for multiclass ROC AUC: row ${i} sums to ${s}, not 1`,
      );
    }
  }
  const classes = options.labels ? [...options.labels] : present;
  if (classes.length !== k) {
    throw new AppError("INVALID_INPUT", `There are ${classes.length} classes but yScore has ${k} columns`);
  }
  const index = labelIndex(classes);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = index.get(yTrue[i]!);
    if (c === undefined) {
      throw new AppError("INVALID_INPUT", `yTrue[${i}] is ${JSON.stringify(yTrue[i])}, not one of the labels`);
    }
    codes[i] = c;
  }
  const avg = options.average ?? "macro";
  if (avg === "micro") {
    const positive = new Uint8Array(n * k);
    for (let i = 0; i < n; i++) positive[i * k + codes[i]!] = 1;
    return binaryAuc(positive, yScore.data);
  }
  let sum = 0;
  let wsum = 0;
  const positive = new Uint8Array(n);
  const column = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    let count = 0;
    for (let i = 0; i < n; i++) {
      positive[i] = codes[i] === j ? 1 : 0;
      count += positive[i]!;
      column[i] = yScore.data[i * k + j]!;
    }
    const score = binaryAuc(positive, column);
    const w = avg === "weighted" ? count : 1;
    sum += score * w;
    wsum += w;
  }
  return sum / wsum;
}
