import { type CreateTableBuilder, type Kysely, type Migration, sql } from "kysely";
import { isPostgres } from "../store/index.js";

/** The tracking tables as Kysely sees them (times are epoch milliseconds). */
export type TrackingTables = {
  tracking_experiments: {
    id: string;
    name: string;
    description: string;
    tags: string;
    created_at: number;
    updated_at: number;
    deleted_at: number | null;
  };
  tracking_runs: {
    id: string;
    experiment_id: string;
    name: string;
    status: string;
    status_message: string | null;
    start_time: number;
    end_time: number | null;
    parent_run_id: string | null;
    git_commit: string | null;
    created_by: string;
  };
  tracking_params: { run_id: string; key: string; value: string };
  tracking_run_tags: { run_id: string; key: string; value: string };
  tracking_metrics: { run_id: string; key: string; step: number; ts: number; value: number };
  tracking_latest_metrics: {
    run_id: string;
    key: string;
    value: number;
    step: number;
    ts: number;
    experiment_id: string;
  };
  tracking_run_datasets: { run_id: string; name: string; digest: string; source: string | null };
  tracking_artifacts: { run_id: string; path: string; sha256: string; size: number; created_at: number };
};

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
type AnyDb = Kysely<any>;

/** Text compared byte by byte in both dialects, so listings, orderings and LIKE behave the same everywhere. */
export function textType(db: AnyDb) {
  return isPostgres(db) ? sql`text collate "C"` : sql`text`;
}

/** SQLite tables whose primary key is their identity are stored WITHOUT ROWID (one b-tree instead of two). */
// biome-ignore lint/suspicious/noExplicitAny: any table builder.
export function withoutRowId<T extends CreateTableBuilder<any, any>>(db: AnyDb, builder: T): T {
  return (isPostgres(db) ? builder : builder.modifyEnd(sql`without rowid`)) as T;
}

/** Experiments, runs, params, metric histories and latest values, tags, data sets and artifacts. */
export const trackingMigrations: Record<string, Migration> = {
  "0201-tracking-experiments-runs": {
    up: async (db: AnyDb) => {
      const text = textType(db);
      await db.schema
        .createTable("tracking_experiments")
        .addColumn("id", text, (c) => c.primaryKey())
        .addColumn("name", text, (c) => c.notNull().unique())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("tags", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("deleted_at", "bigint")
        .execute();
      await db.schema
        .createTable("tracking_runs")
        .addColumn("id", text, (c) => c.primaryKey())
        .addColumn("experiment_id", text, (c) => c.notNull().references("tracking_experiments.id"))
        .addColumn("name", text, (c) => c.notNull())
        .addColumn("status", text, (c) => c.notNull())
        .addColumn("status_message", "text")
        .addColumn("start_time", "bigint", (c) => c.notNull())
        .addColumn("end_time", "bigint")
        .addColumn("parent_run_id", text, (c) => c.references("tracking_runs.id"))
        .addColumn("git_commit", text)
        .addColumn("created_by", text, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("tracking_runs_experiment_start")
        .on("tracking_runs")
        .columns(["experiment_id", "start_time", "id"])
        .execute();
      await db.schema.createIndex("tracking_runs_parent").on("tracking_runs").column("parent_run_id").execute();
      for (const table of ["tracking_params", "tracking_run_tags"]) {
        await withoutRowId(
          db,
          db.schema
            .createTable(table)
            .addColumn("run_id", text, (c) => c.notNull().references("tracking_runs.id"))
            .addColumn("key", text, (c) => c.notNull())
            .addColumn("value", text, (c) => c.notNull())
            .addPrimaryKeyConstraint(`${table}_pk`, ["run_id", "key"]),
        ).execute();
        // Filters such as params.alpha = '1' look up (key, value) and find the runs in the index itself.
        await db.schema.createIndex(`${table}_key_value`).on(table).columns(["key", "value", "run_id"]).execute();
      }
      // The full history; a point logged twice (a retried batch) is stored once. No foreign key on the two metric
      // tables: a check per point costs ~10% of batch throughput, and log-batch already checks the run (RUNNING, and
      // locked FOR SHARE on PostgreSQL) in the same transaction; runs are never deleted.
      await withoutRowId(
        db,
        db.schema
          .createTable("tracking_metrics")
          .addColumn("run_id", text, (c) => c.notNull())
          .addColumn("key", text, (c) => c.notNull())
          .addColumn("step", "bigint", (c) => c.notNull())
          .addColumn("ts", "bigint", (c) => c.notNull())
          .addColumn("value", "double precision", (c) => c.notNull())
          .addPrimaryKeyConstraint("tracking_metrics_pk", ["run_id", "key", "step", "ts", "value"]),
      ).execute();
      // One row per (run, metric), kept on each log, so search filters and sorts on an index, not the history.
      await withoutRowId(
        db,
        db.schema
          .createTable("tracking_latest_metrics")
          .addColumn("run_id", text, (c) => c.notNull())
          .addColumn("key", text, (c) => c.notNull())
          .addColumn("value", "double precision", (c) => c.notNull())
          .addColumn("step", "bigint", (c) => c.notNull())
          .addColumn("ts", "bigint", (c) => c.notNull())
          // The run's experiment, copied (runs never move): searches of one experiment walk their own index range.
          .addColumn("experiment_id", text, (c) => c.notNull())
          .addPrimaryKeyConstraint("tracking_latest_metrics_pk", ["run_id", "key"]),
      ).execute();
      await db.schema
        .createIndex("tracking_latest_metrics_key_value")
        .on("tracking_latest_metrics")
        .columns(["key", "value", "run_id"])
        .execute();
      await db.schema
        .createIndex("tracking_latest_metrics_experiment_key_value")
        .on("tracking_latest_metrics")
        .columns(["experiment_id", "key", "value", "run_id"])
        .execute();
      await db.schema
        .createTable("tracking_run_datasets")
        .addColumn("run_id", text, (c) => c.notNull().references("tracking_runs.id"))
        .addColumn("name", text, (c) => c.notNull())
        .addColumn("digest", text, (c) => c.notNull())
        .addColumn("source", "text")
        .addPrimaryKeyConstraint("tracking_run_datasets_pk", ["run_id", "name", "digest"])
        .execute();
      await db.schema
        .createIndex("tracking_run_datasets_digest")
        .on("tracking_run_datasets")
        .columns(["digest", "run_id"])
        .execute();
      await db.schema
        .createTable("tracking_artifacts")
        .addColumn("run_id", text, (c) => c.notNull().references("tracking_runs.id"))
        .addColumn("path", text, (c) => c.notNull())
        .addColumn("sha256", text, (c) => c.notNull())
        .addColumn("size", "bigint", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("tracking_artifacts_pk", ["run_id", "path"])
        .execute();
    },
  },
};
