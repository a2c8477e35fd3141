import type { Kysely } from "kysely";
import { SeededRandom } from "../../src/core/index.js";
import type { Database } from "../../src/store/index.js";

/** How the search benchmark's runs look: every run has METRICS metrics m0…m9 in [0, 1), 2 params and a tag. */
export const METRICS = 10;
export const ALPHAS = ["0.001", "0.01", "0.1", "0.3", "1", "3", "10", "30", "100", "1000"];
export const MODELS = ["ridge", "lasso", "forest", "boosting"];

type AnyDb = Kysely<any>;

/** Rows per INSERT, under SQLite's 32 766 bound parameters for the widest row (runs: 10 columns). */
const CHUNK = 3000;

async function insertAll(db: AnyDb, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/**
 * The bulk path: `runs` runs with their params, tag, latest metrics and a one-point history per metric, written with
 * multi-row INSERTs, 10 000 runs per transaction. Returns the experiment id.
 */
export async function seedRuns(database: Database, runs: number, progress: (done: number) => void): Promise<string> {
  const db = database.db;
  const random = new SeededRandom(42);
  const experimentId = "e".repeat(32);
  const t0 = Date.UTC(2026, 0, 1);
  await db
    .insertInto("tracking_experiments")
    .values({
      id: experimentId,
      name: "search-bench",
      description: "",
      tags: "{}",
      created_at: t0,
      updated_at: t0,
      deleted_at: null,
    })
    .execute();
  const BATCH = 10_000;
  for (let start = 0; start < runs; start += BATCH) {
    const n = Math.min(BATCH, runs - start);
    const runRows: Record<string, unknown>[] = [];
    const params: Record<string, unknown>[] = [];
    const tags: Record<string, unknown>[] = [];
    const latest: Record<string, unknown>[] = [];
    const history: Record<string, unknown>[] = [];
    for (let i = start; i < start + n; i++) {
      const id = i.toString(16).padStart(32, "0");
      const time = t0 + i * 1000;
      runRows.push({
        id,
        experiment_id: experimentId,
        name: `trial-${i}`,
        status: "FINISHED",
        status_message: null,
        start_time: time,
        end_time: time + 900,
        parent_run_id: null,
        git_commit: null,
        created_by: "bench",
      });
      params.push({ run_id: id, key: "alpha", value: ALPHAS[random.int(ALPHAS.length)]! });
      params.push({ run_id: id, key: "solver", value: ["lbfgs", "saga", "cholesky"][random.int(3)]! });
      tags.push({ run_id: id, key: "model", value: MODELS[random.int(MODELS.length)]! });
      for (let m = 0; m < METRICS; m++) {
        const value = random.next();
        latest.push({ run_id: id, key: `m${m}`, value, step: 0, ts: time + 500, experiment_id: experimentId });
        history.push({ run_id: id, key: `m${m}`, step: 0, ts: time + 500, value });
      }
    }
    await db.transaction().execute(async (trx) => {
      await insertAll(trx, "tracking_runs", runRows);
      await insertAll(trx, "tracking_params", params);
      await insertAll(trx, "tracking_run_tags", tags);
      await insertAll(trx, "tracking_latest_metrics", latest);
      await insertAll(trx, "tracking_metrics", history);
    });
    progress(start + n);
  }
  return experimentId;
}
