import type { ErrorDetail } from "../core/index.js";
import { keyProblem, LIMITS, throwIfInvalid, toEpochMs } from "./validation.js";

/** One metric point as callers give it: step defaults to 0, timestamp to now. */
export interface MetricInput {
  readonly key: string;
  readonly value: number;
  readonly step?: number;
  /** Epoch milliseconds, a Date or an ISO string. */
  readonly timestamp?: number | Date | string;
}

/** Params, metrics and tags logged in one call, stored all or nothing. */
export interface LogBatchInput {
  /** Params are immutable: the same key again must have the same value. Numbers and booleans are stored as text. */
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  readonly metrics?: readonly MetricInput[];
  /** Tags may change: a tag logged again replaces its value. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A metric point ready to store. */
export interface MetricRow {
  readonly key: string;
  readonly value: number;
  readonly step: number;
  readonly timestamp: number;
}

/** A validated batch: params and tags as [key, value] pairs, metric points with step and timestamp filled in. */
export interface NormalizedBatch {
  readonly params: readonly (readonly [string, string])[];
  readonly metrics: readonly MetricRow[];
  readonly tags: readonly (readonly [string, string])[];
}

function entriesOf(field: string, value: unknown, details: ErrorDetail[]): [string, unknown][] {
  if (value === undefined || value === null) return [];
  if (typeof value !== "object" || Array.isArray(value)) {
    details.push({ field, reason: "must be an object of key: value" });
    return [];
  }
  return Object.entries(value as Record<string, unknown>);
}

/**
 * Validates a batch and fills in defaults, reporting every bad entry at once (INVALID_INPUT with one detail each).
 * Metric values must be finite (JSON cannot carry NaN or Infinity, and SQLite would store NaN as NULL).
 */
export function normalizeBatch(input: LogBatchInput, now: number): NormalizedBatch {
  const details: ErrorDetail[] = [];
  const params: [string, string][] = [];
  for (const [key, raw] of entriesOf("params", input.params, details)) {
    const problem = keyProblem(key);
    if (problem) details.push({ field: `params.${key}`, reason: `key ${problem}` });
    else if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean")
      details.push({ field: `params.${key}`, reason: "must be a string, number or boolean" });
    else if (typeof raw === "number" && !Number.isFinite(raw))
      details.push({ field: `params.${key}`, reason: "must be a finite number" });
    else {
      const value = String(raw);
      if (value.length > LIMITS.paramValue)
        details.push({ field: `params.${key}`, reason: `must be at most ${LIMITS.paramValue} characters` });
      else params.push([key, value]);
    }
  }
  const tags: [string, string][] = [];
  for (const [key, value] of entriesOf("tags", input.tags, details)) {
    const problem = keyProblem(key);
    if (problem) details.push({ field: `tags.${key}`, reason: `key ${problem}` });
    else if (typeof value !== "string") details.push({ field: `tags.${key}`, reason: "must be a string" });
    else if (value.length > LIMITS.tagValue)
      details.push({ field: `tags.${key}`, reason: `must be at most ${LIMITS.tagValue} characters` });
    else tags.push([key, value]);
  }
  const metrics: MetricRow[] = [];
  const inputMetrics = input.metrics ?? [];
  if (!Array.isArray(inputMetrics))
    details.push({ field: "metrics", reason: "must be a list of {key, value, step?, timestamp?}" });
  else {
    const goodKeys = new Set<string>();
    for (let i = 0; i < inputMetrics.length; i++) {
      const m = inputMetrics[i] as MetricInput;
      if (typeof m !== "object" || m === null) {
        details.push({ field: "metrics", index: i, reason: "must be an object {key, value, step?, timestamp?}" });
        continue;
      }
      if (!goodKeys.has(m.key)) {
        const problem = keyProblem(m.key);
        if (problem) {
          details.push({ field: "metrics.key", index: i, reason: problem });
          continue;
        }
        goodKeys.add(m.key);
      }
      if (typeof m.value !== "number" || !Number.isFinite(m.value)) {
        details.push({ field: `metrics.${m.key}`, index: i, reason: "value must be a finite number" });
        continue;
      }
      const step = m.step ?? 0;
      if (!Number.isSafeInteger(step)) {
        details.push({ field: `metrics.${m.key}`, index: i, reason: "step must be an integer" });
        continue;
      }
      const timestamp = m.timestamp === undefined ? now : toEpochMs(m.timestamp);
      if (timestamp === undefined) {
        details.push({
          field: `metrics.${m.key}`,
          index: i,
          reason: "timestamp must be epoch ms, a Date or an ISO string",
        });
        continue;
      }
      metrics.push({ key: m.key, value: m.value, step, timestamp });
    }
  }
  if (params.length > LIMITS.batchParams)
    details.push({ field: "params", reason: `at most ${LIMITS.batchParams} per batch` });
  if (tags.length > LIMITS.batchTags) details.push({ field: "tags", reason: `at most ${LIMITS.batchTags} per batch` });
  if (metrics.length > LIMITS.batchMetrics)
    details.push({ field: "metrics", reason: `at most ${LIMITS.batchMetrics} points per batch` });
  throwIfInvalid("Invalid batch", details);
  return { params, metrics, tags };
}

/**
 * True when point `a` is later than `b`: higher step, then later timestamp, then (a tie-break that makes the latest
 * value independent of the order points arrive in, so a retried batch changes nothing) the larger value.
 */
export function isLater(a: MetricRow, b: MetricRow): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return a.value > b.value;
}

/** For each metric key of a batch, its latest point. */
export function latestByKey(metrics: readonly MetricRow[]): MetricRow[] {
  const latest = new Map<string, MetricRow>();
  for (const m of metrics) {
    const prev = latest.get(m.key);
    if (!prev || isLater(m, prev)) latest.set(m.key, m);
  }
  return [...latest.values()];
}
