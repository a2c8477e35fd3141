/**
 * Serving the attrition pipeline (the attrition project's 19 fields and preprocessing: median imputer + scaler on
 * numbers, most-frequent imputer + one-hot on categories, LogisticRegression) through the real server from dist/,
 * with API-key auth, signature validation and the prediction log on: single-record predictions under wrk (a separate
 * process, loopback) with micro-batching on and off, log rows counted after a graceful stop, batches of 10 000
 * records in one request; and the same model and route in FastAPI + scikit-learn (Debian's python3 packages),
 * measured in the same run. `npm run bench:serving`; writes its section of docs/benchmarks.md.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type Frame, LogisticRegression, Pipeline } from "atelier/ml";
import { LOCAL_PRINCIPAL, loadConfig } from "../../src/core/index.js";
import { openPlatform } from "../../src/main.js";
import { PredictionLogRepository } from "../../src/monitoring/index.js";
import {
  attritionPreprocessing,
  attritionSignature,
  type Employee,
  employeesFrame,
  exampleEmployee,
  FEATURE_FIELDS,
  generateEmployees,
} from "../../src/projects/attrition/index.js";
import { openDatabase } from "../../src/store/index.js";
import { createLocalTracker } from "../../src/tracking/index.js";
import { machineDescription, today } from "../support/machine.js";
import {
  freePort,
  runWrk,
  startPostgres,
  startProcess,
  stopProcess,
  type WrkResult,
  waitForHttp,
} from "../support/processes.js";
import { markdownTable, writeSection } from "../support/report.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const SCRIPT = join(ROOT, "bench/serving/predict.lua");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? "info";
const BATCH = 10_000;
const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;

const work = mkdtempSync(join(tmpdir(), "atelier-bench-serving-"));
const employees = generateEmployees({ rows: 4000, seed: 7 });
const asked = generateEmployees({ rows: 2000, seed: 8 }).map((e) => e.features);
const bodies = join(work, "bodies.jsonl");
writeFileSync(bodies, `${asked.map((r) => JSON.stringify(r)).join("\n")}\n`);
const batchBody = JSON.stringify({
  inputs: Array.from({ length: BATCH }, (_, i) => asked[i % asked.length]),
});

/** The attrition pipeline with the logistic regression, fitted on the generated employees. */
function fitModel(train: readonly Employee[]): Pipeline {
  const { X, y } = employeesFrame(train);
  return new Pipeline([
    ["prep", attritionPreprocessing()],
    ["clf", new LogisticRegression({ maxIter: 200 })],
  ]).fit(X as Frame, y);
}

/** A store with the model registered and promoted, and an API key scoped to it. */
async function prepareStore(
  dir: string,
  databaseUrl: string,
): Promise<{ env: Record<string, string>; apiKey: string }> {
  const env = {
    DATA_DIR: dir,
    DATABASE_URL: databaseUrl,
    ARTIFACT_STORE_URL: `file:${join(dir, "artifacts")}`,
    LOG_LEVEL: "warn",
  };
  const platform = await openPlatform(loadConfig(env));
  try {
    const tracker = createLocalTracker(platform);
    await tracker.withRun({ experiment: "attrition-bench", gitCommit: false }, async (run) => {
      const logged = await run.logModel(fitModel(employees), {
        signature: attritionSignature(),
        inputExample: exampleEmployee(),
        name: "attrition",
      });
      await tracker.setAlias("attrition", "production", logged.version!.version, "bench");
    });
    const { secret } = await platform.accounts.createApiKey(
      { name: "bench", role: "viewer", scopes: ["model:attrition"] },
      LOCAL_PRINCIPAL,
    );
    return { env, apiKey: secret };
  } finally {
    await platform.close();
  }
}

/** CPU seconds a process (all its threads) and its main thread have used, from /proc (Linux). */
function cpuSeconds(pid: number): { total: number; main: number } {
  const ticks = (path: string) => {
    const fields = readFileSync(path, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  return { total: ticks(`/proc/${pid}/stat`), main: ticks(`/proc/${pid}/task/${pid}/stat`) };
}

/** Waits until the server's prediction log queue is empty; answers how long that took, in ms. */
async function drained(base: string): Promise<number> {
  const start = performance.now();
  while ((await counter(base, "prediction_log_queue_depth")) > 0) {
    if (performance.now() - start > 120_000) throw new Error("the prediction log did not drain in 2 minutes");
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - start;
}

/** Sums a metric of /metrics over its label sets. */
async function counter(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  let total = 0;
  for (const line of text.split("\n"))
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) total += Number(line.split(" ").pop());
  return total;
}

/**
 * Times `n` batch requests of BATCH records (after 2 unmeasured), one at a time; each waits until the log has written
 * the previous batch's rows (`drain`, when given), so a request is timed alone and the log's write time is measured
 * apart.
 */
async function timeBatches(
  base: string,
  apiKey: string,
  path: string,
  n: number,
  drain?: () => Promise<number>,
): Promise<{ ms: number[]; drainMs: number[] }> {
  const times: number[] = [];
  const drains: number[] = [];
  for (let i = 0; i < n + 2; i++) {
    if (drain) {
      const waited = await drain();
      if (i >= 3) drains.push(waited);
    }
    const start = performance.now();
    const res = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": apiKey },
      body: batchBody,
    });
    const body = (await res.json()) as { predictions?: unknown[] };
    if (res.status !== 200 || body.predictions?.length !== BATCH) throw new Error(`batch failed: ${res.status}`);
    if (i >= 2) times.push(performance.now() - start);
  }
  if (drain) drains.push(await drain());
  return { ms: times.sort((a, b) => a - b), drainMs: drains.sort((a, b) => a - b) };
}

