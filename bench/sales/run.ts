/**
 * The sales service under the course's load mix (50% post_sales with small lists, 25% get_raw_sales, 25%
 * get_monthly_sales) with the full td1 weekly_sales.csv loaded, against Atelier on SQLite and on PostgreSQL, and
 * the same three routes in Flask and FastAPI (Debian's python3-flask / python3-fastapi) measured in the same run.
 * Load comes from wrk in a separate process on loopback. `npm run bench:sales`; writes its section of
 * docs/benchmarks.md.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseCsv } from "../../src/data/index.js";
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
const MIX = join(ROOT, "bench/sales/mix.lua");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
// Two loads: 20 connections (the server near saturation, latency still short) and 50 (past it: the closed loop queues
// requests, so the tail grows while throughput stays).
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "20,50").split(",").map(Number);

const rows = parseCsv(readFileSync(join(ROOT, "data/td1_sales/weekly_sales.csv"), "utf8")).records.map((r) => ({
  year_week: Number(r.year_week),
  vegetable: r.vegetable,
  sales: Number(r.sales),
}));

interface Target {
  readonly name: string;
  start(port: number, dir: string): Promise<() => Promise<void>>;
}

function atelier(
  name: string,
  databaseUrl: (dir: string) => Promise<{ url: string; stop: () => Promise<void> }>,
): Target {
  return {
    name,
    async start(port, dir) {
      const db = await databaseUrl(dir);
      const child = startProcess(process.execPath, [join(ROOT, "dist/main.js"), "serve", "--port", String(port)], {
        DATA_DIR: dir,
        DATABASE_URL: db.url,
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
      });
      await waitForHttp(`http://127.0.0.1:${port}/health`);
      return async () => {
        await stopProcess(child);
        await db.stop();
      };
    },
  };
}

function python(name: string, script: string): Target {
  return {
    name,
    async start(port, dir) {
      const child = startProcess(
        "/usr/bin/python3",
        [script, String(port), join(dir, "ref.db")],
        {},
        join(ROOT, "bench/sales/reference"),
      );
      await waitForHttp(`http://127.0.0.1:${port}/get_raw_sales`);
      return () => stopProcess(child);
    },
  };
}

const targets: Target[] = [
  atelier("Atelier, SQLite store", async (dir) => ({ url: `sqlite:${join(dir, "atelier.db")}`, stop: async () => {} })),
  atelier("Atelier, PostgreSQL store", () => startPostgres()),
  python("Flask 2.2 (threaded server), SQLite", "flask_app.py"),
  python("FastAPI 0.92 + uvicorn (1 worker), SQLite", "fastapi_app.py"),
];

async function load(base: string): Promise<void> {
  await fetch(`${base}/init_database`, { method: "POST" });
  for (let i = 0; i < rows.length; i += 100) {
    const res = await fetch(`${base}/post_sales`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(rows.slice(i, i + 100)),
    });
    if (res.status !== 200) throw new Error(`loading failed: ${res.status} ${await res.text()}`);
  }
  const raw = (await (await fetch(`${base}/get_raw_sales`)).json()) as unknown[];
  if (raw.length !== rows.length) throw new Error(`expected ${rows.length} raw rows after loading, got ${raw.length}`);
}

const LOAD_BEFORE = loadavg()[0]!.toFixed(2);
const results: { name: string; connections: number; r: WrkResult }[] = [];
for (const target of targets) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "atelier-bench-sales-"));
  process.stderr.write(`== ${target.name}\n`);
  const stop = await target.start(port, dir);
  try {
    const base = `http://127.0.0.1:${port}`;
    await load(base);
    await runWrk(base, MIX, { connections: CONNECTIONS[0]!, seconds: 3 });
    for (const connections of CONNECTIONS) {
      await load(base);
      const r = await runWrk(base, MIX, { connections, seconds: SECONDS });
      process.stderr.write(`${connections} connections: ${JSON.stringify(r)}\n`);
      results.push({ name: target.name, connections, r });
    }
  } finally {
    await stop();
  }
}

const oursAt = (connections: number) => results.find((x) => x.connections === connections)!.r;
const table = markdownTable(
  ["server", "connections", "req/s", "p50 ms", "p90 ms", "p99 ms", "errors", "Atelier SQLite ÷ this"],
  results.map(({ name, connections, r }) => [
    name,
    connections,
    r.rps.toFixed(0),
    r.p50_ms.toFixed(2),
    r.p90_ms.toFixed(2),
    r.p99_ms.toFixed(2),
    r.socket_errors + r.non_2xx,
    `${(oursAt(connections).rps / r.rps).toFixed(1)}×`,
  ]),
);
writeSection(
  "sales",
  "Sales data service: the course's load mix",
  `Measured ${today()} on ${machineDescription()}.

Load average before the run: ${LOAD_BEFORE}. Mix per wrk connection: 50% \`POST /post_sales\` (3 rows of existing weeks with new sales, so every post changes
the data), 25% \`GET /get_raw_sales\` (all ${rows.length} rows of td1 weekly_sales.csv), 25% \`GET /get_monthly_sales\`
(half with remove_outliers=true). wrk 1 thread, ${CONNECTIONS.join(" and ")} connections, ${SECONDS} s after a 3 s warm-up, on
loopback; the server and wrk share the machine's 2 cores (wrk is closed-loop: each connection sends its next request
when the previous answer arrives, so past saturation more connections only lengthen the queue). Atelier runs from \`dist/\` with LOG_LEVEL=${process.env.BENCH_LOG_LEVEL ?? "info"}
(one JSON access-log line per request). The Python references (bench/sales/reference) implement the same
routes minimally, recomputing reads per request like a typical course solution. "errors" counts socket errors and
non-2xx answers. Goal: ≥ 5 000 req/s with p99 < 50 ms and 0 errors on SQLite.

${table}
`,
);
process.stdout.write(`${table}\n`);
