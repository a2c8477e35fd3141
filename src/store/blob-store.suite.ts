import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { BlobStore } from "./blob-store.js";
import { ContentStore, sha256Hex } from "./content-store.js";

/** Reads a whole stream. */
async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A stream giving `bytes` in uneven chunks (to exercise part boundaries). */
function chunked(bytes: Buffer, chunk = 777_777): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  return Readable.from(parts);
}

/** The conformance suite every BlobStore passes; `open` gives a store over an empty location. */
export function blobStoreSuite(name: string, open: () => Promise<BlobStore>): void {
  describe(`BlobStore conformance: ${name}`, () => {
    it("puts bytes and streams, gets them back, replaces a key and deletes idempotently", async () => {
      const store = await open();
      await store.put("a/b/one.txt", Buffer.from("hello"));
      expect((await store.get("a/b/one.txt")).toString()).toBe("hello");
      expect(await store.has("a/b/one.txt")).toBe(true);
      expect(await store.has("a/b")).toBe(false);
      await store.put("a/b/one.txt", new Uint8Array([1, 2, 3]));
      expect([...(await store.get("a/b/one.txt"))]).toEqual([1, 2, 3]);
      await store.put("empty", Readable.from([]));
      expect((await store.get("empty")).length).toBe(0);
      const big = randomBytes(9 * 1024 * 1024 + 5);
      await store.put("big/blob.bin", chunked(big));
      expect((await store.get("big/blob.bin")).equals(big)).toBe(true);
      expect((await drain(await store.getStream("big/blob.bin"))).equals(big)).toBe(true);
      await store.delete("a/b/one.txt");
      await store.delete("a/b/one.txt");
      expect(await store.has("a/b/one.txt")).toBe(false);
      await expect(store.get("a/b/one.txt")).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(store.getStream("missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
      await store.close();
    });

    it("lists keys under a prefix in byte order, page by page", async () => {
      const store = await open();
      const keys = ["p/x/1", "p/x/2", "p/y", "p/xz", "q/1", "p/x/10", "p/A"];
      for (const k of keys) await store.put(k, Buffer.from(k));
      const all: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await store.list("p/", token, 2);
        expect(page.keys.length).toBeLessThanOrEqual(2);
        all.push(...page.keys);
        token = page.nextPageToken;
        pages++;
      } while (token);
      expect(all).toEqual(["p/A", "p/x/1", "p/x/10", "p/x/2", "p/xz", "p/y"]);
      expect(pages).toBe(3);
      expect((await store.list("p/x")).keys).toEqual(["p/x/1", "p/x/10", "p/x/2", "p/xz"]);
      expect((await store.list("p/x/")).keys).toEqual(["p/x/1", "p/x/10", "p/x/2"]);
      expect((await store.list("nothing/")).keys).toEqual([]);
      expect((await store.list("")).keys).toHaveLength(keys.length);
      await store.close();
    });

    it("rejects keys that could escape the store", async () => {
      const store = await open();
      for (const bad of ["", "../x", "a/../../x", "/abs", "a//b", "a/", "a\\b", ".incoming/x", "a/./b"])
        await expect(store.put(bad, Buffer.from("x")), bad).rejects.toMatchObject({ code: "INVALID_INPUT" });
      await store.close();
    });

    it("stores content once by sha256 and refuses to return corrupt bytes", async () => {
      const blobs = await open();
      const content = new ContentStore(blobs);
      const bytes = Buffer.from('{"kind":"ridge"}');
      const first = await content.put(bytes);
      expect(first).toEqual({ sha256: sha256Hex(bytes), size: bytes.length });
      expect(await content.put(bytes)).toEqual(first);
      const streamed = await content.put(() => chunked(bytes, 3));
      expect(streamed).toEqual(first);
      expect((await blobs.list("sha256/")).keys).toEqual([content.keyOf(first.sha256)]);
      expect((await content.get(first.sha256)).equals(bytes)).toBe(true);
      await blobs.put(content.keyOf(first.sha256), Buffer.from('{"kind":"lasso"}'));
      await expect(content.get(first.sha256)).rejects.toMatchObject({
        code: "STORE_UNAVAILABLE",
        message: expect.stringMatching(/corrupt/),
      });
      await expect(content.get("nope")).rejects.toMatchObject({ code: "INVALID_INPUT" });
      await expect(content.get("0".repeat(64))).rejects.toMatchObject({ code: "NOT_FOUND" });
      await blobs.close();
    });
  });
}
