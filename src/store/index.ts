export {
  BLOB_PAGE_SIZE,
  type BlobPage,
  type BlobStore,
  validateBlobKey,
} from "./blob-store.js";
export { ContentStore, type StoredContent, sha256Hex } from "./content-store.js";
export {
  type Database,
  type DialectName,
  isPostgres,
  migrateToLatest,
  type OpenDatabaseOptions,
  openDatabase,
  parseDatabaseUrl,
} from "./database.js";
export { FileBlobStore } from "./file-blob-store.js";
export { openBlobStore, openBlobStoreFromConfig } from "./open-blob-store.js";
export { parseS3Url, S3BlobStore, type S3Settings } from "./s3-blob-store.js";
