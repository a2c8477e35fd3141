import { type Clock, type Logger, systemClock } from "../core/index.js";
import { csvField } from "../data/index.js";
import type { Database } from "../store/index.js";
import { inlineWriter, type LogWriter } from "./log-writer.js";
import { INSERT_CHUNK, PredictionLogRepository, type PredictionPage } from "./prediction-log-repository.js";
import {
  type LoggedRequest,
  type PredictionFilter,
  type PredictionRecord,
  sliceRequest,
  type VersionLiveMetrics,
} from "./prediction-record.js";
import { RowQueue } from "./row-queue.js";
import { ThreadWriter } from "./thread-writer.js";

/** How the prediction log queues, writes and expires rows. */
export interface PredictionLogOptions {
  /** Most rows waiting to be written (PREDICTION_LOG_QUEUE, default 50 000); beyond it rows are dropped and counted. */
  readonly capacity?: number;
  /** Write what is queued at least this often, in ms (default 50). */
  readonly flushMs?: number;
  /** Write at once when this many rows wait (default 1 000, also the rows of one INSERT and one transaction). */
  readonly flushRows?: number;
  /**
   * "thread" (the default for stores on disk or a server): a worker thread with its own connection writes, so
   * encoding and INSERTs never hold the serving thread; "inline": this thread writes (the default for sqlite::memory:,
   * which another connection cannot see).
   */
  readonly writer?: "inline" | "thread";
  /** Delete rows older than this many days (PREDICTION_RETENTION_DAYS; 0, the default, keeps them forever). */
  readonly retentionDays?: number;
  /** Rows deleted by one retention statement (default 5 000), so a purge never holds the store for long. */
  readonly retentionBatch?: number;
  /** How often retention runs, in ms (default 60 000). */
  readonly retentionEveryMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

const DAY_MS = 86_400_000;

/** Default and largest page of GET /api/v1/predictions. */
export const PREDICTION_PAGE = { default: 100, max: 1000 } as const;

/** Columns of the CSV export, in order. */
export const PREDICTION_CSV_COLUMNS = [
  "id",
  "timestamp",
  "request_id",
  "index",
  "model",
  "version",
  "alias",
  "arm",
  "principal",
  "latency_ms",
  "prediction",
  "probabilities",
  "inputs",
  "feedback_label",
  "feedback_at",
] as const;

function csvLine(r: PredictionRecord): string {
  const cells = [
    r.id,
    r.timestamp.toISOString(),
    r.requestId,
    r.index,
    r.modelName,
    r.modelVersion,
    r.alias,
    r.arm,
    r.principal,
    r.latencyMs,
    r.outputs.prediction,
    r.outputs.probabilities ? JSON.stringify(r.outputs.probabilities) : null,
    JSON.stringify(r.inputs),
    r.feedbackLabel,
    r.feedbackAt?.toISOString(),
  ];
  return cells.map(csvField).join(",");
}

/**
 * The write side of the prediction log: serving calls `record` (synchronous, never throws, never waits); rows wait
 * in a bounded in-memory queue and are written off the request path in multi-row INSERTs, every `flushMs` or as
 * soon as `flushRows` wait. A full queue drops the new rows and counts them. `close` writes what is left.
 */
export class PredictionLog {
  readonly repository: PredictionLogRepository;
  private readonly writer: LogWriter;
  private readonly queue = new RowQueue();
  private inFlight = 0;
  private flushing: Promise<void> | undefined;
  private flushSoon = false;
  private closed = false;
  private readonly capacity: number;
  private readonly flushRows: number;
  private readonly timer: NodeJS.Timeout;
  private readonly retentionTimer: NodeJS.Timeout | undefined;
  private retentionRunning: Promise<number> | undefined;
  private droppedFull = 0;
  private droppedError = 0;
  private writtenRows = 0;

  constructor(
    database: Database,
    private readonly options: PredictionLogOptions = {},
  ) {
    this.repository = new PredictionLogRepository(database);
    const inMemory = database.url.endsWith(":memory:");
    this.writer =
      (options.writer ?? (inMemory ? "inline" : "thread")) === "thread"
        ? new ThreadWriter(database.url, INSERT_CHUNK)
        : inlineWriter(this.repository, INSERT_CHUNK);
    this.capacity = options.capacity ?? 50_000;
    this.flushRows = Math.min(options.flushRows ?? this.writer.chunk, this.writer.chunk);
    this.timer = setInterval(() => this.startFlush(), options.flushMs ?? 50);
    this.timer.unref();
    if ((options.retentionDays ?? 0) > 0) {
      this.retentionTimer = setInterval(() => void this.applyRetention(), options.retentionEveryMs ?? 60_000);
      this.retentionTimer.unref();
    }
  }

  /** Rows waiting to be written (queued and being written). */
  get depth(): number {
    return this.queue.rows + this.inFlight;
  }

  /** Rows dropped because the queue was full, or because the store refused them at shutdown. */
  get dropped(): { readonly full: number; readonly error: number } {
    return { full: this.droppedFull, error: this.droppedError };
  }

  /** Rows written so far by this process. */
  get written(): number {
    return this.writtenRows;
  }

