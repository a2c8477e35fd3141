import type { PredictionLogRepository } from "./prediction-log-repository.js";
import { type LoggedRequest, rowsOf } from "./prediction-record.js";

/** Where the prediction log's queued rows are written: in this thread, or by a worker thread with its own connection. */
export interface LogWriter {
  /** Rows per call the writer prefers (one transaction each). */
  readonly chunk: number;
  /** Writes the requests' rows in one transaction: all of them, or none (then it rejects). */
  insert(requests: readonly LoggedRequest[]): Promise<void>;
  close(): Promise<void>;
}

/** Writes on the caller's thread through the repository (embedded in-memory stores, tests). */
export function inlineWriter(repository: PredictionLogRepository, chunk: number): LogWriter {
  return { chunk, insert: (requests) => repository.insert(requests.flatMap(rowsOf)), close: async () => {} };
}
