import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { toCsv } from "../../../data/index.js";
import type { Tracker } from "../../../tracking/index.js";
import { readForecastConfig } from "./forecast-config.js";
import { rankForecastRuns, trackForecast } from "./forecast-tracking.js";
import { runForecast } from "./make-predictions.js";

/** Opens a tracker: over HTTP when a server URL is given, else on the local store. main.ts supplies it. */
export type OpenTracker = (remote?: { url: string; token?: string }) => Promise<Tracker>;

interface TrackingOptions {
  track?: boolean;
  url?: string;
  token?: string;
  json?: boolean;
}

function remote(opts: TrackingOptions): { url: string; token?: string } | undefined {
  const url = opts.url ?? process.env.ATELIER_URL;
  const token = opts.token ?? process.env.ATELIER_TOKEN;
  return url ? { url, ...(token ? { token } : {}) } : undefined;
}

/**
 * `atelier forecast --config FILE.json --out OUT.csv` runs a forecast config, writes dates,item_id,prediction and
 * logs the run to tracking (promoting its model to `sales-forecast@production` when the gate says so);
 * `atelier forecast compare` ranks the experiment's runs by R².
 */
export function registerForecastCommand(program: Command, openTracker: OpenTracker): Command {
  const forecast = program
    .command("forecast")
    .description("forecast monthly sales from a config file and log the run (see docs/forecasting.md)")
    .option("--config <file>", "forecast config (JSON); relative data paths are read from its folder")
    .option("--out <file>", "output CSV: dates,item_id,prediction")
    .option("--no-track", "do not log the run to tracking")
    .option("--url <url>", "log to this Atelier server (default: ATELIER_URL, else the local store)")
    .option("--token <token>", "bearer token or API key for --url (default: ATELIER_TOKEN)")
    .option("--json", "print the run summary as JSON")
    .action(async (opts: TrackingOptions & { config?: string; out?: string }) => {
      if (!opts.config || !opts.out)
        program.error("error: forecast needs --config <file> and --out <file>", { exitCode: 2 });
      const config = readForecastConfig(opts.config!);
      const result = await runForecast(config);
      const csv = toCsv(["dates", "item_id", "prediction"], result.rows);
      writeFileSync(opts.out!, csv);
      let tracked: Awaited<ReturnType<typeof trackForecast>> | undefined;
      if (opts.track !== false) {
        const tracker = await openTracker(remote(opts));
        try {
          tracked = await trackForecast(tracker, result, csv);
        } finally {
          await tracker.close();
        }
      }
      const summary = {
        model: config.model,
        features: config.features,
        rows: result.rows.length,
        out: opts.out,
        ...(tracked ?? {}),
      };
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(summary)}\n`);
        return;
      }
      process.stdout.write(`${result.rows.length} forecasts written to ${opts.out}\n`);
      if (tracked?.r2 !== undefined) {
        process.stdout.write(
          `run ${tracked.runId}: R² ${tracked.r2.toFixed(4)}, MAE ${tracked.mae!.toFixed(1)}, MAPE ${(100 * tracked.mape!).toFixed(2)}% on the test months\n`,
        );
        process.stdout.write(
          tracked.promoted
            ? `registered as sales-forecast version ${tracked.version} and promoted to production\n`
            : `not promoted: production's R² is ${tracked.productionR2?.toFixed(4)} (a new model must beat it by 0.01)\n`,
        );
      } else if (tracked)
        process.stdout.write(`run ${tracked.runId} logged (no actual sales for the test months, so no scores)\n`);
    });
  forecast
    .command("compare")
    .description("every forecast run of the experiment, ranked by R² on the test months")
    .option("--experiment <name>", "tracking experiment", "sales-forecast")
    .option("--url <url>", "read from this Atelier server (default: ATELIER_URL, else the local store)")
    .option("--token <token>", "bearer token or API key for --url (default: ATELIER_TOKEN)")
    .option("--json", "print JSON")
    .action(async (_opts: unknown, cmd: Command) => {
      // The parent command shares --json, --url and --token: read them from either level.
      const opts = cmd.optsWithGlobals<TrackingOptions & { experiment: string }>();
      const tracker = await openTracker(remote(opts));
      try {
        const runs = await rankForecastRuns(tracker, opts.experiment);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(runs)}\n`);
          return;
        }
        const fmt = (v: number | undefined, d: number) => (v === undefined ? "—" : v.toFixed(d));
        const lines = [["rank", "R²", "MAE", "MAPE", "run", "name", "started"]];
        runs.forEach((r, k) => {
          lines.push([
            String(k + 1),
            fmt(r.r2, 4),
            fmt(r.mae, 1),
            r.mape === undefined ? "—" : `${(100 * r.mape).toFixed(2)}%`,
            r.runId,
            r.name,
            r.startTime.toISOString(),
          ]);
        });
        const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
        for (const l of lines)
          process.stdout.write(
            `${l
              .map((cell, c) => cell.padEnd(widths[c]!))
              .join("  ")
              .trimEnd()}\n`,
          );
      } finally {
        await tracker.close();
      }
    });
  return forecast;
}