  /**
   * Queues the predictions of one request (one row per record); answers how many rows were queued: all of them, or
   * as many as the queue had room for (the others dropped and counted), none once closed.
   */
  record(request: LoggedRequest): number {
    const n = request.inputs.length;
    const room = this.closed ? 0 : Math.max(0, this.capacity - this.queue.rows - this.inFlight);
    if (room < n) {
      this.droppedFull += n - room;
      if (room === 0) return 0;
      request = sliceRequest(request, 0, room);
    }
    this.queue.push(request);
    if (this.queue.rows >= this.flushRows && !this.flushSoon) {
      // Not now: the caller is answering a request. Right after this turn of the event loop.
      this.flushSoon = true;
      setImmediate(() => {
        this.flushSoon = false;
        this.startFlush();
      });
    }
    return request.inputs.length;
  }

  private startFlush(): void {
    if (this.flushing === undefined && this.queue.rows > 0) this.flushing = this.drain();
  }

  /** Writes queued rows, INSERT_CHUNK at a time, until the queue is empty or the store fails. */
  private async drain(): Promise<void> {
    try {
      while (this.queue.rows > 0) {
        const batch = this.queue.take(this.flushRows);
        const rows = batch.reduce((n, r) => n + r.inputs.length, 0);
        this.inFlight = rows;
        try {
          await this.writer.insert(batch);
          this.writtenRows += rows;
        } catch (error) {
          this.options.logger?.warn({ err: error, rows }, "prediction log write failed; will retry");
          // Back at the front (new rows may have taken the room meanwhile; the capacity is exceeded at most by
          // what was being written); the next tick retries.
          this.inFlight = 0;
          this.queue.unshift(batch);
          return;
        } finally {
          this.inFlight = 0;
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /** Resolves once every row queued before the call is written (or its write failed). */
  async flush(): Promise<void> {
    for (let attempt = 0; attempt < 3 && (this.queue.rows > 0 || this.flushing); attempt++) {
      if (this.flushing) await this.flushing;
      this.startFlush();
      if (this.flushing) await this.flushing;
    }
  }

  /** One page of logged predictions, oldest first (what was queued before the call included). */
  async list(filter: PredictionFilter, page: { pageSize?: number; pageToken?: string } = {}): Promise<PredictionPage> {
    await this.flush();
    return this.repository.list(filter, page.pageSize ?? PREDICTION_PAGE.default, page.pageToken);
  }

  /** How many predictions match a filter (what was queued before the call included). */
  async count(filter: PredictionFilter = {}): Promise<number> {
    await this.flush();
    return this.repository.count(filter);
  }

  /** The matching predictions as CSV text, a header then chunks of lines, read a page at a time. */
  async *exportCsv(filter: PredictionFilter): AsyncGenerator<string> {
    await this.flush();
    yield `${PREDICTION_CSV_COLUMNS.join(",")}\n`;
    let token: string | undefined;
    do {
      const page = await this.repository.list(filter, PREDICTION_PAGE.max, token);
      if (page.items.length > 0) yield `${page.items.map(csvLine).join("\n")}\n`;
      token = page.nextPageToken;
    } while (token !== undefined);
  }

  /** Attaches ground truth to a logged request's record (its only one when `index` is absent), every arm. */
  async attachFeedback(
    requestId: string,
    label: number | string,
    index?: number,
  ): Promise<{ requestId: string; index: number; updated: number; at: Date }> {
    await this.flush();
    const at = (this.options.clock ?? systemClock).now();
    const done = await this.repository.attachFeedback(requestId, index, label, at.getTime());
    return { requestId, ...done, at };
  }

  /** Predictions, labelled ones and accuracy or MAE per version of a model. */
  async liveMetrics(model: string): Promise<VersionLiveMetrics[]> {
    await this.flush();
    return this.repository.liveMetrics(model);
  }

  /** Deletes rows past the retention period in bounded statements; answers how many. */
  applyRetention(): Promise<number> {
    const days = this.options.retentionDays ?? 0;
    if (days <= 0) return Promise.resolve(0);
    this.retentionRunning ??= (async () => {
      const before = (this.options.clock ?? systemClock).now().getTime() - days * DAY_MS;
      const batch = this.options.retentionBatch ?? 5000;
      let total = 0;
      try {
        for (;;) {
          const n = await this.repository.deleteOlderThan(before, batch);
          total += n;
          if (n < batch || this.closed) break;
          // Let requests through between statements.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (error) {
        this.options.logger?.warn({ err: error }, "prediction log retention failed");
      } finally {
        this.retentionRunning = undefined;
      }
      if (total > 0) this.options.logger?.info({ deleted: total, before }, "prediction log retention");
      return total;
    })();
    return this.retentionRunning;
  }

  /** Stops the timers and writes every queued row; rows recorded afterwards are dropped. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.closed = true;
    await this.flush();
    if (this.retentionRunning) await this.retentionRunning;
    if (this.queue.rows > 0) {
      this.options.logger?.error({ rows: this.queue.rows }, "prediction log rows lost at shutdown");
      this.droppedError += this.queue.clear();
    }
    await this.writer.close();
  }
}
