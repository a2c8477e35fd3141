import { CompiledQuery, type ExpressionBuilder, type Kysely, type Selectable, sql } from "kysely";
import { AppError } from "../core/index.js";
import type { Database } from "../store/index.js";
import { decodeLogPosition, encodeLogPosition } from "./page-token.js";
import type { PredictionLogTables } from "./prediction-log-tables.js";
import type {
  NewPrediction,
  PredictionArm,
  PredictionFilter,
  PredictionRecord,
  VersionLiveMetrics,
} from "./prediction-record.js";

type Row = PredictionLogTables["prediction_log"];
type Eb = ExpressionBuilder<PredictionLogTables, "prediction_log">;

/** A page of logged predictions; pass `nextPageToken` back as `pageToken` (absent on the last page). */
export interface PredictionPage {
  readonly items: readonly PredictionRecord[];
  readonly nextPageToken?: string;
}

/** Rows per INSERT: 13 parameters a row stays far below both engines' limits (SQLite 32 766, PostgreSQL 65 535). */
export const INSERT_CHUNK = 1000;

/** The columns an insert sets, in the order of pushValues. */
const INSERT_COLUMNS = [
  "request_id",
  "item_index",
  "model_name",
  "model_version",
  "alias",
  "arm",
  "principal",
  "inputs",
  "prediction",
  "probabilities",
  "latency_ms",
  "ts",
] as const;

/** Appends a prediction's column values, in INSERT_COLUMNS order. */
function pushValues(out: unknown[], p: NewPrediction): void {
  out.push(
    p.requestId,
    p.index,
    p.modelName,
    p.modelVersion,
    p.alias,
    p.arm,
    p.principal,
    JSON.stringify(p.inputs ?? null),
    JSON.stringify(p.prediction),
    p.probabilities === null ? null : JSON.stringify(p.probabilities),
    p.latencyMs,
    p.timestamp,
  );
}

function toRecord(row: Selectable<Row>): PredictionRecord {
  const probabilities = row.probabilities === null ? undefined : (JSON.parse(row.probabilities) as number[]);
  return {
    id: Number(row.id),
    requestId: row.request_id,
    index: Number(row.item_index),
    modelName: row.model_name,
    modelVersion: Number(row.model_version),
    alias: row.alias,
    arm: row.arm as PredictionArm,
    principal: row.principal,
    inputs: JSON.parse(row.inputs),
    outputs: {
      prediction: JSON.parse(row.prediction) as number | string,
      ...(probabilities ? { probabilities } : {}),
    },
    latencyMs: Number(row.latency_ms),
    timestamp: new Date(Number(row.ts)),
    feedbackLabel: row.feedback_label === null ? null : (JSON.parse(row.feedback_label) as number | string),
    feedbackAt: row.feedback_at === null ? null : new Date(Number(row.feedback_at)),
  };
}

/** The filter as SQL conditions. */
function where(eb: Eb, filter: PredictionFilter) {
  const conditions = [];
  if (filter.model !== undefined) conditions.push(eb("model_name", "=", filter.model));
  if (filter.version !== undefined) conditions.push(eb("model_version", "=", filter.version));
  if (filter.from !== undefined) conditions.push(eb("ts", ">=", filter.from));
  if (filter.to !== undefined) conditions.push(eb("ts", "<", filter.to));
  return eb.and(conditions);
}

/**
 * The prediction log in SQL (SQLite or PostgreSQL): multi-row inserts, keyset pages in (timestamp, id) order,
 * ground truth attached by request id, live metrics per version, retention in bounded deletes.
 */
export class PredictionLogRepository {
  private readonly db: Kysely<PredictionLogTables>;
  private readonly postgres: boolean;
  /** INSERT texts by row count: the log writes the same few sizes over and over. */
  private readonly insertSql = new Map<number, string>();

  constructor(database: Database) {
    this.db = database.db.withTables<PredictionLogTables>() as unknown as Kysely<PredictionLogTables>;
    this.postgres = database.dialect === "postgres";
  }

  /**
   * The multi-row INSERT of `n` rows. Written here rather than through the query builder, which spends more time
   * building a 1 000-row statement (13 000 parameters) than SQLite spends running it; the text is cached per size.
   */
  private insertText(n: number): string {
    let text = this.insertSql.get(n);
    if (text === undefined) {
      const width = INSERT_COLUMNS.length;
      const rows = new Array<string>(n);
      for (let r = 0; r < n; r++) {
        const cells = new Array<string>(width);
        for (let c = 0; c < width; c++) cells[c] = this.postgres ? `$${r * width + c + 1}` : "?";
        rows[r] = `(${cells.join(", ")})`;
      }
      text = `insert into prediction_log (${INSERT_COLUMNS.join(", ")}) values ${rows.join(", ")}`;
      if (this.insertSql.size > 64) this.insertSql.clear();
      this.insertSql.set(n, text);
    }
    return text;
  }

  private insertQuery(predictions: readonly NewPrediction[]): CompiledQuery {
    const values: unknown[] = [];
    for (const p of predictions) pushValues(values, p);
    return CompiledQuery.raw(this.insertText(predictions.length), values);
  }

