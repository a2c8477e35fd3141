import { availableParallelism } from "node:os";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { AppError } from "../../core/index.js";
import type { SavedModel } from "../estimator.js";
import type { CvPayload } from "./cv-payload.js";
import type { TaskResult } from "./fit-and-score.js";

/**
 * A pool of worker threads for cross-validation (the one place in src/ml that uses node:worker_threads and
 * node:os). The API is synchronous, like `fit`: the calling thread blocks on Atomics.wait while the workers run
 * (candidate × split) tasks, and collects their results with receiveMessageOnPort. Workers are kept between calls
 * (unref'ed, so they never keep the process alive) and load the whole library once.
 *
 * Messages to a worker: {type: "open", session, payload} (the data, once), {type: "run", session, batch,
 * candidates, nSplits, next} (tasks are claimed through the shared counter `next`), {type: "close", session}.
 * Messages from a worker: "ready", "fatal" (the worker is unusable), "sessionError" (this session's data or
 * workerModules did not load) and "result" per task; after each it bumps the shared `signal`.
 */

interface PoolWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  ready: boolean;
  dead: boolean;
}

type FromWorker =
  | { type: "ready" }
  | { type: "fatal"; message: string }
  | { type: "sessionError"; session: number; message: string }
  | { type: "result"; session: number; batch: number; task: number; result: TaskResult };

const signal = new Int32Array(new SharedArrayBuffer(4));
const workers: PoolWorker[] = [];
let insideWorker = false;
let nextSession = 1;
let nextBatch = 1;

/** How long to wait for a first worker to load the library before giving up. */
const STARTUP_TIMEOUT_MS = 120_000;

/** Called by the worker entry: searches run inside a worker stay in that thread (no nested pools). */
export function markInsideCvWorker(): void {
  insideWorker = true;
}

/** The number of worker threads for nJobs (-1: one per CPU, -2: all but one, ...), capped by the task count. */
export function resolveJobs(nJobs: number, tasks: number): number {
  if (!Number.isInteger(nJobs) || nJobs === 0) {
    throw new AppError("INVALID_INPUT", `nJobs must be a non-zero integer, got ${nJobs}`);
  }
  if (insideWorker) return 1;
  const cpus = availableParallelism();
  const n = nJobs < 0 ? Math.max(1, cpus + 1 + nJobs) : nJobs;
  return Math.max(1, Math.min(n, tasks));
}

function workerEntry(): { url: URL; ts: boolean } {
  const ts = import.meta.url.endsWith(".ts");
  return { url: new URL(ts ? "./cv-worker.ts" : "./cv-worker.js", import.meta.url), ts };
}

/**
 * Under TypeScript sources (vitest), the worker runs the .ts entry through tsx. tsx 4 registers its hooks only on
 * the main thread for Node < 22 (so `execArgv: ["--import", "tsx"]` alone loads nothing in a worker on Node 20):
 * a two-line bootstrap calls tsx's register() inside the worker, then imports the .ts entry.
 */
function spawn(): PoolWorker {
  const { url, ts } = workerEntry();
  const { port1, port2 } = new MessageChannel();
  const workerData = { port: port2, signal };
  let worker: Worker;
  if (ts) {
    const api = import.meta.resolve("tsx/esm/api");
    const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
    worker = new Worker(code, { eval: true, workerData, transferList: [port2], execArgv: [] });
  } else {
    worker = new Worker(url, { workerData, transferList: [port2] });
  }
  worker.unref();
  const pw: PoolWorker = { worker, port: port1, ready: false, dead: false };
  const drop = (): void => {
    pw.dead = true;
    const i = workers.indexOf(pw);
    if (i >= 0) workers.splice(i, 1);
  };
  worker.on("exit", drop);
  worker.on("error", drop);
  return pw;
}

function kill(pw: PoolWorker): void {
  pw.dead = true;
  const i = workers.indexOf(pw);
  if (i >= 0) workers.splice(i, 1);
  void pw.worker.terminate();
}

/** Stops every pooled worker (they are unref'ed anyway; this frees their memory now). */
export async function shutdownCvWorkers(): Promise<void> {
  const all = workers.splice(0);
  await Promise.all(all.map((pw) => pw.worker.terminate()));
}

/** A cross-validation's data opened on some workers; run() evaluates batches of candidates on it. */
export class CvWorkerSession {
  private readonly id = nextSession++;
  private readonly members: PoolWorker[];
  private closed = false;

  constructor(size: number, payload: CvPayload) {
    while (workers.filter((w) => !w.dead).length < size) workers.push(spawn());
    this.members = workers.filter((w) => !w.dead).slice(0, size);
    for (const w of this.members) w.port.postMessage({ type: "open", session: this.id, payload });
  }

  /**
   * Evaluates every (candidate, split) task — task t is candidate ⌊t / nSplits⌋ on split t % nSplits — and
   * returns the results in task order, whatever the worker that ran them. Blocks until all are done.
   */
  run(candidates: readonly SavedModel[], nSplits: number, onResult?: (task: number) => void): TaskResult[] {
    if (this.closed) throw new AppError("INTERNAL", "This cross-validation session is closed");
    const total = candidates.length * nSplits;
    const results = new Array<TaskResult | undefined>(total);
    if (total === 0) return [];
    const batch = nextBatch++;
    const next = new Int32Array(new SharedArrayBuffer(4));
    for (const w of this.members) {
      w.port.postMessage({ type: "run", session: this.id, batch, candidates, nSplits, next });
    }
    let received = 0;
    const started = Date.now();
    try {
      while (received < total) {
        const seen = Atomics.load(signal, 0);
        let got = false;
        for (const w of this.members) {
          for (let m = receiveMessageOnPort(w.port); m !== undefined; m = receiveMessageOnPort(w.port)) {
            got = true;
            const msg = m.message as FromWorker;
            if (msg.type === "ready") w.ready = true;
            else if (msg.type === "fatal") {
              kill(w);
              throw new AppError("INTERNAL", `A cross-validation worker failed: ${msg.message}`);
            } else if (msg.type === "sessionError") {
              if (msg.session === this.id) {
                throw new AppError(
                  "INVALID_INPUT",
                  `A cross-validation worker could not load the data: ${msg.message}`,
                );
              }
            } else if (msg.session === this.id && msg.batch === batch && results[msg.task] === undefined) {
              results[msg.task] = msg.result;
              received++;
              onResult?.(msg.task);
            }
          }
        }
        if (received >= total || got) continue;
        if (this.members.every((w) => w.dead)) throw new AppError("INTERNAL", "Every cross-validation worker exited");
        if (!this.members.some((w) => w.ready) && Date.now() - started > STARTUP_TIMEOUT_MS) {
          throw new AppError("INTERNAL", `No cross-validation worker started within ${STARTUP_TIMEOUT_MS / 1000} s`);
        }
        Atomics.wait(signal, 0, seen, 1000);
      }
    } catch (e) {
      // Leave no task to claim, so busy workers stop after their current one; workers that never started are
      // dropped so the next call spawns fresh ones.
      Atomics.store(next, 0, total);
      for (const w of this.members) if (!w.ready) kill(w);
      throw e;
    }
    return results as TaskResult[];
  }

  /** Releases the data held by the workers. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.members) if (!w.dead) w.port.postMessage({ type: "close", session: this.id });
  }
}
