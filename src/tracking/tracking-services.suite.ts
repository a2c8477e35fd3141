import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { type Clock, ManualClock } from "../core/index.js";
import { ContentStore, type Database, FileBlobStore, migrateToLatest, openDatabase } from "../store/index.js";
import { RegistryService } from "./registry-service.js";
import { registryMigrations } from "./registry-tables.js";
import { TrackingService } from "./tracking-service.js";
import { trackingMigrations } from "./tracking-tables.js";

/** Tracking and registry services over one database and one artifact folder, as a test opens them. */
export interface Services {
  readonly tracking: TrackingService;
  readonly registry: RegistryService;
  readonly content: ContentStore;
  readonly clock: ManualClock;
  readonly database: Database;
  close(): Promise<void>;
}

/** Opens the services on a database URL (migrating it); a second call on the same URL is a second client. */
export async function openServices(
  url: string,
  blobDir: string,
  clock: Clock = new ManualClock("2026-03-02T09:00:00Z"),
  shared?: Database,
): Promise<Services> {
  const database = shared ?? (await openDatabase(url));
  await migrateToLatest(database, { ...trackingMigrations, ...registryMigrations });
  const content = new ContentStore(new FileBlobStore(blobDir));
  const tracking = new TrackingService(database, content, clock);
  const registry = new RegistryService(database, tracking, clock);
  return {
    tracking,
    registry,
    content,
    database,
    clock: clock as ManualClock,
    close: async () => {
      if (!shared) await database.close();
    },
  };
}

/** What the suites need from the test file: a fresh empty database URL per call. */
export type NewDatabase = () => Promise<string>;

/** Fresh services for one test, closed after the file; `second` opens another client on the same store. */
export function servicesFactory(newDatabase: NewDatabase) {
  const opened: Services[] = [];
  afterAll(async () => {
    for (const s of opened) await s.close();
  });
  return async () => {
    const url = await newDatabase();
    const blobDir = mkdtempSync(join(tmpdir(), "atelier-tracking-"));
    const first = await openServices(url, blobDir);
    opened.push(first);
    return {
      ...first,
      url,
      blobDir,
      // A second client: its own pool on PostgreSQL. On SQLite the same connection, as every client of one server
      // process shares it (two connections in one process would block each other's synchronous busy-waits).
      second: async () => {
        const other = await openServices(
          url,
          blobDir,
          first.clock,
          url.startsWith("sqlite:") ? first.database : undefined,
        );
        opened.push(other);
        return other;
      },
    };
  };
}
