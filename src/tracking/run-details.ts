import type { Kysely } from "kysely";
import type { DatasetRef, LatestMetric, Run, RunStatus } from "./entities.js";
import type { TrackingTables } from "./tracking-tables.js";

export type RunRow = TrackingTables["tracking_runs"];

/** Runs with their params, tags, latest metrics and data sets, in the order of `rows`: four queries for any count. */
export async function loadRuns(db: Kysely<TrackingTables>, rows: readonly RunRow[]): Promise<Run[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [params, tags, metrics, datasets] = await Promise.all([
    db.selectFrom("tracking_params").select(["run_id", "key", "value"]).where("run_id", "in", ids).execute(),
    db.selectFrom("tracking_run_tags").select(["run_id", "key", "value"]).where("run_id", "in", ids).execute(),
    db
      .selectFrom("tracking_latest_metrics")
      .select(["run_id", "key", "value", "step", "ts"])
      .where("run_id", "in", ids)
      .execute(),
    db
      .selectFrom("tracking_run_datasets")
      .select(["run_id", "name", "digest", "source"])
      .where("run_id", "in", ids)
      .execute(),
  ]);
  const byRun = new Map(
    ids.map((id) => [
      id,
      {
        params: {} as Record<string, string>,
        tags: {} as Record<string, string>,
        metrics: {} as Record<string, LatestMetric>,
        datasets: [] as DatasetRef[],
      },
    ]),
  );
  // Keys sorted so entities (and JSON answers) list them in a stable order.
  for (const p of [...params].sort((a, b) => cmp(a.key, b.key))) byRun.get(p.run_id)!.params[p.key] = p.value;
  for (const t of [...tags].sort((a, b) => cmp(a.key, b.key))) byRun.get(t.run_id)!.tags[t.key] = t.value;
  for (const m of [...metrics].sort((a, b) => cmp(a.key, b.key)))
    byRun.get(m.run_id)!.metrics[m.key] = {
      value: Number(m.value),
      step: Number(m.step),
      timestamp: new Date(Number(m.ts)),
    };
  for (const d of [...datasets].sort((a, b) => cmp(a.name, b.name) || cmp(a.digest, b.digest)))
    byRun.get(d.run_id)!.datasets.push({ name: d.name, digest: d.digest, ...(d.source ? { source: d.source } : {}) });
  return rows.map((row) => {
    const details = byRun.get(row.id)!;
    return {
      id: row.id,
      experimentId: row.experiment_id,
      name: row.name,
      status: row.status as RunStatus,
      statusMessage: row.status_message,
      startTime: new Date(Number(row.start_time)),
      endTime: row.end_time === null ? null : new Date(Number(row.end_time)),
      parentRunId: row.parent_run_id,
      gitCommit: row.git_commit,
      createdBy: row.created_by,
      ...details,
    };
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
