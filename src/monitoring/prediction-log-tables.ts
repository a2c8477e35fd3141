import { type Generated, type Kysely, type Migration, sql } from "kysely";
import { isPostgres } from "../store/index.js";

/** The prediction log as Kysely sees it: times are epoch milliseconds, JSON kept as text. */
export type PredictionLogTables = {
  prediction_log: {
    id: Generated<number>;
    request_id: string;
    item_index: number;
    model_name: string;
    model_version: number;
    alias: string | null;
    arm: string;
    principal: string | null;
    inputs: string;
    /** The prediction as a JSON scalar (`1`, `"yes"`), so it compares with the label as text. */
    prediction: string;
    probabilities: string | null;
    latency_ms: number;
    ts: number;
    feedback_label: string | null;
    feedback_at: number | null;
  };
};

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
type AnyDb = Kysely<any>;

/** Byte-order text on PostgreSQL (indexes compare as SQLite does, and faster than a locale's collation). */
function keyText(db: AnyDb) {
  return isPostgres(db) ? sql`text collate "C"` : sql`text`;
}

/** The prediction log: one row per record per arm; ordered by (ts, id) for paging, by request id for feedback. */
export const predictionLogMigrations: Record<string, Migration> = {
  "0401-monitoring-prediction-log": {
    up: async (db: AnyDb) => {
      const text = keyText(db);
      await db.schema
        .createTable("prediction_log")
        // SQLite: INTEGER PRIMARY KEY is the rowid itself (no second b-tree); PostgreSQL: an identity column.
        .addColumn("id", isPostgres(db) ? "bigint" : "integer", (c) =>
          isPostgres(db) ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
        )
        .addColumn("request_id", text, (c) => c.notNull())
        .addColumn("item_index", "integer", (c) => c.notNull())
        .addColumn("model_name", text, (c) => c.notNull())
        .addColumn("model_version", "integer", (c) => c.notNull())
        .addColumn("alias", "text")
        .addColumn("arm", "text", (c) => c.notNull())
        .addColumn("principal", "text")
        .addColumn("inputs", "text", (c) => c.notNull())
        .addColumn("prediction", "text", (c) => c.notNull())
        .addColumn("probabilities", "text")
        .addColumn("latency_ms", "double precision", (c) => c.notNull())
        .addColumn("ts", "bigint", (c) => c.notNull())
        .addColumn("feedback_label", "text")
        .addColumn("feedback_at", "bigint")
        .execute();
      await db.schema.createIndex("prediction_log_ts").on("prediction_log").columns(["ts", "id"]).execute();
      await db.schema
        .createIndex("prediction_log_model_ts")
        .on("prediction_log")
        .columns(["model_name", "ts", "id"])
        .execute();
      await db.schema.createIndex("prediction_log_request").on("prediction_log").column("request_id").execute();
    },
  },
};
