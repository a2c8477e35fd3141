import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3rver } from "../../test/support/s3rver.js";
import { blobStoreSuite } from "./blob-store.suite.js";
import { FileBlobStore } from "./file-blob-store.js";
import { openBlobStore } from "./open-blob-store.js";
import { parseS3Url, S3BlobStore, type S3Settings } from "./s3-blob-store.js";

blobStoreSuite("file", async () => new FileBlobStore(mkdtempSync(join(tmpdir(), "atelier-blobs-"))));

let s3: { settings: S3Settings; stop: () => Promise<void> } | undefined;
beforeAll(async () => {
  s3 = await startS3rver(["atelier"]);
});
afterAll(async () => {
  await s3?.stop();
});

// Each store gets its own key prefix in the one bucket, so tests never see each other's keys.
blobStoreSuite("s3 (s3rver)", async () =>
  openBlobStore(`s3://atelier/t-${randomBytes(4).toString("hex")}/`, s3!.settings),
);

describe("openBlobStore", () => {
  it("chooses the store from the URL and names a bad one", () => {
    expect(openBlobStore("file:./x").url).toBe("file:./x");
    expect(openBlobStore("s3://bucket/a/b")).toBeInstanceOf(S3BlobStore);
    expect(parseS3Url("s3://bucket")).toEqual({ bucket: "bucket", prefix: "" });
    expect(parseS3Url("s3://bucket/a/b/")).toEqual({ bucket: "bucket", prefix: "a/b/" });
    expect(() => openBlobStore("ftp://x")).toThrow(/file: or s3:/);
    expect(() => openBlobStore("file:")).toThrow(/no folder/);
  });

  it("reports an unreachable S3 endpoint as STORE_UNAVAILABLE", async () => {
    const store = openBlobStore("s3://none/x", {
      endpoint: "http://127.0.0.1:1",
      accessKeyId: "a",
      secretAccessKey: "b",
      forcePathStyle: true,
    });
    await expect(store.put("k", Buffer.from("x"))).rejects.toMatchObject({ code: "STORE_UNAVAILABLE" });
    await store.close();
  });
});
