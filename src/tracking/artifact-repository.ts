import { type Kysely, sql } from "kysely";
import { AppError } from "../core/index.js";
import type { Database } from "../store/index.js";
import type { Artifact, Page } from "./entities.js";
import { decodePageToken, encodePageToken } from "./page-token.js";
import { isUniqueViolation } from "./sql-errors.js";
import type { TrackingTables } from "./tracking-tables.js";

type Row = TrackingTables["tracking_artifacts"];

function toArtifact(row: Row): Artifact {
  return {
    runId: row.run_id,
    path: row.path,
    sha256: row.sha256,
    size: Number(row.size),
    createdAt: new Date(Number(row.created_at)),
  };
}

/** Which content each run artifact path holds (the bytes live in the content store). */
export class ArtifactRepository {
  private readonly db: Kysely<TrackingTables>;

  constructor(database: Database) {
    this.db = database.db.withTables<TrackingTables>() as unknown as Kysely<TrackingTables>;
  }

  /**
   * Records an artifact of a RUNNING run. Artifacts are immutable like params: the same path with the same content
   * again is fine (a retried upload), with other content it is CONFLICT.
   */
  async add(runId: string, path: string, sha256: string, size: number, now: number): Promise<Artifact> {
    return this.db.transaction().execute(async (trx) => {
      const run = await trx.selectFrom("tracking_runs").select("status").where("id", "=", runId).executeTakeFirst();
      if (!run) throw new AppError("NOT_FOUND", `No run ${runId}`);
      if (run.status !== "RUNNING")
        throw new AppError("CONFLICT", `Run ${runId} is ${run.status}: only a RUNNING run takes new artifacts`);
      const existing = await trx
        .selectFrom("tracking_artifacts")
        .selectAll()
        .where("run_id", "=", runId)
        .where("path", "=", path)
        .executeTakeFirst();
      if (existing) {
        if (existing.sha256 === sha256) return toArtifact(existing);
        throw new AppError(
          "CONFLICT",
          `Artifact ${path} of run ${runId} already holds other content (sha256:${existing.sha256})`,
        );
      }
      const row: Row = { run_id: runId, path, sha256, size, created_at: now };
      try {
        await trx.insertInto("tracking_artifacts").values(row).execute();
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError("CONFLICT", `Artifact ${path} of run ${runId} was just logged by another call`);
        throw error;
      }
      return toArtifact(row);
    });
  }

  async get(runId: string, path: string): Promise<Artifact | undefined> {
    const row = await this.db
      .selectFrom("tracking_artifacts")
      .selectAll()
      .where("run_id", "=", runId)
      .where("path", "=", path)
      .executeTakeFirst();
    return row ? toArtifact(row) : undefined;
  }

  /** A run's artifacts whose path starts with `prefix`, by path, a page at a time. */
  async list(runId: string, prefix: string, pageSize: number, pageToken?: string): Promise<Page<Artifact>> {
    const after = pageToken
      ? decodePageToken<{ p: string }>(pageToken, (v): v is { p: string } => typeof v.p === "string").p
      : undefined;
    let q = this.db.selectFrom("tracking_artifacts").selectAll().where("run_id", "=", runId);
    // substr, not LIKE: a prefix may hold % or _ and needs no escaping this way.
    // Both engines count characters (code points), not UTF-16 units.
    if (prefix) q = q.where(sql<string>`substr(path, 1, ${[...prefix].length})`, "=", prefix);
    if (after !== undefined) q = q.where("path", ">", after);
    const rows = await q
      .orderBy("path")
      .limit(pageSize + 1)
      .execute();
    const items = rows.slice(0, pageSize).map(toArtifact);
    return rows.length > pageSize
      ? { items, nextPageToken: encodePageToken({ p: items[items.length - 1]!.path }) }
      : { items };
  }
}
