import { CompiledQuery, type Kysely, type Transaction } from "kysely";
import { AppError } from "../core/index.js";
import { type Database, isPostgres } from "../store/index.js";
import { bulkInsert } from "./bulk-insert.js";
import type { DatasetRef, MetricPoint, Page, Run, RunStatus } from "./entities.js";
import { latestByKey, type MetricRow, type NormalizedBatch } from "./log-batch.js";
import { decodePageToken, encodePageToken } from "./page-token.js";
import { loadRuns, type RunRow } from "./run-details.js";
import { isForeignKeyViolation } from "./sql-errors.js";
import type { TrackingTables } from "./tracking-tables.js";

/** Rows per multi-row INSERT: 5 000 × 5 parameters stays under SQLite's 32 766 and PostgreSQL's 65 535. */
const CHUNK = 5000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Trx = Transaction<TrackingTables>;

const METRIC_COLUMNS = ["run_id", "key", "step", "ts", "value"] as const;
/** Metric points per INSERT on PostgreSQL: 5 000 parameters a statement. */
const METRIC_CHUNK = 1000;
// `where true`: SQLite needs it between INSERT … SELECT and ON CONFLICT.
const SQLITE_JSON_INSERT =
  "insert into tracking_metrics (run_id, key, step, ts, value) " +
  "select ?, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3 from json_each(?) j where true on conflict do nothing";

/** A run to create: its row and what it starts with. */
export interface NewRun {
  readonly row: RunRow;
  readonly tags: readonly (readonly [string, string])[];
  readonly datasets: readonly DatasetRef[];
}

/** Runs, params, tags and metric histories in SQL. Every multi-row write is one transaction. */
export class RunRepository {
  readonly db: Kysely<TrackingTables>;
  private readonly postgres: boolean;

  constructor(database: Database) {
    this.db = database.db.withTables<TrackingTables>() as unknown as Kysely<TrackingTables>;
    this.postgres = isPostgres(database.db);
  }

