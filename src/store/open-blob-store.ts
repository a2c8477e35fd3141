import { AppError, type Config } from "../core/index.js";
import type { BlobStore } from "./blob-store.js";
import { FileBlobStore } from "./file-blob-store.js";
import { S3BlobStore, type S3Settings } from "./s3-blob-store.js";

/** Opens the blob store an ARTIFACT_STORE_URL names: `file:PATH` (a folder) or `s3://bucket/prefix`. */
export function openBlobStore(url: string, s3: S3Settings = {}): BlobStore {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!path) throw new AppError("INVALID_CONFIG", `Artifact store URL "${url}" has no folder (file:PATH)`);
    return new FileBlobStore(path);
  }
  if (url.startsWith("s3://")) return new S3BlobStore(url, s3);
  throw new AppError("INVALID_CONFIG", `Artifact store URL "${url}" must start with file: or s3://`);
}

/** The artifact store the configuration names (ARTIFACT_STORE_URL and the AWS_* variables). */
export function openBlobStoreFromConfig(config: Config): BlobStore {
  return openBlobStore(config.ARTIFACT_STORE_URL, {
    region: config.AWS_REGION,
    forcePathStyle: config.AWS_S3_FORCE_PATH_STYLE === "true",
    ...(config.AWS_ENDPOINT_URL ? { endpoint: config.AWS_ENDPOINT_URL } : {}),
    ...(config.AWS_ACCESS_KEY_ID ? { accessKeyId: config.AWS_ACCESS_KEY_ID } : {}),
    ...(config.AWS_SECRET_ACCESS_KEY ? { secretAccessKey: config.AWS_SECRET_ACCESS_KEY } : {}),
  });
}
