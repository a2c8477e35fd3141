import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { createProgress, EXIT_FAILURE, EXIT_USAGE, type OpenTracker } from "../../cli/index.js";
import type { Database } from "../../store/index.js";
import { EmployeesRepository } from "./employees-repository.js";
import { employeesToCsv, generateEmployees } from "./generator.js";
import { loadEmployeesCsv } from "./load-data.js";
import { trainAndTrack } from "./track-training.js";

/** What the attrition commands need from main.ts: the migrated local store and a tracker. */
export interface AttritionCommandDeps {
  /** DATABASE_URL, migrated to the latest schema; the command closes it. */
  readonly openDatabase: () => Promise<Database>;
  readonly openTracker: OpenTracker;
}

/** The sample data set's path, relative to the repository root (what `load-data` reads by default). */
export const SAMPLE_CSV = "data/attrition/employees.csv";

const integer = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got "${value}"`);
  return n;
};

async function withRepository<T>(deps: AttritionCommandDeps, fn: (r: EmployeesRepository) => Promise<T>): Promise<T> {
  const database = await deps.openDatabase();
  try {
    return await fn(new EmployeesRepository(database));
  } finally {
    await database.close();
  }
}

/** `atelier attrition generate|load-data|train`: the attrition model API project's data and training. */
export function registerAttritionCommand(program: Command, deps: AttritionCommandDeps): Command {
  const attrition = program
    .command("attrition")
    .description("the HR attrition model: generate the data set, load it into the database, train and promote");

  attrition
    .command("generate")
    .description("write a synthetic HR attrition data set (docs/attrition.md) as CSV")
    .addOption(new Option("--rows <n>", "employees").argParser(integer("--rows")).default(2000))
    .addOption(new Option("--seed <n>", "random seed (same seed, same file)").argParser(integer("--seed")).default(42))
    .option("--out <file>", "output CSV (default: stdout)")
    .action((opts: { rows: number; seed: number; out?: string }) => {
      if (opts.rows < 1) program.error("error: --rows must be at least 1", { exitCode: EXIT_USAGE });
      const csv = employeesToCsv(generateEmployees({ rows: opts.rows, seed: opts.seed }));
      if (!opts.out) {
        process.stdout.write(csv);
        return;
      }
      writeFileSync(opts.out, csv);
      process.stderr.write(`${opts.rows} employees written to ${opts.out} (seed ${opts.seed})\n`);
    });

  attrition
    .command("load-data")
    .description("upsert an employees CSV into the attrition_employees table of DATABASE_URL, by employee_id")
    .argument("[file]", "CSV file with the data set's columns", SAMPLE_CSV)
    .option("--json", "print the report as JSON")
    .action(async (file: string, opts: { json?: boolean }) => {
      const report = await withRepository(deps, (r) => loadEmployeesCsv(r, file));
      if (opts.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        process.stdout.write(
          `${report.rows} rows: ${report.inserted} inserted, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected\n`,
        );
        for (const r of report.rejected) process.stdout.write(`  line ${r.line}: ${r.reason}\n`);
      }
      if (report.rejected.length > 0) process.exitCode = EXIT_FAILURE;
    });

  attrition
    .command("train")
    .description("train on attrition_employees, log the run, register an `attrition` version, promote it if better")
    .addOption(
      new Option("--seed <n>", "seed of the split, folds and forests").argParser(integer("--seed")).default(42),
    )
    .addOption(new Option("--n-jobs <n>", "worker threads of the search").argParser(integer("--n-jobs")).default(2))
    .option("--url <url>", "log to this Atelier server (default: the local store, DATABASE_URL)")
    .addOption(new Option("--token <token>", "bearer token or API key (editor) for --url").env("ATELIER_TOKEN"))
    .option("--json", "print the result as JSON")
    .action(async (opts: { seed: number; nJobs: number; url?: string; token?: string; json?: boolean }) => {
      const employees = await withRepository(deps, (r) => r.all());
      const tracker = await deps.openTracker(
        opts.url ? { url: opts.url, ...(opts.token ? { token: opts.token } : {}) } : undefined,
      );
      let progress: ReturnType<typeof createProgress> | undefined;
      try {
        const result = await trainAndTrack(tracker, employees, {
          seed: opts.seed,
          nJobs: opts.nJobs,
          onProgress: (done, total) => {
            progress ??= createProgress("cross-validation", total, { silent: opts.json ?? false });
            progress.update(done);
          },
        });
        progress?.finish();
        const { trained } = result;
        if (opts.json) {
          process.stdout.write(
            `${JSON.stringify({
              runId: result.runId,
              version: result.version,
              promoted: result.promoted,
              reason: result.reason,
              best: trained.best,
              test: { rocAuc: trained.test.rocAuc, accuracy: trained.test.accuracy, f1: trained.test.f1 },
              rows: trained.rows,
              seconds: trained.seconds,
            })}\n`,
          );
          return;
        }
        const w = process.stdout;
        w.write(
          `${employees.length} employees (${trained.rows.train} train, ${trained.rows.test} test, ${(100 * trained.rows.positiveRate).toFixed(1)}% left)\n`,
        );
        w.write(`search: ${trained.candidates.length} candidates × 5 folds in ${trained.seconds.toFixed(1)} s\n`);
        w.write(
          `best: ${trained.best.classifier} ${JSON.stringify(trained.best.params)} (CV ROC AUC ${trained.best.meanRocAuc.toFixed(4)} ± ${trained.best.stdRocAuc.toFixed(4)})\n`,
        );
        w.write(
          `test: ROC AUC ${trained.test.rocAuc.toFixed(4)}, accuracy ${trained.test.accuracy.toFixed(4)}, F1 ${trained.test.f1.toFixed(4)}\n`,
        );
        w.write(`run ${result.runId}: registered as attrition version ${result.version}\n`);
        w.write(
          result.promoted
            ? `promoted to production: ${result.reason}\n`
            : `not promoted (production stays on version ${result.productionVersion}): ${result.reason}\n`,
        );
      } finally {
        await tracker.close();
      }
    });
  return attrition;
}