  async create(run: NewRun): Promise<Run> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto("tracking_runs").values(run.row).execute();
        if (run.tags.length)
          await trx
            .insertInto("tracking_run_tags")
            .values(run.tags.map(([key, value]) => ({ run_id: run.row.id, key, value })))
            .execute();
        if (run.datasets.length)
          await trx
            .insertInto("tracking_run_datasets")
            .values(
              run.datasets.map((d) => ({
                run_id: run.row.id,
                name: d.name,
                digest: d.digest,
                source: d.source ?? null,
              })),
            )
            .onConflict((oc) => oc.doNothing())
            .execute();
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new AppError("NOT_FOUND", `No parent run ${run.row.parent_run_id}`);
      throw error;
    }
    return (await this.get(run.row.id))!;
  }

  async get(id: string): Promise<Run | undefined> {
    const row = await this.db.selectFrom("tracking_runs").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? (await loadRuns(this.db, [row]))[0] : undefined;
  }

  /** Runs by id, in the order asked (missing ones left out). */
  async getMany(ids: readonly string[]): Promise<Run[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom("tracking_runs").selectAll().where("id", "in", ids).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return loadRuns(
      this.db,
      ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    );
  }

  /** The run's status and experiment, for checks before a write. */
  async head(id: string): Promise<{ status: RunStatus; experimentId: string } | undefined> {
    const row = await this.db
      .selectFrom("tracking_runs")
      .select(["status", "experiment_id"])
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? { status: row.status as RunStatus, experimentId: row.experiment_id } : undefined;
  }

  /**
   * Ends a RUNNING run (or moves it to the status it already has: a retry changes nothing). CONFLICT when it has
   * ended with another status: a finished run stays finished.
   */
  async setStatus(id: string, status: RunStatus, message: string | null, endTime: number | null): Promise<Run> {
    const result = await this.db
      .updateTable("tracking_runs")
      .set({ status, status_message: message, end_time: endTime })
      .where("id", "=", id)
      .where("status", "=", "RUNNING")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const head = await this.head(id);
      if (!head) throw new AppError("NOT_FOUND", `No run ${id}`);
      if (head.status !== status)
        throw new AppError("CONFLICT", `Run ${id} is already ${head.status}; it cannot become ${status}`);
    }
    return (await this.get(id))!;
  }

  /**
   * Stores a batch all or nothing, in one transaction: the run must be RUNNING; params are immutable (another value
   * for a logged key is CONFLICT and nothing of the batch is kept); tags are replaced; metric points are appended to
   * the history (a point already there is kept once) and the latest value of each key moves forward.
   */
  async logBatch(runId: string, batch: NormalizedBatch): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // FOR SHARE on PostgreSQL: an end() committing meanwhile waits, so nothing lands in a run after it ended.
      let head = trx.selectFrom("tracking_runs").select(["status", "experiment_id"]).where("id", "=", runId);
      if (this.postgres) head = head.forShare();
      const row = await head.executeTakeFirst();
      if (!row) throw new AppError("NOT_FOUND", `No run ${runId}`);
      if (row.status !== "RUNNING")
        throw new AppError("CONFLICT", `Run ${runId} is ${row.status}: only a RUNNING run takes new data`);
      if (batch.params.length) await this.insertParams(trx, runId, batch.params);
      for (const part of chunks(batch.tags))
        await trx
          .insertInto("tracking_run_tags")
          .values(part.map(([key, value]) => ({ run_id: runId, key, value })))
          .onConflict((oc) => oc.columns(["run_id", "key"]).doUpdateSet((eb) => ({ value: eb.ref("excluded.value") })))
          .execute();
      if (batch.metrics.length) await this.insertMetrics(trx, runId, row.experiment_id, batch.metrics);
    });
  }

  private async insertParams(trx: Trx, runId: string, params: NormalizedBatch["params"]): Promise<void> {
    for (const part of chunks(params))
      await trx
        .insertInto("tracking_params")
        .values(part.map(([key, value]) => ({ run_id: runId, key, value })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    const wanted = new Map(params);
    const conflicts: { field: string; reason: string }[] = [];
    for (const part of chunks(params))
      for (const stored of await trx
        .selectFrom("tracking_params")
        .select(["key", "value"])
        .where("run_id", "=", runId)
        .where(
          "key",
          "in",
          part.map(([k]) => k),
        )
        .execute())
        if (stored.value !== wanted.get(stored.key))
          conflicts.push({
            field: `params.${stored.key}`,
            reason: `already logged as ${JSON.stringify(stored.value)}, cannot become ${JSON.stringify(wanted.get(stored.key))}`,
          });
    if (conflicts.length)
      throw new AppError(
        "CONFLICT",
        `Params are immutable: ${conflicts.map((c) => `${c.field} ${c.reason}`).join("; ")}`,
        conflicts,
      );
  }

  private async insertMetrics(
    trx: Trx,
    runId: string,
    experimentId: string,
    metrics: readonly MetricRow[],
  ): Promise<void> {
    if (!this.postgres) {
      // SQLite: the whole batch as one JSON parameter, unpacked by json_each in C. The statement text never changes,
      // so nothing is re-parsed per batch, and doubles round-trip exactly through JSON.
      await trx.executeQuery(
        CompiledQuery.raw(SQLITE_JSON_INSERT, [
          runId,
          JSON.stringify(metrics.map((m) => [m.key, m.step, m.timestamp, m.value])),
        ]),
      );
    } else
      for (const part of chunks(metrics, METRIC_CHUNK)) {
        const parameters: unknown[] = [];
        for (const m of part) parameters.push(runId, m.key, m.step, m.timestamp, m.value);
        await trx.executeQuery(
          bulkInsert(
            "tracking_metrics",
            METRIC_COLUMNS,
            part.length,
            this.postgres,
            "on conflict do nothing",
            parameters,
          ),
        );
      }
    for (const part of chunks(latestByKey(metrics)))
      await trx
        .insertInto("tracking_latest_metrics")
        .values(
          part.map((m) => ({
            run_id: runId,
            key: m.key,
            value: m.value,
            step: m.step,
            ts: m.timestamp,
            experiment_id: experimentId,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(["run_id", "key"])
            .doUpdateSet((eb) => ({
              value: eb.ref("excluded.value"),
              step: eb.ref("excluded.step"),
              ts: eb.ref("excluded.ts"),
            }))
            // Only forward: the same order as isLater() (step, then timestamp, then value).
            .where((eb) =>
              eb.or([
                eb("excluded.step", ">", eb.ref("tracking_latest_metrics.step")),
                eb.and([
                  eb("excluded.step", "=", eb.ref("tracking_latest_metrics.step")),
                  eb("excluded.ts", ">", eb.ref("tracking_latest_metrics.ts")),
                ]),
                eb.and([
                  eb("excluded.step", "=", eb.ref("tracking_latest_metrics.step")),
                  eb("excluded.ts", "=", eb.ref("tracking_latest_metrics.ts")),
                  eb("excluded.value", ">", eb.ref("tracking_latest_metrics.value")),
                ]),
              ]),
            ),
        )
        .execute();
  }

  /** A metric's history ordered by step, timestamp and value, a page at a time (keyset on those three). */
  async metricHistory(runId: string, key: string, pageSize: number, pageToken?: string): Promise<Page<MetricPoint>> {
    type Pos = { s: number; t: number; v: number };
    const after = pageToken
      ? decodePageToken<Pos>(
          pageToken,
          (p): p is Pos => typeof p.s === "number" && typeof p.t === "number" && typeof p.v === "number",
        )
      : undefined;
    let q = this.db
      .selectFrom("tracking_metrics")
      .select(["step", "ts", "value"])
      .where("run_id", "=", runId)
      .where("key", "=", key);
    if (after) q = q.where((eb) => eb(eb.refTuple("step", "ts", "value"), ">", eb.tuple(after.s, after.t, after.v)));
    const rows = await q
      .orderBy("step")
      .orderBy("ts")
      .orderBy("value")
      .limit(pageSize + 1)
      .execute();
    const items = rows.slice(0, pageSize).map((r) => ({
      key,
      value: Number(r.value),
      step: Number(r.step),
      timestamp: new Date(Number(r.ts)),
    }));
    if (rows.length <= pageSize) return { items };
    const last = rows[pageSize - 1]!;
    return {
      items,
      nextPageToken: encodePageToken({ s: Number(last.step), t: Number(last.ts), v: Number(last.value) }),
    };
  }
}
