import type { Principal } from "../core/index.js";

/** Which version answers a prediction, who asks, and what keeps a caller on one arm of a traffic split. */
export interface PredictOptions {
  /** The alias to serve (default "production"); ignored when `version` is given. */
  readonly alias?: string;
  /** A fixed version instead of an alias (no traffic split, no shadow). */
  readonly version?: number;
  /** Who asks: recorded in the prediction log and counted by the per-model rate limit (none: not limited). */
  readonly principal?: Principal;
  /** The request id, recorded with every logged row (feedback is attached by it). */
  readonly requestId: string;
  /** What a traffic split hashes to keep a caller on one arm (default: the configured field of the first record). */
  readonly stickyKey?: string;
}

/** What a prediction answers: one prediction per record, probabilities for classifiers, and who answered. */
export interface PredictResult {
  readonly predictions: (number | string)[];
  /** One row per record, one column per class of `classes` (classifiers only). */
  readonly probabilities?: number[][];
  readonly classes?: (number | string)[];
  /** The version that answered; `alias` is null when a fixed version was asked for. */
  readonly model: { readonly name: string; readonly version: number; readonly alias: string | null };
  /** "challenger" when a traffic split sent this request to the challenger alias. */
  readonly arm: "main" | "challenger";
}

/** The arm a logged prediction came from: shadow answers are logged, never returned. */
export type Arm = "main" | "challenger" | "shadow";

/** A JSON schema (as plain data) of a served model's request body or of one record. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** The default alias served when a request names neither an alias nor a version. */
export const DEFAULT_ALIAS = "production";
