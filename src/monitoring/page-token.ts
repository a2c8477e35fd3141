import { AppError } from "../core/index.js";

/** Where the next page of the prediction log starts: after the row (ts, id). */
export interface LogPosition {
  readonly t: number;
  readonly i: number;
}

/** An opaque page token (base64url JSON of the last row's position); clients pass it back unchanged. */
export function encodeLogPosition(position: LogPosition): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

/** Decodes a token made by encodeLogPosition; INVALID_INPUT naming pageToken for anything else. */
export function decodeLogPosition(token: string): LogPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  const p = value as Partial<LogPosition> | null;
  if (typeof p !== "object" || p === null || !Number.isSafeInteger(p.t) || !Number.isSafeInteger(p.i))
    throw new AppError("INVALID_INPUT", "Bad pageToken: pass back the nextPageToken of the previous page unchanged", [
      { field: "pageToken", reason: "is not a token this listing gave" },
    ]);
  return { t: p.t!, i: p.i! };
}
