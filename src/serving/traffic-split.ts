import type { Challenger } from "./serving-config.js";

/** FNV-1a (32 bits) of a string: fast, stable across processes and replicas, well spread for ids. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The bucket (0 to 99.99, in steps of 0.01) a sticky key falls in; the same key always falls in the same one. */
export function bucketOf(key: string): number {
  return (fnv1a(key) % 10_000) / 100;
}

/** True when a request whose sticky key falls in `bucket` goes to (split) or is also scored by (shadow) the challenger. */
export function choosesChallenger(challenger: Challenger, bucket: number): boolean {
  return bucket < challenger.percent;
}

/** The value a split hashes: the caller's key, else the configured field of the first record, else the request id. */
export function stickyKeyOf(
  explicit: string | undefined,
  field: string | null,
  record: Readonly<Record<string, unknown>> | undefined,
  requestId: string,
): string {
  if (explicit !== undefined) return explicit;
  if (field !== null && record !== undefined) {
    const value = record[field];
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
  }
  return requestId;
}
