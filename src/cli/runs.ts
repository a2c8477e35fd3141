import type { Command } from "commander";
import type { Artifact, Run } from "../tracking/index.js";
import { EXIT_USAGE } from "./exit-codes.js";
import { formatTable } from "./local-accounts.js";
import {
  collect,
  formatNumber,
  formatTime,
  type OpenTracker,
  type Output,
  type TrackerTarget,
  trackerOptions,
  withTracker,
} from "./tracker-command.js";

const repeat = (value: string, previous: string[] = []) => [...previous, value];

/** Metrics in one cell: `r2=0.81 rmse=3.5`. */
const metricsCell = (run: Run) =>
  Object.entries(run.metrics)
    .map(([k, m]) => `${k}=${formatNumber(m.value)}`)
    .join(" ");

/** The side-by-side table of `runs compare`: one row per param and metric, one column per run. */
export function compareTable(runs: readonly Run[]): string[][] {
  const header = ["", ...runs.map((r) => `${r.name} (${r.id.slice(0, 8)})`)];
  const keys = (pick: (r: Run) => Record<string, unknown>) =>
    [...new Set(runs.flatMap((r) => Object.keys(pick(r))))].sort();
  const rows: string[][] = [header, ["status", ...runs.map((r) => r.status)]];
  for (const k of keys((r) => r.params)) rows.push([`param ${k}`, ...runs.map((r) => r.params[k] ?? "-")]);
  for (const k of keys((r) => r.metrics))
    rows.push([`metric ${k}`, ...runs.map((r) => (r.metrics[k] ? formatNumber(r.metrics[k].value) : "-"))]);
  for (const k of keys((r) => r.tags)) rows.push([`tag ${k}`, ...runs.map((r) => r.tags[k] ?? "-")]);
  return rows;
}

/** `atelier runs list|show|compare`: search runs, show one, compare several side by side. */
export function registerRunsCommand(program: Command, open: OpenTracker, out: Output = process.stdout): void {
  const runs = program.command("runs").description("experiment tracking: search, show and compare runs");

  trackerOptions(
    runs
      .command("list")
      .description("search runs (newest first unless --order-by)")
      .option("--experiment <name>", "an experiment name or id (repeatable; default: all)", repeat)
      .option("--filter <filter>", "e.g. \"metrics.r2 > 0.8 and params.alpha = '1'\"")
      .option("--order-by <key>", 'e.g. "metrics.r2 DESC" (repeatable)', repeat)
      .option("--limit <n>", "at most this many runs", (v) => Number.parseInt(v, 10), 50),
  ).action(async function (
    this: Command,
    opts: TrackerTarget & { experiment?: string[]; filter?: string; orderBy?: string[]; limit: number; json?: boolean },
  ) {
    if (!Number.isInteger(opts.limit) || opts.limit < 1)
      this.error("error: --limit must be a positive integer", { exitCode: EXIT_USAGE });
    const found = await withTracker(this, open, opts, (tracker) =>
      collect(
        (pageToken) =>
          tracker.searchRuns({
            ...(opts.experiment ? { experiments: opts.experiment } : {}),
            ...(opts.filter ? { filter: opts.filter } : {}),
            ...(opts.orderBy ? { orderBy: opts.orderBy } : {}),
            pageSize: Math.min(opts.limit, 1000),
            ...(pageToken ? { pageToken } : {}),
          }),
        opts.limit,
      ),
    );
    if (opts.json) {
      out.write(`${JSON.stringify(found)}\n`);
      return;
    }
    const row = (r: Run) => [r.id, r.name, r.status, formatTime(r.startTime), metricsCell(r)];
    out.write(
      `${found.length ? formatTable([["RUN", "NAME", "STATUS", "STARTED", "METRICS"], ...found.map(row)]) : "no runs match"}\n`,
    );
  });

  trackerOptions(
    runs.command("show").description("a run: params, metrics, tags, data sets, artifacts").argument("<run>", "run id"),
  ).action(async function (this: Command, id: string, opts: TrackerTarget & { json?: boolean }) {
    const { run, artifacts } = await withTracker(this, open, opts, async (tracker) => ({
      run: await tracker.getRun(id),
      artifacts: await collect((pageToken) =>
        tracker.listArtifacts(id, { pageSize: 1000, ...(pageToken ? { pageToken } : {}) }),
      ),
    }));
    if (opts.json) {
      out.write(`${JSON.stringify({ ...run, artifacts })}\n`);
      return;
    }
    const lines = [
      `run ${run.id} "${run.name}" ${run.status}${run.statusMessage ? ` (${run.statusMessage})` : ""}`,
      `experiment ${run.experimentId}, by ${run.createdBy}, ${formatTime(run.startTime)} → ${formatTime(run.endTime)}`,
      ...(run.parentRunId ? [`parent run ${run.parentRunId}`] : []),
      ...(run.gitCommit ? [`git commit ${run.gitCommit}`] : []),
    ];
    const section = (title: string, rows: string[][]) => (rows.length ? ["", `${title}:`, formatTable(rows)] : []);
    lines.push(
      ...section("params", Object.entries(run.params)),
      ...section(
        "metrics",
        Object.entries(run.metrics).map(([k, m]) => [
          k,
          formatNumber(m.value),
          `step ${m.step}`,
          formatTime(m.timestamp),
        ]),
      ),
      ...section("tags", Object.entries(run.tags)),
      ...section(
        "datasets",
        run.datasets.map((d) => [d.name, d.digest, d.source ?? ""]),
      ),
      ...section(
        "artifacts",
        artifacts.map((a: Artifact) => [a.path, `${a.size} B`, a.sha256.slice(0, 12)]),
      ),
    );
    out.write(`${lines.join("\n")}\n`);
  });

  trackerOptions(
    runs.command("compare").description("params and metrics of runs side by side").argument("<runs...>", "run ids"),
  ).action(async function (this: Command, ids: string[], opts: TrackerTarget & { json?: boolean }) {
    if (ids.length < 1) this.error("error: give at least one run id", { exitCode: EXIT_USAGE });
    const found = await withTracker(this, open, opts, (tracker) => Promise.all(ids.map((id) => tracker.getRun(id))));
    if (opts.json) {
      const table = compareTable(found);
      out.write(`${JSON.stringify({ runs: found, table })}\n`);
      return;
    }
    out.write(`${formatTable(compareTable(found))}\n`);
  });
}
