import { AppError } from "../../core/index.js";
import type { Estimator, Input, Label, Target } from "../estimator.js";
import { Matrix } from "../matrix.js";
import {
  accuracyScore,
  balancedAccuracyScore,
  f1Score,
  logLoss,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  precisionScore,
  r2Score,
  recallScore,
  rocAucScore,
  rootMeanSquaredError,
} from "../metrics/index.js";
import { uniqueLabels as uniqueLabelsOf } from "../metrics/labels.js";

/** Scores a fitted estimator on X, y; greater is better (losses are negated, like scikit-learn's scorers). */
export type Scorer = (estimator: Estimator, X: Input, y: Target) => number;

/** What to score with: a scikit-learn scorer name, several names, or named scorer functions (in-process only). */
export type Scoring = string | readonly string[] | Readonly<Record<string, Scorer | string>>;

/** The name used for the estimator's own `score` when no scoring is given. */
export const DEFAULT_SCORER = "score";

type Methods = Record<string, ((X: Input) => unknown) | undefined>;

function call<R>(est: Estimator, method: string, X: Input): R {
  const fn = (est as unknown as Methods)[method];
  if (typeof fn !== "function") throw new AppError("INVALID_INPUT", `${est.kind} has no ${method}`);
  return fn.call(est, X) as R;
}

function has(est: Estimator, method: string): boolean {
  return typeof (est as unknown as Methods)[method] === "function";
}

function classesOf(est: Estimator): readonly Label[] {
  const classes = (est as unknown as { classes?: readonly Label[] }).classes;
  if (!classes) throw new AppError("INVALID_INPUT", `${est.kind} has no classes: it is not a classifier`);
  return classes;
}

function labels(y: Target): Label[] {
  return Array.from(y as ArrayLike<Label>);
}

function numbers(y: Target): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== "number") throw new AppError("INVALID_INPUT", `y[${i}] is not a number: a regression scorer`);
    out[i] = v;
  }
  return out;
}

const predicted = (est: Estimator, X: Input): Label[] => Array.from(call<ArrayLike<Label>>(est, "predict", X));
const predictedNumbers = (est: Estimator, X: Input): Float64Array =>
  Float64Array.from(call<ArrayLike<number>>(est, "predict", X));

/** The probability column of the positive (greater) class of a binary classifier. */
function positiveProba(est: Estimator, X: Input): Float64Array {
  const proba = call<Matrix>(est, "predictProba", X);
  if (proba.cols > 2) {
    throw new AppError(
      "INVALID_INPUT",
      `A binary scorer needs a classifier with two classes; predictProba has ${proba.cols} columns`,
    );
  }
  return proba.cols === 1 ? proba.column(0) : proba.column(1);
}

/** scikit-learn's threshold scorer: decision values when the estimator has them, else positive probabilities. */
function binaryScores(est: Estimator, X: Input): Float64Array {
  if (has(est, "decisionFunction")) {
    const d = call<Matrix | Float64Array>(est, "decisionFunction", X);
    if (!(d instanceof Matrix)) return Float64Array.from(d);
    if (d.cols === 1) return d.column(0);
  }
  return positiveProba(est, X);
}

function rocAuc(average: "macro" | "weighted", ovr: boolean): Scorer {
  return (est, X, y) => {
    const yl = labels(y);
    const present = uniqueLabelsOf(yl);
    if (!ovr) {
      if (present.length > 2) throw new AppError("INVALID_INPUT", 'Scorer "roc_auc" is binary; use "roc_auc_ovr"');
      return rocAucScore(yl, binaryScores(est, X));
    }
    const proba = call<Matrix>(est, "predictProba", X);
    if (present.length <= 2 && proba.cols <= 2) return rocAucScore(yl, positiveProba(est, X));
    return rocAucScore(yl, proba, { average, labels: classesOf(est) });
  };
}

const negLogLoss: Scorer = (est, X, y) => {
  const yl = labels(y);
  const proba = call<Matrix>(est, "predictProba", X);
  if (uniqueLabelsOf(yl).length <= 2 && proba.cols <= 2) return -logLoss(yl, positiveProba(est, X));
  return -logLoss(yl, proba, { labels: classesOf(est) });
};

const averaged =
  (metric: typeof f1Score, average: "binary" | "micro" | "macro" | "weighted"): Scorer =>
  (est, X, y) =>
    metric(labels(y), predicted(est, X), { average });

