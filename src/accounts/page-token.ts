import { invalidInput } from "../core/index.js";

/** Default and largest page sizes of every accounts listing. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** The keyset position after which the next page starts, as an opaque string. */
export function encodePageToken(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

/** The keyset position of a token made by encodePageToken; INVALID_INPUT (field pageToken) when it is not one. */
export function decodePageToken(token: string, shape: readonly ("string" | "number")[]): (string | number)[] {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    position = undefined;
  }
  if (
    !Array.isArray(position) ||
    position.length !== shape.length ||
    position.some((value, i) => typeof value !== shape[i])
  ) {
    throw invalidInput("Invalid pageToken", [{ field: "pageToken", reason: "is not a token from a previous page" }]);
  }
  return position as (string | number)[];
}

/** The page size asked for, checked against 1..MAX_PAGE_SIZE. */
export function pageSizeOf(requested: number | undefined): number {
  const size = requested ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw invalidInput("Invalid pageSize", [
      { field: "pageSize", reason: `must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${requested}` },
    ]);
  }
  return size;
}
