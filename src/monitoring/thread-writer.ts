import { Worker } from "node:worker_threads";
import type { LogWriter } from "./log-writer.js";
import type { LoggedRequest } from "./prediction-record.js";

interface Pending {
  resolve(): void;
  reject(error: Error): void;
}

/** The worker entry, with a tsx bootstrap when running from the TypeScript sources (tests). */
function startWorker(url: string): Worker {
  const ts = import.meta.url.endsWith(".ts");
  const entry = new URL(ts ? "./log-writer-worker.ts" : "./log-writer-worker.js", import.meta.url);
  if (!ts) return new Worker(entry, { workerData: { url } });
  // tsx registers its hooks only on the main thread on Node 20: register inside the worker, then load the entry.
  const api = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, workerData: { url }, execArgv: [] });
}

/**
 * A writer thread for the prediction log: rows are posted to a worker that owns a second connection to the store,
 * so the JSON encoding and the INSERTs (synchronous with better-sqlite3) never hold the serving thread. A worker
 * that dies is replaced on the next write; its unanswered writes reject (the log keeps those rows and retries).
 */
export class ThreadWriter implements LogWriter {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(
    private readonly url: string,
    readonly chunk: number,
  ) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.url);
    worker.unref();
    worker.on("message", (m: { id: number; ok: boolean; message?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve();
      else p.reject(new Error(m.message ?? "prediction log write failed"));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`prediction log writer exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private call(message: { type: "insert"; requests: readonly LoggedRequest[] } | { type: "close" }): Promise<void> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  }

  insert(requests: readonly LoggedRequest[]): Promise<void> {
    return this.call({ type: "insert", requests });
  }

  /** Closes the worker's connection and ends the thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    try {
      // A connection that never opened has nothing to close.
      await this.call({ type: "close" }).catch(() => {});
    } finally {
      this.worker = undefined;
      await worker.terminate();
    }
  }
}