const SCORERS: Readonly<Record<string, Scorer>> = {
  accuracy: (est, X, y) => accuracyScore(labels(y), predicted(est, X)),
  balanced_accuracy: (est, X, y) => balancedAccuracyScore(labels(y), predicted(est, X)),
  precision: averaged(precisionScore, "binary"),
  precision_micro: averaged(precisionScore, "micro"),
  precision_macro: averaged(precisionScore, "macro"),
  precision_weighted: averaged(precisionScore, "weighted"),
  recall: averaged(recallScore, "binary"),
  recall_micro: averaged(recallScore, "micro"),
  recall_macro: averaged(recallScore, "macro"),
  recall_weighted: averaged(recallScore, "weighted"),
  f1: averaged(f1Score, "binary"),
  f1_micro: averaged(f1Score, "micro"),
  f1_macro: averaged(f1Score, "macro"),
  f1_weighted: averaged(f1Score, "weighted"),
  roc_auc: rocAuc("macro", false),
  roc_auc_ovr: rocAuc("macro", true),
  roc_auc_ovr_weighted: rocAuc("weighted", true),
  neg_log_loss: negLogLoss,
  r2: (est, X, y) => r2Score(numbers(y), predictedNumbers(est, X)),
  neg_mean_absolute_error: (est, X, y) => -meanAbsoluteError(numbers(y), predictedNumbers(est, X)),
  neg_mean_squared_error: (est, X, y) => -meanSquaredError(numbers(y), predictedNumbers(est, X)),
  neg_root_mean_squared_error: (est, X, y) => -rootMeanSquaredError(numbers(y), predictedNumbers(est, X)),
  neg_mean_absolute_percentage_error: (est, X, y) => -meanAbsolutePercentageError(numbers(y), predictedNumbers(est, X)),
  [DEFAULT_SCORER]: (est, X, y) => {
    const score = (est as unknown as { score?: (X: Input, y: Target) => number }).score;
    if (typeof score !== "function") throw new AppError("INVALID_INPUT", `${est.kind} has no score: give scoring`);
    return score.call(est, X, y);
  },
};

/** The scikit-learn scorer names understood by scoring options. */
export function scorerNames(): string[] {
  return Object.keys(SCORERS).filter((k) => k !== DEFAULT_SCORER);
}

/** The scorer of a scikit-learn scorer name ("accuracy", "f1_macro", "neg_mean_squared_error", ...). */
export function getScorer(name: string): Scorer {
  const s = SCORERS[name];
  if (!s) {
    throw new AppError("INVALID_INPUT", `Unknown scorer "${name}" (known: ${scorerNames().join(", ")})`, [
      { field: "scoring", reason: `unknown scorer ${name}` },
    ]);
  }
  return s;
}

/** Scoring resolved to named scorers; `names` keep the order results are reported in. */
export interface ResolvedScoring {
  readonly names: string[];
  readonly scorers: Scorer[];
  /** The built-in scorer name behind each name, when every scorer is built in (worker threads rebuild them). */
  readonly builtins: string[] | undefined;
  /** Several scorers were asked for (results keyed by name, like scikit-learn's multimetric). */
  readonly multimetric: boolean;
}

/** Turns a scoring option into named scorers (undefined: the estimator's own score). */
export function resolveScoring(scoring: Scoring | null | undefined): ResolvedScoring {
  if (scoring === undefined || scoring === null) {
    const names = [DEFAULT_SCORER];
    return { names, scorers: [getScorer(DEFAULT_SCORER)], builtins: names, multimetric: false };
  }
  if (typeof scoring === "string") {
    return { names: [scoring], scorers: [getScorer(scoring)], builtins: [scoring], multimetric: false };
  }
  if (Array.isArray(scoring)) {
    const names = [...(scoring as readonly string[])];
    if (names.length === 0 || new Set(names).size !== names.length) {
      throw new AppError("INVALID_INPUT", "scoring lists must be non-empty with distinct names");
    }
    return { names, scorers: names.map(getScorer), builtins: names, multimetric: true };
  }
  const entries = Object.entries(scoring as Record<string, Scorer | string>);
  if (entries.length === 0) throw new AppError("INVALID_INPUT", "scoring must name at least one scorer");
  return {
    names: entries.map(([n]) => n),
    scorers: entries.map(([, s]) => (typeof s === "string" ? getScorer(s) : s)),
    builtins: entries.every(([, s]) => typeof s === "string") ? entries.map(([, s]) => s as string) : undefined,
    multimetric: true,
  };
}
