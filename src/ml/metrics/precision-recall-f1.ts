import { AppError } from "../../core/index.js";
import type { Label } from "../estimator.js";
import { checkSameLength, labelIndex, uniqueLabels } from "./labels.js";

/** How per-label scores are combined, like scikit-learn's `average`. */
export type Average = "binary" | "micro" | "macro" | "weighted";

/**
 * What a 0/0 division gives (a label never predicted, or never true). "warn" behaves as 0, like scikit-learn's
 * default, without printing anything.
 */
export type ZeroDivision = 0 | 1 | "warn";

/** Options of the precision / recall / F-score metrics. */
export interface PrfOptions {
  /** Default "binary": only the `posLabel` class is scored (an error for more than two labels). */
  readonly average?: Average;
  /** The positive class for average "binary"; default 1. */
  readonly posLabel?: Label;
  /** The labels to score (for averages other than "binary"); default the sorted union of yTrue and yPred. */
  readonly labels?: readonly Label[];
  readonly zeroDivision?: ZeroDivision;
}

/** Per-label scores, in the order of `labels`. */
export interface PerLabelScores {
  readonly labels: Label[];
  readonly precision: Float64Array;
  readonly recall: Float64Array;
  readonly fScore: Float64Array;
  /** Number of true samples of each label. */
  readonly support: Float64Array;
}

/** Averaged scores. */
export interface AveragedScores {
  readonly precision: number;
  readonly recall: number;
  readonly fScore: number;
}

interface Counts {
  readonly tp: Float64Array;
  readonly predicted: Float64Array;
  readonly truth: Float64Array;
}

function countLabels(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, labels: readonly Label[]): Counts {
  const index = labelIndex(labels);
  const k = labels.length;
  const tp = new Float64Array(k);
  const predicted = new Float64Array(k);
  const truth = new Float64Array(k);
  for (let i = 0; i < yTrue.length; i++) {
    const t = index.get(yTrue[i]!);
    const p = index.get(yPred[i]!);
    if (t !== undefined) truth[t]! += 1;
    if (p !== undefined) predicted[p]! += 1;
    if (t !== undefined && t === p) tp[t]! += 1;
  }
  return { tp, predicted, truth };
}

function divide(num: Float64Array, den: Float64Array, zeroValue: number): Float64Array {
  const out = new Float64Array(num.length);
  for (let k = 0; k < num.length; k++) out[k] = den[k] === 0 ? zeroValue : num[k]! / den[k]!;
  return out;
}

function fromCounts(c: Counts, beta: number, zeroValue: number): Omit<PerLabelScores, "labels"> {
  const precision = divide(c.tp, c.predicted, zeroValue);
  const recall = divide(c.tp, c.truth, zeroValue);
  const fScore = new Float64Array(precision.length);
  const beta2 = beta * beta;
  for (let k = 0; k < fScore.length; k++) {
    const p = precision[k]!;
    const r = recall[k]!;
    if (beta === Number.POSITIVE_INFINITY) fScore[k] = r;
    else {
      const denom = beta2 * p + r;
      fScore[k] = ((1 + beta2) * p * r) / (denom === 0 ? 1 : denom);
    }
  }
  return { precision, recall, fScore, support: c.truth };
}

function zeroValueOf(zeroDivision: ZeroDivision | undefined): number {
  const z = zeroDivision ?? "warn";
  if (z !== "warn" && z !== 0 && z !== 1) throw new AppError("INVALID_INPUT", 'zeroDivision must be 0, 1 or "warn"');
  return z === 1 ? 1 : 0;
}

/** Precision, recall, F-beta and support for each label (scikit-learn's precision_recall_fscore_support, average=None). */
export function precisionRecallFscoreSupport(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  options: { readonly labels?: readonly Label[]; readonly beta?: number; readonly zeroDivision?: ZeroDivision } = {},
): PerLabelScores {
  checkSameLength(yTrue, yPred);
  const labels = [...(options.labels ?? uniqueLabels(yTrue, yPred))];
  const scores = fromCounts(countLabels(yTrue, yPred, labels), options.beta ?? 1, zeroValueOf(options.zeroDivision));
  return { labels, ...scores };
}

