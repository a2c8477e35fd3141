import { AppError } from "../../core/index.js";
import { estimatorTypeOf } from "../compose/nested-params.js";
import type { Estimator, Input, Target } from "../estimator.js";
import { type CvOption, checkCv } from "./check-cv.js";
import { CvEvaluator, type ParallelOptions } from "./cv-evaluator.js";
import { type TaskResult, toAppError } from "./fit-and-score.js";
import { resolveScoring, type Scoring } from "./scorers.js";
import { isCrossValidator, type Split } from "./splitter.js";

/** What to do when a fit or a score fails: "raise" it, or record this score (default NaN, like scikit-learn). */
export type ErrorScore = number | "raise";

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions extends ParallelOptions {
  /** Folds: a count (default 5; stratified for classifiers), a splitter, a splitter spec, or explicit splits. */
  readonly cv?: CvOption | readonly Split[];
  /** Scorer name(s) like "accuracy", "f1_macro", "neg_mean_squared_error"; default the estimator's score. */
  readonly scoring?: Scoring;
  readonly returnTrainScore?: boolean;
  readonly errorScore?: ErrorScore;
}

/** Scores per split, like the dict of scikit-learn's cross_validate (times in seconds). */
export interface CrossValidateResult {
  /** Test scores of the first (or only) scorer. */
  readonly testScore: Float64Array;
  /** Test scores by scorer name ("score" for the estimator's own score). */
  readonly testScores: Readonly<Record<string, Float64Array>>;
  readonly trainScore?: Float64Array;
  readonly trainScores?: Readonly<Record<string, Float64Array>>;
  readonly fitTime: Float64Array;
  readonly scoreTime: Float64Array;
}

/** The splits for a cv option: explicit splits as given, or those of the resolved splitter. */
export function resolveSplits(
  cv: CvOption | readonly Split[] | undefined,
  estimator: Estimator,
  X: Input,
  y: Target | undefined,
): Split[] {
  if (Array.isArray(cv)) {
    return (cv as readonly Split[]).map((s) => ({ train: Int32Array.from(s.train), test: Int32Array.from(s.test) }));
  }
  const splitter = checkCv(cv as CvOption | undefined, estimatorTypeOf(estimator) === "classifier", y);
  if (!isCrossValidator(splitter)) throw new AppError("INVALID_INPUT", "cv is not a splitter");
  return splitter.split(X, y);
}

/**
 * Scores with errorScore applied: a failed task scores errorScore on every scorer, or is raised. When every task
 * failed, the first error is raised whatever errorScore says (like scikit-learn), since no score means anything.
 */
export function applyErrorScore(
  results: readonly TaskResult[],
  nScorers: number,
  errorScore: ErrorScore,
  returnTrainScore: boolean,
): TaskResult[] {
  const failed = results.filter((r) => r.error);
  if (failed.length === 0) return [...results];
  const first = failed[0]!.error!;
  if (errorScore === "raise") throw toAppError(first);
  if (failed.length === results.length) {
    throw toAppError(first, `All ${results.length} fits failed; the first error: `);
  }
  const filled = new Array<number>(nScorers).fill(errorScore);
  return results.map((r) => (r.error ? { ...r, test: filled, ...(returnTrainScore ? { train: filled } : {}) } : r));
}

/**
 * Fits a clone of the estimator on each training fold and scores it on the test fold, like scikit-learn's
 * cross_validate; with nJobs > 1 the folds run on worker threads with identical scores.
 */
export function crossValidate(
  estimator: Estimator,
  X: Input,
  y?: Target,
  options: CrossValidateOptions = {},
): CrossValidateResult {
  const splits = resolveSplits(options.cv, estimator, X, y);
  const scoring = resolveScoring(options.scoring);
  const evaluator = new CvEvaluator(X, y, splits, scoring, {
    ...options,
    returnTrainScore: options.returnTrainScore ?? false,
    totalTasks: splits.length,
  });
  let raw: TaskResult[];
  try {
    raw = evaluator.evaluate([estimator])[0]!;
  } finally {
    evaluator.close();
  }
  const returnTrain = options.returnTrainScore ?? false;
  const results = applyErrorScore(raw, scoring.names.length, options.errorScore ?? Number.NaN, returnTrain);
  const pick = (k: number, which: "test" | "train"): Float64Array =>
    Float64Array.from(results, (r) => (which === "test" ? r.test[k]! : r.train![k]!));
  const testScores: Record<string, Float64Array> = {};
  const trainScores: Record<string, Float64Array> = {};
  scoring.names.forEach((name, k) => {
    testScores[name] = pick(k, "test");
    if (options.returnTrainScore) trainScores[name] = pick(k, "train");
  });
  const first = scoring.names[0]!;
  return {
    testScore: testScores[first]!,
    testScores,
    ...(options.returnTrainScore ? { trainScore: trainScores[first]!, trainScores } : {}),
    fitTime: Float64Array.from(results, (r) => r.fitTime),
    scoreTime: Float64Array.from(results, (r) => r.scoreTime),
  };
}

/** The test scores of crossValidate with one scorer, like scikit-learn's cross_val_score. */
export function crossValScore(
  estimator: Estimator,
  X: Input,
  y?: Target,
  options: Omit<CrossValidateOptions, "scoring" | "returnTrainScore"> & { readonly scoring?: string } = {},
): Float64Array {
  return crossValidate(estimator, X, y, options).testScore;
}
