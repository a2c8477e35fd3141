import { AppError } from "../core/index.js";

/** An opaque page token: base64url JSON of where the next page starts (never parsed by clients). */
export function encodePageToken(position: Readonly<Record<string, unknown>>): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

/** Decodes a token made by encodePageToken; INVALID_INPUT when it is not one or `check` refuses it. */
export function decodePageToken<T>(
  token: string,
  check: (value: Record<string, unknown>) => value is T & Record<string, unknown>,
): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value) || !check(value as Record<string, unknown>))
    throw new AppError("INVALID_INPUT", "Bad pageToken: pass back the nextPageToken of the previous page unchanged", [
      { field: "pageToken", reason: "is not a token this listing gave" },
    ]);
  return value as T;
}
