import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { AppError } from "../core/index.js";
import type { BlobStore } from "./blob-store.js";

/** What the content store answers for stored bytes: their sha256 (hex) and size. */
export interface StoredContent {
  readonly sha256: string;
  readonly size: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The sha256 (hex) of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Content-addressed bytes over a blob store: each content is stored once under `sha256/ab/abcdef…`, and every read
 * checks that the bytes still hash to their key (a corrupt or truncated blob is reported, never returned).
 */
export class ContentStore {
  constructor(
    readonly blobs: BlobStore,
    private readonly prefix = "sha256/",
  ) {}

  /** The blob key holding a content. */
  keyOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new AppError("INVALID_INPUT", `"${sha256}" is not a lowercase hex sha256`);
    return `${this.prefix}${sha256.slice(0, 2)}/${sha256}`;
  }

  /** The sha256 and size of a source, without storing it (a stream source is opened and read once). */
  async hash(source: Uint8Array | (() => Readable)): Promise<StoredContent> {
    if (typeof source !== "function") return { sha256: sha256Hex(source), size: source.byteLength };
    const hash = createHash("sha256");
    let size = 0;
    for await (const chunk of source()) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { sha256: hash.digest("hex"), size };
  }

  /**
   * Stores bytes once. A stream source is given as a function opening it, read twice: once to hash, once to store
   * (so large files never sit in memory); it must give the same bytes both times. Pass `known` when the source was
   * already hashed.
   */
  async put(source: Uint8Array | (() => Readable), known?: StoredContent): Promise<StoredContent> {
    const content = known ?? (await this.hash(source));
    const key = this.keyOf(content.sha256);
    if (await this.blobs.has(key)) return content;
    if (typeof source !== "function") {
      await this.blobs.put(key, source);
      return content;
    }
    await this.blobs.put(key, source());
    // The second read must have given the same bytes: check what was stored, and drop it when it differs.
    try {
      await this.get(content.sha256);
    } catch (error) {
      await this.blobs.delete(key);
      throw new AppError("INVALID_INPUT", "The artifact source changed while it was being stored", undefined, {
        cause: error,
      });
    }
    return content;
  }

  /** The bytes of a content, checked against their sha256 (STORE_UNAVAILABLE when they no longer match). */
  async get(sha256: string): Promise<Buffer> {
    const bytes = await this.blobs.get(this.keyOf(sha256));
    const actual = sha256Hex(bytes);
    if (actual !== sha256)
      throw new AppError(
        "STORE_UNAVAILABLE",
        `Artifact content sha256:${sha256} is corrupt in ${this.blobs.url}: its ${bytes.length} bytes hash to ${actual}`,
      );
    return bytes;
  }

  /** True when the content is stored. */
  has(sha256: string): Promise<boolean> {
    return this.blobs.has(this.keyOf(sha256));
  }
}
