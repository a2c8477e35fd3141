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

/**
 * The predictions one arm made for one request, as serving hands them to the log: one row per record, built only
 * when written (so a request of 10 000 records costs the serving thread one object, not 10 000).
 */
export interface LoggedRequest {
  readonly requestId: string;
  readonly modelName: string;
  readonly modelVersion: number;
  readonly alias: string | null;
  readonly arm: PredictionArm;
  readonly principal: string | null;
  readonly latencyMs: number;
  readonly timestamp: number;
  /** The index of the first record (0, unless this is the tail of a request split by the queue). */
  readonly firstIndex: number;
  readonly inputs: readonly unknown[];
  readonly predictions: readonly (number | string)[];
  /** Per record, class probabilities (classifiers), or null. */
  readonly probabilities: readonly (readonly number[])[] | null;
}

/** The rows of a logged request. */
export function rowsOf(request: LoggedRequest): NewPrediction[] {
  const rows = new Array<NewPrediction>(request.inputs.length);
  for (let i = 0; i < rows.length; i++)
    rows[i] = {
      requestId: request.requestId,
      index: request.firstIndex + i,
      modelName: request.modelName,
      modelVersion: request.modelVersion,
      alias: request.alias,
      arm: request.arm,
      principal: request.principal,
      inputs: request.inputs[i],
      prediction: request.predictions[i]!,
      probabilities: request.probabilities ? request.probabilities[i]! : null,
      latencyMs: request.latencyMs,
      timestamp: request.timestamp,
    };
  return rows;
}

/** Records [from, to) of a logged request, as a logged request of their own. */
export function sliceRequest(request: LoggedRequest, from: number, to: number): LoggedRequest {
  return {
    ...request,
    firstIndex: request.firstIndex + from,
    inputs: request.inputs.slice(from, to),
    predictions: request.predictions.slice(from, to),
    probabilities: request.probabilities ? request.probabilities.slice(from, to) : null,
  };
}
