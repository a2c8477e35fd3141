import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { DatasetRef } from "../entities.js";
import type { DatasetInput } from "./tracker.js";

/**
 * What the SDK learns from the caller's process (never from the server's): the commit of the code being run and
 * the content hash of local data files.
 */

const heads = new Map<string, string | undefined>();

/** `git rev-parse HEAD` in a folder (the caller's working directory by default); undefined outside a repository. */
export function gitHead(cwd: string = process.cwd()): string | undefined {
  if (!heads.has(cwd)) {
    let head: string | undefined;
    try {
      head = execFileSync("git", ["rev-parse", "HEAD"], {
        cwd,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 5000,
      }).trim();
      if (!/^[0-9a-f]{7,64}$/.test(head)) head = undefined;
    } catch {
      head = undefined;
    }
    heads.set(cwd, head);
  }
  return heads.get(cwd);
}

/** The sha256 (hex) of a local file, streamed. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Data sets as the server records them: local files replaced by their name, sha256 and path as the source. */
export async function resolveDatasets(datasets: readonly DatasetInput[] = []): Promise<DatasetRef[]> {
  return Promise.all(
    datasets.map(async (d) =>
      "path" in d
        ? { name: d.name, digest: await fileSha256(d.path), source: d.source ?? d.path }
        : { name: d.name, digest: d.digest, ...(d.source ? { source: d.source } : {}) },
    ),
  );
}
