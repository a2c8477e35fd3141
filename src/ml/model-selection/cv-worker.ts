import { type MessagePort, workerData } from "node:worker_threads";

/**
 * Entry of a cross-validation worker thread (see worker-pool.ts). Only node:worker_threads is imported statically:
 * the library is loaded by a dynamic import inside try/catch, so a failure to load is reported to the waiting
 * thread instead of leaving it blocked.
 */

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };

function send(message: unknown): void {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

process.on("uncaughtException", (e) => send({ type: "fatal", message: describeError(e) }));

let chain: Promise<void> = Promise.resolve();
const runner = import("./cv-task-runner.js").then((m) => m.createTaskRunner(send));

// Messages are handled one after the other, in arrival order, once the library is loaded.
port.on("message", (message: unknown) => {
  chain = chain
    .then(async () => (await runner).handle(message))
    .catch((e: unknown) => send({ type: "fatal", message: describeError(e) }));
});

runner.then(
  () => send({ type: "ready" }),
  (e: unknown) => send({ type: "fatal", message: describeError(e) }),
);
