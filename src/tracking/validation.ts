import { AppError, type ErrorDetail } from "../core/index.js";

/** Size limits of what tracking stores (MLflow's, raised where batches need it). */
export const LIMITS = {
  name: 256,
  key: 250,
  paramValue: 6000,
  tagValue: 8000,
  description: 20_000,
  batchMetrics: 10_000,
  batchParams: 1000,
  batchTags: 1000,
  artifactPath: 1000,
  pageSize: 1000,
} as const;

const KEY = /^[A-Za-z0-9_\-. /:]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Throws INVALID_INPUT listing every detail, when there is any. */
export function throwIfInvalid(message: string, details: readonly ErrorDetail[]): void {
  if (details.length === 0) return;
  const summary = details
    .slice(0, 5)
    .map((d) => `${d.field ?? ""} ${d.reason}`.trim())
    .join("; ");
  throw new AppError("INVALID_INPUT", `${message}: ${summary}${details.length > 5 ? "; …" : ""}`, details);
}

/** Problems with a display name (experiment, run, model): a non-empty string without control characters. */
export function nameProblem(value: unknown, max: number = LIMITS.name): string | undefined {
  if (typeof value !== "string" || value.trim() === "") return "must be a non-empty string";
  if (value.length > max) return `must be at most ${max} characters`;
  if (CONTROL.test(value)) return "must not contain control characters";
  if (value !== value.trim()) return "must not start or end with spaces";
  return undefined;
}

/** Problems with a param, metric or tag key: letters, digits and _ - . / : and spaces, at most 250 characters. */
export function keyProblem(key: unknown): string | undefined {
  if (typeof key !== "string" || key === "") return "must be a non-empty string";
  if (key.length > LIMITS.key) return `must be at most ${LIMITS.key} characters`;
  if (!KEY.test(key)) return "may contain only letters, digits, spaces and _ - . / :";
  return undefined;
}

/** Checks a name and returns it, or throws INVALID_INPUT naming the field. */
export function checkName(field: string, value: unknown, max: number = LIMITS.name): string {
  const problem = nameProblem(value, max);
  throwIfInvalid(`Invalid ${field}`, problem ? [{ field, reason: problem }] : []);
  return value as string;
}

/** Checks a string-to-string map (tags): keys as above, values strings up to `maxValue`. */
export function checkStringMap(
  field: string,
  value: unknown,
  maxValue: number = LIMITS.tagValue,
): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throwIfInvalid(`Invalid ${field}`, [{ field, reason: "must be an object of string values" }]);
  const details: ErrorDetail[] = [];
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const problem = keyProblem(k);
    if (problem) details.push({ field: `${field}.${k}`, reason: `key ${problem}` });
    else if (typeof v !== "string") details.push({ field: `${field}.${k}`, reason: "must be a string" });
    else if (v.length > maxValue)
      details.push({ field: `${field}.${k}`, reason: `must be at most ${maxValue} characters` });
    else out[k] = v;
  }
  throwIfInvalid(`Invalid ${field}`, details);
  return out;
}

/** Checks an artifact path: relative, slash-separated, no empty, `.` or `..` segment, no backslash or control character. */
export function checkArtifactPath(path: unknown, field = "path"): string {
  let reason: string | undefined;
  if (typeof path !== "string" || path === "") reason = "must be a non-empty string";
  else if (path.length > LIMITS.artifactPath) reason = `must be at most ${LIMITS.artifactPath} characters`;
  else if (CONTROL.test(path) || path.includes("\\")) reason = "must not contain control characters or backslashes";
  else if (path.split("/").some((s) => s === "" || s === "." || s === ".."))
    reason = "must be relative, with non-empty segments other than . and ..";
  throwIfInvalid("Invalid artifact path", reason ? [{ field, reason }] : []);
  return path as string;
}

/** Checks a page size: an integer from 1 to the limit; the default when absent. */
export function checkPageSize(pageSize: unknown, fallback = 100, max: number = LIMITS.pageSize): number {
  if (pageSize === undefined || pageSize === null) return fallback;
  if (typeof pageSize !== "number" || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > max)
    throwIfInvalid("Invalid pageSize", [{ field: "pageSize", reason: `must be an integer from 1 to ${max}` }]);
  return pageSize as number;
}

/** A time given as a Date, epoch milliseconds or an ISO string, as epoch milliseconds; undefined when invalid. */
export function toEpochMs(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === "string") {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}