function average(values: Float64Array, weights?: Float64Array): number {
  let sum = 0;
  if (!weights) {
    for (let k = 0; k < values.length; k++) sum += values[k]!;
    return sum / values.length;
  }
  let wsum = 0;
  for (let k = 0; k < values.length; k++) {
    sum += values[k]! * weights[k]!;
    wsum += weights[k]!;
  }
  return sum / wsum;
}

/** The labels scored for an average, with scikit-learn's checks for "binary". */
function labelsFor(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: PrfOptions): Label[] {
  const avg = options.average ?? "binary";
  if (!["binary", "micro", "macro", "weighted"].includes(avg)) {
    throw new AppError("INVALID_INPUT", `average must be "binary", "micro", "macro" or "weighted", got ${avg}`);
  }
  const present = uniqueLabels(yTrue, yPred);
  if (avg !== "binary") return [...(options.labels ?? present)];
  if (present.length > 2) {
    throw new AppError(
      "INVALID_INPUT",
      `Target is multiclass but average="binary"; choose another average: "micro", "macro" or "weighted"`,
    );
  }
  const posLabel = options.posLabel ?? 1;
  if (!present.includes(posLabel) && present.length >= 2) {
    throw new AppError(
      "INVALID_INPUT",
      `posLabel=${JSON.stringify(posLabel)} is not a valid label; it should be one of ${JSON.stringify(present)}`,
    );
  }
  return [posLabel];
}

/** Precision, recall and F-beta averaged over labels like scikit-learn's precision_recall_fscore_support. */
export function precisionRecallFscore(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  options: PrfOptions & { readonly beta?: number } = {},
): AveragedScores {
  checkSameLength(yTrue, yPred);
  const labels = labelsFor(yTrue, yPred, options);
  const zeroValue = zeroValueOf(options.zeroDivision);
  let counts = countLabels(yTrue, yPred, labels);
  if (options.average === "micro") {
    const sum = (a: Float64Array): Float64Array => Float64Array.of(a.reduce((s, v) => s + v, 0));
    counts = { tp: sum(counts.tp), predicted: sum(counts.predicted), truth: sum(counts.truth) };
  }
  const s = fromCounts(counts, options.beta ?? 1, zeroValue);
  if (options.average === "weighted") {
    const totalTrue = counts.truth.reduce((a, v) => a + v, 0);
    if (totalTrue === 0) {
      const totalPred = counts.predicted.reduce((a, v) => a + v, 0);
      if (totalPred === 0) return { precision: zeroValue, recall: zeroValue, fScore: zeroValue };
      return { precision: 0, recall: zeroValue, fScore: 0 };
    }
    return {
      precision: average(s.precision, counts.truth),
      recall: average(s.recall, counts.truth),
      fScore: average(s.fScore, counts.truth),
    };
  }
  return { precision: average(s.precision), recall: average(s.recall), fScore: average(s.fScore) };
}

/** tp / (tp + fp), like sklearn.metrics.precision_score (default average "binary", posLabel 1). */
export function precisionScore(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: PrfOptions = {}): number {
  return precisionRecallFscore(yTrue, yPred, options).precision;
}

/** tp / (tp + fn), like sklearn.metrics.recall_score (default average "binary", posLabel 1). */
export function recallScore(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: PrfOptions = {}): number {
  return precisionRecallFscore(yTrue, yPred, options).recall;
}

/** Harmonic mean of precision and recall, like sklearn.metrics.f1_score (default average "binary", posLabel 1). */
export function f1Score(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: PrfOptions = {}): number {
  return precisionRecallFscore(yTrue, yPred, { ...options, beta: 1 }).fScore;
}

/** The F-beta score (recall weighted beta times as much as precision), like sklearn.metrics.fbeta_score. */
export function fbetaScore(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  beta: number,
  options: PrfOptions = {},
): number {
  if (!(beta >= 0)) throw new AppError("INVALID_INPUT", "beta should be >= 0 in the F-beta score");
  return precisionRecallFscore(yTrue, yPred, { ...options, beta }).fScore;
}