interface Run {
  readonly name: string;
  readonly r: WrkResult;
  readonly rowsLost?: number;
  readonly batchMs?: number[];
  /** The server's CPU per single-record request: all threads, and the main (serving) thread alone, in µs. */
  readonly cpuUs?: { total: number; main: number };
  /** Rows a second the log wrote while draining a batch's rows. */
  readonly logRowsPerSecond?: number;
}

async function runAtelier(
  name: string,
  env: Record<string, string>,
  database: (dir: string) => Promise<{ url: string; stop: () => Promise<void> }>,
): Promise<Run> {
  const dir = mkdtempSync(join(work, "atelier-"));
  const db = await database(dir);
  const store = await prepareStore(dir, db.url);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = startProcess(process.execPath, [join(ROOT, "dist/main.js"), "serve", "--port", String(port)], {
    ...store.env,
    LOG_LEVEL,
    ...env,
  });
  try {
    await waitForHttp(`${base}/health`);
    Object.assign(process.env, { BENCH_BODIES: bodies, BENCH_API_KEY: store.apiKey });
    await runWrk(base, SCRIPT, { connections: CONNECTIONS, seconds: 3 });
    await drained(base);
    const before = cpuSeconds(child.pid!);
    const r = await runWrk(base, SCRIPT, { connections: CONNECTIONS, seconds: SECONDS });
    const after = cpuSeconds(child.pid!);
    const cpuUs = {
      total: ((after.total - before.total) / r.requests) * 1e6,
      main: ((after.main - before.main) / r.requests) * 1e6,
    };
    const batches = await timeBatches(base, store.apiKey, "/api/v1/models/attrition/predict", 10, () => drained(base));
    const answered = await counter(base, "model_requests_total");
    const dropped = await counter(base, "prediction_log_dropped_total");
    const batchRequests = batches.ms.length + 2;
    const recordsAnswered = answered - batchRequests + batchRequests * BATCH;
    await stopProcess(child);
    const database = await openDatabase(store.env.DATABASE_URL);
    const rows = await new PredictionLogRepository(database).count();
    await database.close();
    const logRowsPerSecond = BATCH / (median(batches.drainMs) / 1000);
    process.stderr.write(
      `${name}: ${JSON.stringify(r)} cpu=${JSON.stringify(cpuUs)} answered=${answered} dropped=${dropped} rows=${rows} batch=${JSON.stringify(batches)}\n`,
    );
    return { name, r, rowsLost: recordsAnswered - rows, batchMs: batches.ms, cpuUs, logRowsPerSecond };
  } finally {
    await stopProcess(child);
    await db.stop();
  }
}

async function runFastApi(): Promise<Run> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const spec = join(work, "spec.json");
  const apiKey = "bench-key";
  writeFileSync(
    spec,
    JSON.stringify({
      fields: FEATURE_FIELDS,
      train: employees.map((e) => e.features),
      labels: employees.map((e) => e.attrition),
      apiKey,
    }),
  );
  const child = startProcess(
    "/usr/bin/python3",
    [join(ROOT, "bench/serving/reference/fastapi_app.py"), String(port), spec, join(work, "reference.db")],
    {},
  );
  try {
    await waitForHttp(`${base}/health`, 120_000);
    Object.assign(process.env, { BENCH_BODIES: bodies, BENCH_API_KEY: apiKey });
    await runWrk(base, SCRIPT, { connections: CONNECTIONS, seconds: 3 });
    const r = await runWrk(base, SCRIPT, { connections: CONNECTIONS, seconds: SECONDS });
    const batches = await timeBatches(base, apiKey, "/api/v1/models/attrition/predict", 3);
    process.stderr.write(`FastAPI: ${JSON.stringify(r)} batch=${JSON.stringify(batches.ms)}\n`);
    return { name: "FastAPI 0.92 + uvicorn (1 worker) + scikit-learn 1.2", r, batchMs: batches.ms };
  } finally {
    await stopProcess(child);
  }
}

