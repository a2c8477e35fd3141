import { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
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

/** How to reach an S3-compatible store (the usual AWS_* variables; absent ones fall back to the SDK's defaults). */
export interface S3Settings {
  readonly endpoint?: string;
  readonly region?: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly forcePathStyle?: boolean;
}

/** Streams up to this size go in one PUT; longer ones in a multipart upload of parts this big (S3's minimum is 5 MiB). */
const PART_SIZE = 8 * 1024 * 1024;

const errorName = (error: unknown) => (error as { name?: string }).name ?? "";
const httpStatus = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
const isMissing = (error: unknown) =>
  errorName(error) === "NoSuchKey" || errorName(error) === "NotFound" || httpStatus(error) === 404;

/** Parses `s3://bucket/prefix` into a bucket and a key prefix ("" or ending with a slash). */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match?.[1]) throw new AppError("INVALID_CONFIG", `Artifact store URL "${url}" must be s3://bucket/prefix`);
  const rest = match[2]!.replace(/\/+$/, "");
  return { bucket: match[1], prefix: rest ? `${rest}/` : "" };
}

/** Blobs as objects in an S3-compatible bucket under a key prefix. */
export class S3BlobStore implements BlobStore {
  readonly url: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(url: string, settings: S3Settings = {}) {
    const { bucket, prefix } = parseS3Url(url);
    this.url = url;
    this.bucket = bucket;
    this.prefix = prefix;
    this.client = new S3Client({
      region: settings.region ?? "us-east-1",
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.forcePathStyle ? { forcePathStyle: true } : {}),
      ...(settings.accessKeyId && settings.secretAccessKey
        ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
        : {}),
      // Content integrity is checked by the content store (sha256); extra CRC headers break many S3-compatible servers.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  private unavailable(action: string, error: unknown): AppError {
    return new AppError(
      "STORE_UNAVAILABLE",
      `S3 ${action} on ${this.url} failed: ${(error as Error).message}`,
      undefined,
      {
        cause: error,
      },
    );
  }

  private objectKey(key: string): string {
    return this.prefix + validateBlobKey(key);
  }

  async put(key: string, data: Uint8Array | Readable): Promise<void> {
    const Key = this.objectKey(key);
    try {
      if (!(data instanceof Readable)) {
        await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: data }));
        return;
      }
      const parts = readParts(data);
      const first = await parts.next();
      const second = first.done ? first : await parts.next();
      if (second.done) {
        const Body = first.done ? Buffer.alloc(0) : first.value;
        await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body }));
        return;
      }
      await this.multipart(Key, [first.value as Buffer, second.value], parts);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw this.unavailable("put", error);
    }
  }

  private async multipart(Key: string, head: Buffer[], rest: AsyncGenerator<Buffer>): Promise<void> {
    const { UploadId } = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key }));
    try {
      const done: { ETag: string; PartNumber: number }[] = [];
      const send = async (Body: Buffer) => {
        const PartNumber = done.length + 1;
        const { ETag } = await this.client.send(
          new UploadPartCommand({ Bucket: this.bucket, Key, UploadId, PartNumber, Body }),
        );
        done.push({ ETag: ETag ?? "", PartNumber });
      };
      for (const part of head) await send(part);
      for await (const part of rest) await send(part);
      await this.client.send(
        new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId, MultipartUpload: { Parts: done } }),
      );
    } catch (error) {
      await this.client
        .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId }))
        .catch(() => undefined);
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    const stream = await this.getStream(key);
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of stream) chunks.push(chunk as Buffer);
    } catch (error) {
      throw this.unavailable("get", error);
    }
    return Buffer.concat(chunks);
  }

  async getStream(key: string): Promise<Readable> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return out.Body as Readable;
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (isMissing(error)) throw new AppError("NOT_FOUND", `No blob ${key}`);
      throw this.unavailable("get", error);
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (isMissing(error)) return false;
      throw this.unavailable("head", error);
    }
  }

  async list(prefix: string, pageToken?: string, pageSize?: number): Promise<BlobPage> {
    validateBlobPrefix(prefix);
    const MaxKeys = blobPageSize(pageSize);
    // ListObjects (v1) with the last key of the previous page as Marker: the same opaque token as the file store, and
    // it works on servers whose V2 continuation tokens do not (s3rver's need DES, which OpenSSL 3 no longer has).
    const after = pageToken === undefined ? undefined : decodeKeyToken(pageToken);
    try {
      const out = await this.client.send(
        new ListObjectsCommand({
          Bucket: this.bucket,
          Prefix: this.prefix + prefix,
          MaxKeys,
          ...(after === undefined ? {} : { Marker: this.prefix + after }),
        }),
      );
      const keys = (out.Contents ?? []).map((o) => (o.Key ?? "").slice(this.prefix.length));
      return out.IsTruncated && keys.length > 0
        ? { keys, nextPageToken: encodeKeyToken(keys[keys.length - 1]!) }
        : { keys };
    } catch (error) {
      throw this.unavailable("list", error);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (isMissing(error)) return;
      throw this.unavailable("delete", error);
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

/** Regroups a stream's chunks into parts of PART_SIZE bytes (the last one shorter). */
async function* readParts(stream: Readable): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    let buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    while (size + buffer.length >= PART_SIZE) {
      const take = PART_SIZE - size;
      pending.push(buffer.subarray(0, take));
      yield Buffer.concat(pending);
      pending = [];
      size = 0;
      buffer = buffer.subarray(take);
    }
    if (buffer.length) {
      pending.push(buffer);
      size += buffer.length;
    }
  }
  if (size > 0) yield Buffer.concat(pending);
}
