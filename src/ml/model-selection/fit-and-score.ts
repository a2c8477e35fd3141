import { AppError, type ErrorCode } from "../../core/index.js";
import type { Estimator, Input, Target } from "../estimator.js";
import { takeRows, takeTarget } from "../validation.js";
import type { Scorer } from "./scorers.js";
import type { Split } from "./splitter.js";

/** A failure of one fit or score, kept as data so it can cross a worker boundary. */
export interface TaskError {
  readonly code: string;
  readonly message: string;
}

/** What one (candidate, split) task gives: a score per scorer, times in seconds, or the error it hit. */
export interface TaskResult {
  readonly test: number[];
  readonly train?: number[];
  readonly fitTime: number;
  readonly scoreTime: number;
  readonly error?: TaskError;
}

function errorOf(e: unknown): TaskError {
  if (e instanceof AppError) return { code: e.code, message: e.message };
  return { code: "INTERNAL", message: e instanceof Error ? e.message : String(e) };
}

/** Turns a TaskError back into an AppError (same code and message). */
export function toAppError(error: TaskError, prefix = ""): AppError {
  return new AppError(error.code as ErrorCode, `${prefix}${error.message}`);
}

/**
 * Fits a fresh (unfitted) estimator on the train rows and scores it on the test rows (and the train rows when
 * asked). Shared by the in-process path and the worker threads, so both give identical scores.
 */
export function fitAndScore(
  estimator: Estimator,
  X: Input,
  y: Target | undefined,
  split: Split,
  scorers: readonly Scorer[],
  returnTrainScore: boolean,
): TaskResult {
  const t0 = performance.now();
  let fitTime = 0;
  try {
    const XTrain = takeRows(X, split.train);
    const yTrain = y === undefined ? undefined : takeTarget(y, split.train);
    estimator.fit(XTrain, yTrain);
    fitTime = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const XTest = takeRows(X, split.test);
    const yTest = y === undefined ? undefined : takeTarget(y, split.test);
    const score = (Xs: Input, ys: Target | undefined): number[] => scorers.map((s) => s(estimator, Xs, ys as Target));
    const test = score(XTest, yTest);
    const scoreTime = (performance.now() - t1) / 1000;
    const train = returnTrainScore ? score(XTrain, yTrain) : undefined;
    return train ? { test, train, fitTime, scoreTime } : { test, fitTime, scoreTime };
  } catch (e) {
    const elapsed = (performance.now() - t0) / 1000;
    return { test: [], fitTime: fitTime || elapsed, scoreTime: 0, error: errorOf(e) };
  }
}

/** A result for a task that could not even start (e.g. a param value the estimator rejects). */
export function failedTask(e: unknown): TaskResult {
  return { test: [], fitTime: 0, scoreTime: 0, error: errorOf(e) };
}