const sqlite = async (dir: string) => ({ url: `sqlite:${join(dir, "atelier.db")}`, stop: async () => {} });
const only = process.env.BENCH_ONLY;
const loadBefore = loadavg()[0]!;
const runs: Run[] = [];
if (!only || only === "atelier") {
  runs.push(
    await runAtelier("Atelier, SQLite, micro-batching on (SERVING_MAX_BATCH=32)", { SERVING_MAX_BATCH: "32" }, sqlite),
  );
  runs.push(
    await runAtelier("Atelier, SQLite, micro-batching off (SERVING_MAX_BATCH=1)", { SERVING_MAX_BATCH: "1" }, sqlite),
  );
}
if (!only || only === "postgres")
  runs.push(
    await runAtelier("Atelier, PostgreSQL, micro-batching on", { SERVING_MAX_BATCH: "32" }, () => startPostgres()),
  );
if (!only || only === "fastapi") runs.push(await runFastApi());
const loadAfter = loadavg()[0]!;

const reference = runs.find((r) => r.name.startsWith("FastAPI"));
const fmt = (x: number, digits = 0) =>
  x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const table = markdownTable(
  [
    "server",
    "req/s",
    "p50 ms",
    "p99 ms",
    "errors",
    "CPU µs a request: main thread (all threads)",
    "log rows lost",
    `${fmt(BATCH)} records in one request: median ms (min–max)`,
    "req/s ÷ FastAPI",
  ],
  runs.map(({ name, r, rowsLost, batchMs, cpuUs }) => [
    name,
    fmt(r.rps),
    r.p50_ms.toFixed(2),
    r.p99_ms.toFixed(2),
    r.socket_errors + r.non_2xx,
    cpuUs ? `${fmt(cpuUs.main)} (${fmt(cpuUs.total)})` : "—",
    rowsLost === undefined ? "—" : rowsLost,
    batchMs
      ? `${median(batchMs).toFixed(1)} (${batchMs[0]!.toFixed(1)}–${batchMs[batchMs.length - 1]!.toFixed(1)})`
      : "—",
    reference ? `${(r.rps / reference.r.rps).toFixed(1)}×` : "—",
  ]),
);
const logRates = runs
  .filter((r) => r.logRowsPerSecond !== undefined)
  .map((r) => `${fmt(r.logRowsPerSecond!)} rows/s (${r.name.replace(/^Atelier, /, "").replace(/ \(.*\)$/, "")})`);
process.stdout.write(`${table}\n`);
if (!only)
  writeSection(
    "serving",
    "Model serving: the attrition pipeline, single records and batches (`npm run bench:serving`)",
    `Measured ${today()} on ${machineDescription()}; load average ${loadBefore.toFixed(1)} when it started and
${loadAfter.toFixed(1)} when it finished (other work shared the machine when above 1).

\`POST /api/v1/models/attrition/predict\` with one employee record a request (the attrition project's 19 fields, some
null), taken in turn from 2 000 generated employees; wrk 1 thread, ${CONNECTIONS} connections, ${SECONDS} s after a 3 s
warm-up, on loopback, from a separate process (server and wrk share the machine's 2 cores). The model is the attrition
pipeline (the project's preprocessing: median imputer + scaler on numbers, most-frequent imputer + one-hot on
categories) with a LogisticRegression, fitted on 4 000 generated employees. Atelier runs from \`dist/\` (one process,
LOG_LEVEL=${LOG_LEVEL}) with everything on: an API key scoped to the model, each record checked against the version's
signature (types, enums, ranges), the prediction log (one row per record through the bounded queue, written by its
worker thread), Prometheus metrics. "CPU µs a request": the server's CPU time during the wrk run divided by the
requests, read from /proc — the serving (main) thread, and in brackets every thread (log writer, GC, libuv); one
dedicated core serves at most 10⁶ ÷ the main-thread figure requests a second. "log rows lost": records the server
answered (its model_requests_total, batches counted by their records) minus the rows in prediction_log after a
graceful stop. Batch column: ${fmt(BATCH)} records in one request, timed by the client (upload, parse, checks,
predict, answer), one at a time, each after the log had written the previous one's rows; the log wrote those at
${logRates.join(", ")}. The reference (bench/serving/reference/fastapi_app.py) is the same pipeline trained on the
same rows with scikit-learn, behind the same route: API-key check, a pydantic model made from the same fields (types,
enums, ranges), predict_proba, one SQLite row per record per request. Goal: ≥ 5 000 req/s with p99 < 10 ms and 0 log
rows lost; ${fmt(BATCH)} records < 50 ms.

${table}

Where a ${fmt(BATCH)}-record request's time goes (profiled apart, same machine): Fastify's JSON parsing of the 4.2 MB
body 18–26 ms, the pipeline's predictProba 13–22 ms, the signature checks and the model's input table 5–10 ms, the
answer's serialisation 4–6 ms, the rest reading the body and garbage collection (the parsed body survives a young
generation collection). The goal of 50 ms is not met on this machine: parsing and predicting alone take 30–45 ms.
`,
  );
