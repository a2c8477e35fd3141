/** The arm a prediction came from: the alias asked for, the challenger of a traffic split, or a shadow scoring. */
export const ARMS = ["main", "challenger", "shadow"] as const;
export type PredictionArm = (typeof ARMS)[number];

/** One prediction to record: one record of one request, as one arm answered it. */
export interface NewPrediction {
  readonly requestId: string;
  /** The record's position in the request (0 for a single record). */
  readonly index: number;
  readonly modelName: string;
  readonly modelVersion: number;
  /** The alias that resolved to the version; null when a fixed version was asked for. */
  readonly alias: string | null;
  readonly arm: PredictionArm;
  /** Who asked (the principal's name), null for anonymous in-process calls. */
  readonly principal: string | null;
  /** The record as received. */
  readonly inputs: unknown;
  readonly prediction: number | string;
  /** Class probabilities in the order of the model's classes (classifiers only). */
  readonly probabilities: readonly number[] | null;
  /** Time spent in the model server for the whole request, in milliseconds. */
  readonly latencyMs: number;
  /** When it was answered, epoch milliseconds. */
  readonly timestamp: number;
}

/** A logged prediction, with the ground truth attached later (if any). */
export interface PredictionRecord {
  readonly id: number;
  readonly requestId: string;
  readonly index: number;
  readonly modelName: string;
  readonly modelVersion: number;
  readonly alias: string | null;
  readonly arm: PredictionArm;
  readonly principal: string | null;
  readonly inputs: unknown;
  readonly outputs: { readonly prediction: number | string; readonly probabilities?: readonly number[] };
  readonly latencyMs: number;
  readonly timestamp: Date;
  readonly feedbackLabel: number | string | null;
  readonly feedbackAt: Date | null;
}

/** Which logged predictions to list or export. Times are epoch milliseconds, `from` inclusive, `to` exclusive. */
export interface PredictionFilter {
  readonly model?: string;
  readonly version?: number;
  readonly from?: number;
  readonly to?: number;
}

/** How a version does on the predictions that received ground truth. */
export interface VersionLiveMetrics {
  readonly version: number;
  readonly predictions: number;
  readonly labelled: number;
  /** Share of labelled predictions equal to their label (classifiers: those logged with probabilities). */
  readonly accuracy?: number;
  /** Mean absolute error of the labelled predictions (regressors). */
  readonly mae?: number;
}
