import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../core/index.js";
import {
  type BlobPage,
  type BlobStore,
  blobPageSize,
  decodeKeyToken,
  encodeKeyToken,
  validateBlobKey,
  validateBlobPrefix,
} from "./blob-store.js";

const INCOMING = ".incoming";

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

function unavailable(root: string, error: unknown): AppError {
  return new AppError("STORE_UNAVAILABLE", `Artifact folder ${root}: ${(error as Error).message}`, undefined, {
    cause: error,
  });
}

/**
 * Blobs as files under one folder. A write goes to `.incoming/` first, is flushed to disk, then renamed over its
 * key, so a crash never leaves a half-written blob under a real key.
 */
export class FileBlobStore implements BlobStore {
  readonly url: string;
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.url = `file:${root}`;
  }

  private path(key: string): string {
    return join(this.root, ...validateBlobKey(key).split("/"));
  }

  async put(key: string, data: Uint8Array | Readable): Promise<void> {
    const target = this.path(key);
    const incoming = join(this.root, INCOMING);
    const temp = join(incoming, randomBytes(12).toString("hex"));
    try {
      await mkdir(incoming, { recursive: true });
      if (data instanceof Readable) {
        await pipeline(data, createWriteStream(temp, { flags: "wx" }));
        const handle = await open(temp, "r+");
        await handle.sync();
        await handle.close();
      } else {
        const handle = await open(temp, "wx");
        try {
          await handle.writeFile(data);
          await handle.sync();
        } finally {
          await handle.close();
        }
      }
      await mkdir(join(target, ".."), { recursive: true });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      if (error instanceof AppError) throw error;
      throw unavailable(this.root, error);
    }
  }

  async get(key: string): Promise<Buffer> {
    const path = this.path(key);
    try {
      return await readFile(path);
    } catch (error) {
      if (isMissing(error) || (error as NodeJS.ErrnoException).code === "EISDIR")
        throw new AppError("NOT_FOUND", `No blob ${key}`);
      throw unavailable(this.root, error);
    }
  }

  async getStream(key: string): Promise<Readable> {
    if (!(await this.has(key))) throw new AppError("NOT_FOUND", `No blob ${key}`);
    return createReadStream(this.path(key));
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.path(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error instanceof AppError ? error : unavailable(this.root, error);
    }
  }

  async list(prefix: string, pageToken?: string, pageSize?: number): Promise<BlobPage> {
    validateBlobPrefix(prefix);
    const size = blobPageSize(pageSize);
    const after = pageToken === undefined ? undefined : decodeKeyToken(pageToken);
    // Walk only the deepest folder the prefix names fully; filter the rest by string comparison.
    const slash = prefix.lastIndexOf("/");
    const base = slash >= 0 ? prefix.slice(0, slash) : "";
    const keys: string[] = [];
    await this.walk(base, prefix, keys);
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const start = after === undefined ? 0 : keys.findIndex((k) => k > after);
    const page = start < 0 ? [] : keys.slice(start, start + size);
    const more = start >= 0 && start + size < keys.length;
    return more ? { keys: page, nextPageToken: encodeKeyToken(page[page.length - 1]!) } : { keys: page };
  }

  private async walk(dir: string, prefix: string, out: string[]): Promise<void> {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir ? join(this.root, ...dir.split("/")) : this.root, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error) || (error as NodeJS.ErrnoException).code === "ENOTDIR") return;
      throw unavailable(this.root, error);
    }
    for (const entry of entries) {
      const key = dir ? `${dir}/${entry.name}` : entry.name;
      if (!dir && entry.name === INCOMING) continue;
      if (entry.isDirectory()) {
        // Descend only where keys under this folder can still start with the prefix.
        if (prefix.startsWith(`${key}/`) || key.startsWith(prefix)) await this.walk(key, prefix, out);
      } else if (entry.isFile() && key.startsWith(prefix)) out.push(key);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await rm(this.path(key), { force: true });
    } catch (error) {
      throw error instanceof AppError ? error : unavailable(this.root, error);
    }
  }

  async close(): Promise<void> {}
}
