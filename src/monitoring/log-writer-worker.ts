import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../store/index.js";
import { PredictionLogRepository } from "./prediction-log-repository.js";
import { type LoggedRequest, rowsOf } from "./prediction-record.js";

/**
 * The prediction log's writer thread: its own connection to the store, one transaction per message. The serving
 * thread only hands rows over; serialising them to JSON and the INSERT (better-sqlite3 is synchronous) happen here.
 */
type Message = { id: number; type: "insert"; requests: LoggedRequest[] } | { id: number; type: "close" };

const port = parentPort!;
const opened = openDatabase((workerData as { url: string }).url, { poolSize: 2 }).then((database) => ({
  database,
  repository: new PredictionLogRepository(database),
}));
// A failed open is reported by each call (the log keeps its rows and retries), not by an unhandled rejection.
opened.catch(() => {});

port.on("message", async (message: Message) => {
  try {
    const { database, repository } = await opened;
    if (message.type === "insert") await repository.insert(message.requests.flatMap(rowsOf));
    else await database.close();
    port.postMessage({ id: message.id, ok: true });
    if (message.type === "close") port.close();
  } catch (error) {
    port.postMessage({ id: message.id, ok: false, message: (error as Error).message });
  }
});
