import { AppError, type ErrorDetail } from "../core/index.js";
import { checkAlias } from "../tracking/index.js";
import { DEFAULT_ALIAS } from "./predict-contract.js";

/** How the challenger alias takes part: answering a share of requests, or scoring them unseen (logged only). */
export const CHALLENGER_MODES = ["split", "shadow"] as const;
export type ChallengerMode = (typeof CHALLENGER_MODES)[number];

/** A second alias beside the main one: `percent` of the requests go to it (split) or are also scored by it (shadow). */
export interface Challenger {
  readonly alias: string;
  readonly percent: number;
  readonly mode: ChallengerMode;
}

/** A per-principal token bucket: `perSecond` requests a second on average, bursts of up to `burst`. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/** How one registered model is served: traffic split or shadow, the sticky field, the rate limit. */
export interface ServingConfig {
  readonly modelName: string;
  /** The alias the split applies to (requests for another alias or a fixed version are never split). */
  readonly mainAlias: string;
  readonly challenger: Challenger | null;
  /** The record field whose value's hash picks the arm, so a user stays on one arm (else the request id). */
  readonly stickyField: string | null;
  /** null: the server default (SERVING_RATE_LIMIT_PER_SECOND); perSecond 0: unlimited. */
  readonly rateLimit: RateLimit | null;
  readonly updatedAt: Date | null;
  readonly updatedBy: string | null;
}

/** What PUT /api/v1/models/{name}/serving takes. */
export interface ServingConfigInput {
  readonly mainAlias?: string;
  readonly challenger?: { alias: string; percent: number; mode?: ChallengerMode } | null;
  readonly stickyField?: string | null;
  readonly rateLimit?: { perSecond: number; burst?: number } | null;
}

/** The configuration of a model nobody configured: everything to production, no limit beyond the default. */
export function defaultServingConfig(modelName: string): ServingConfig {
  return {
    modelName,
    mainAlias: DEFAULT_ALIAS,
    challenger: null,
    stickyField: null,
    rateLimit: null,
    updatedAt: null,
    updatedBy: null,
  };
}

function isAlias(value: unknown): boolean {
  try {
    checkAlias(value);
    return true;
  } catch {
    return false;
  }
}

/** Checks a serving configuration, listing every bad field, and returns it complete. */
export function checkServingConfig(modelName: string, input: ServingConfigInput, at: Date, by: string): ServingConfig {
  const details: ErrorDetail[] = [];
  const mainAlias = input.mainAlias ?? DEFAULT_ALIAS;
  if (!isAlias(mainAlias)) details.push({ field: "mainAlias", reason: "must be an alias name" });
  const c = input.challenger ?? null;
  if (c !== null) {
    if (!isAlias(c.alias)) details.push({ field: "challenger.alias", reason: "must be an alias name" });
    else if (c.alias === mainAlias) details.push({ field: "challenger.alias", reason: "must differ from mainAlias" });
    if (typeof c.percent !== "number" || !(c.percent >= 0 && c.percent <= 100))
      details.push({ field: "challenger.percent", reason: "must be a number from 0 to 100" });
    if (c.mode !== undefined && !CHALLENGER_MODES.includes(c.mode))
      details.push({ field: "challenger.mode", reason: `must be one of ${CHALLENGER_MODES.join(", ")}` });
  }
  const sticky = input.stickyField ?? null;
  if (sticky !== null && (typeof sticky !== "string" || sticky === "" || sticky.length > 128))
    details.push({ field: "stickyField", reason: "must be a field name of 1 to 128 characters" });
  const r = input.rateLimit ?? null;
  if (r !== null) {
    if (typeof r.perSecond !== "number" || !(r.perSecond >= 0 && r.perSecond <= 1e6))
      details.push({ field: "rateLimit.perSecond", reason: "must be a number from 0 (unlimited) to 1000000" });
    if (r.burst !== undefined && (typeof r.burst !== "number" || !(r.burst >= 1 && r.burst <= 1e7)))
      details.push({ field: "rateLimit.burst", reason: "must be a number from 1 to 10000000" });
  }
  if (details.length)
    throw new AppError(
      "INVALID_INPUT",
      `Invalid serving configuration: ${details.map((d) => `${d.field} ${d.reason}`).join("; ")}`,
      details,
    );
  return {
    modelName,
    mainAlias,
    challenger: c === null ? null : { alias: c.alias, percent: c.percent, mode: c.mode ?? "split" },
    stickyField: sticky,
    rateLimit: r === null ? null : { perSecond: r.perSecond, burst: r.burst ?? Math.max(1, Math.ceil(r.perSecond)) },
    updatedAt: at,
    updatedBy: by,
  };
}
