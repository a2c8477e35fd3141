import type { Readable } from "node:stream";
import { AppError } from "../core/index.js";

/** One page of keys from `BlobStore.list`, in byte order; `nextPageToken` is absent on the last page. */
export interface BlobPage {
  readonly keys: readonly string[];
  readonly nextPageToken?: string;
}

/**
 * Where artifacts' bytes live: a folder (`file:PATH`) or an S3-compatible bucket (`s3://bucket/prefix`). Keys are
 * slash-separated relative paths. Writes are atomic per key (a reader sees the old bytes or the new, never half).
 */
export interface BlobStore {
  /** The URL the store was opened from (without credentials). */
  readonly url: string;
  /** Stores bytes (or a stream of them) under a key, replacing what was there. */
  put(key: string, data: Uint8Array | Readable): Promise<void>;
  /** The bytes under a key; NOT_FOUND when there are none. */
  get(key: string): Promise<Buffer>;
  /** The bytes under a key as a stream; NOT_FOUND when there are none. */
  getStream(key: string): Promise<Readable>;
  /** True when the key holds bytes. */
  has(key: string): Promise<boolean>;
  /** Keys starting with `prefix`, in byte order, a page at a time. */
  list(prefix: string, pageToken?: string, pageSize?: number): Promise<BlobPage>;
  /** Removes a key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

/** Default and maximum page sizes of `list`. */
export const BLOB_PAGE_SIZE = 1000;

/**
 * Checks a blob key: non-empty, relative, slash-separated segments without `.`, `..` or empty ones, no backslash or
 * control character, and not under the stores' private `.incoming/` folder.
 */
export function validateBlobKey(key: string): string {
  const bad = (reason: string) => new AppError("INVALID_INPUT", `Bad blob key "${key}": ${reason}`);
  if (typeof key !== "string" || key.length === 0) throw bad("it is empty");
  if (key.length > 1024) throw bad("it is longer than 1024 characters");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects.
  if (/[\u0000-\u001f\u007f\\]/.test(key)) throw bad("it contains a control character or a backslash");
  const segments = key.split("/");
  if (segments.some((s) => s === "" || s === "." || s === ".."))
    throw bad("segments must be non-empty and not . or .. (no leading, trailing or double slash)");
  if (segments[0] === ".incoming") throw bad(".incoming/ is reserved");
  return key;
}

/** Checks a listing prefix: empty, or a key-like string (it may end with a slash). */
export function validateBlobPrefix(prefix: string): string {
  if (prefix === "") return prefix;
  validateBlobKey(prefix.endsWith("/") ? prefix.slice(0, -1) : prefix);
  return prefix;
}

/** Encodes the last key of a page as an opaque token (base64url), and back. */
export function encodeKeyToken(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

export function decodeKeyToken(token: string): string {
  const key = Buffer.from(token, "base64url").toString("utf8");
  if (!key || encodeKeyToken(key) !== token) throw new AppError("INVALID_INPUT", "Bad pageToken for blob listing");
  return key;
}

/** The page size to use: the default when absent, else an integer in [1, BLOB_PAGE_SIZE]. */
export function blobPageSize(pageSize: number | undefined): number {
  if (pageSize === undefined) return BLOB_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > BLOB_PAGE_SIZE)
    throw new AppError("INVALID_INPUT", `pageSize must be an integer from 1 to ${BLOB_PAGE_SIZE}`);
  return pageSize;
}