  /** Inserts predictions, INSERT_CHUNK rows a statement, all in one transaction. */
  async insert(predictions: readonly NewPrediction[]): Promise<void> {
    if (predictions.length === 0) return;
    if (predictions.length <= INSERT_CHUNK) {
      await this.db.executeQuery(this.insertQuery(predictions));
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < predictions.length; i += INSERT_CHUNK)
        await trx.executeQuery(this.insertQuery(predictions.slice(i, i + INSERT_CHUNK)));
    });
  }

  /** One page of logged predictions in (timestamp, id) order. */
  async list(filter: PredictionFilter, pageSize: number, pageToken?: string): Promise<PredictionPage> {
    const after = pageToken === undefined ? undefined : decodeLogPosition(pageToken);
    const rows = await this.db
      .selectFrom("prediction_log")
      .selectAll()
      .where((eb) => where(eb, filter))
      .$if(after !== undefined, (q) => q.where((eb) => eb(eb.refTuple("ts", "id"), ">", eb.tuple(after!.t, after!.i))))
      .orderBy("ts")
      .orderBy("id")
      .limit(pageSize + 1)
      .execute();
    const items = rows.slice(0, pageSize).map(toRecord);
    if (rows.length <= pageSize) return { items };
    const last = items[items.length - 1]!;
    return { items, nextPageToken: encodeLogPosition({ t: last.timestamp.getTime(), i: last.id }) };
  }

  /** How many predictions match a filter. */
  async count(filter: PredictionFilter = {}): Promise<number> {
    const row = await this.db
      .selectFrom("prediction_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where((eb) => where(eb, filter))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Attaches a label to the predictions of a request (every arm), at one record index or, when the request had a
   * single record, that one. Answers how many rows got it; NOT_FOUND when the request was not logged.
   */
  async attachFeedback(requestId: string, index: number | undefined, label: number | string, at: number) {
    const items = await this.db
      .selectFrom("prediction_log")
      .select(["item_index", "prediction", "probabilities"])
      .where("request_id", "=", requestId)
      .execute();
    if (items.length === 0) throw new AppError("NOT_FOUND", `No logged prediction has request id ${requestId}`);
    const indices = new Set(items.map((r) => Number(r.item_index)));
    if (index === undefined && indices.size > 1)
      throw new AppError("INVALID_INPUT", `Request ${requestId} predicted ${indices.size} records: give the index`, [
        { field: "index", reason: `is required: the request had ${indices.size} records (0 to ${indices.size - 1})` },
      ]);
    const target = index ?? [...indices][0]!;
    if (!indices.has(target))
      throw new AppError("NOT_FOUND", `Request ${requestId} has no record ${target}`, [
        { field: "index", reason: `must be one of the request's record indices (0 to ${indices.size - 1})` },
      ]);
    if (typeof label === "string" && items.some((r) => isRegression(r.prediction, r.probabilities)))
      throw new AppError("INVALID_INPUT", "A regression model's label must be a number", [
        { field: "label", reason: "must be a number: the model predicted a number without class probabilities" },
      ]);
    const result = await this.db
      .updateTable("prediction_log")
      .set({ feedback_label: JSON.stringify(label), feedback_at: at })
      .where("request_id", "=", requestId)
      .where("item_index", "=", target)
      .executeTakeFirst();
    return { index: target, updated: Number(result.numUpdatedRows) };
  }

  /**
   * Per version of a model: predictions, labelled ones, and accuracy (classifiers: logged with probabilities or
   * predicting text) or mean absolute error (regressors).
   */
  async liveMetrics(model: string): Promise<VersionLiveMetrics[]> {
    const counts = await this.db
      .selectFrom("prediction_log")
      .select((eb) => [
        "model_version",
        eb.fn.countAll<number>().as("n"),
        eb.fn.count<number>("feedback_label").as("labelled"),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb("feedback_label", "is not", null), eb("feedback_label", "=", eb.ref("prediction"))]))
              .then(1)
              .else(0)
              .end(),
          )
          .as("correct"),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.or([eb("probabilities", "is not", null), eb("prediction", "like", '"%')]))
              .then(1)
              .else(0)
              .end(),
          )
          .as("classified"),
      ])
      .where("model_name", "=", model)
      .groupBy("model_version")
      .orderBy("model_version")
      .execute();
    // Regressors: mean absolute error over numeric predictions and labels (text ones never reach the cast).
    const errors = await this.db
      .selectFrom("prediction_log")
      .select([
        "model_version",
        sql<number>`avg(abs(cast(prediction as double precision) - cast(feedback_label as double precision)))`.as(
          "mae",
        ),
      ])
      .where("model_name", "=", model)
      .where("feedback_label", "is not", null)
      .where("probabilities", "is", null)
      .where("prediction", "not like", '"%')
      .where("feedback_label", "not like", '"%')
      .groupBy("model_version")
      .execute();
    const mae = new Map(errors.map((e) => [Number(e.model_version), Number(e.mae)]));
    return counts.map((c) => {
      const labelled = Number(c.labelled);
      const out = { version: Number(c.model_version), predictions: Number(c.n), labelled };
      if (labelled === 0) return out;
      if (Number(c.classified) > 0) return { ...out, accuracy: Number(c.correct) / labelled };
      return mae.has(out.version) ? { ...out, mae: mae.get(out.version)! } : out;
    });
  }

  /** Deletes at most `limit` predictions older than `before` (epoch ms), oldest first; answers how many. */
  async deleteOlderThan(before: number, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom("prediction_log")
      .where("id", "in", (eb) =>
        eb.selectFrom("prediction_log").select("id").where("ts", "<", before).orderBy("ts").limit(limit),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** A logged prediction is a regressor's when it is a number without class probabilities. */
function isRegression(prediction: string, probabilities: string | null): boolean {
  return probabilities === null && !prediction.startsWith('"');
}
