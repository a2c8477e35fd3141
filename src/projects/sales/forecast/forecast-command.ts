import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { toCsv } from "../../../data/index.js";
import { readForecastConfig } from "./forecast-config.js";
import { type Forecast, runForecast } from "./make-predictions.js";

/** What the command does after forecasting (log to tracking, register); main.ts supplies it. */
export type AfterForecast = (forecast: Forecast, outPath: string) => Promise<Record<string, unknown>>;

/** `atelier forecast --config FILE.json --out OUT.csv`: runs a forecast config and writes dates,item_id,prediction. */
export function registerForecastCommand(
  program: Command,
  hooks: { after?: AfterForecast; compare?: (json: boolean) => Promise<void> } = {},
): Command {
  const forecast = program
    .command("forecast")
    .description("forecast monthly sales from a config file (see docs/forecasting.md)")
    .requiredOption("--config <file>", "forecast config (JSON); relative data paths are read from its folder")
    .requiredOption("--out <file>", "output CSV: dates,item_id,prediction")
    .option("--json", "print the run summary as JSON")
    .action(async (opts: { config: string; out: string; json?: boolean }) => {
      const config = readForecastConfig(opts.config);
      const result = await runForecast(config);
      writeFileSync(opts.out, toCsv(["dates", "item_id", "prediction"], result.rows));
      const extra = hooks.after ? await hooks.after(result, opts.out) : {};
      const summary = {
        model: config.model,
        features: config.features,
        rows: result.rows.length,
        out: opts.out,
        ...result.model.describe(),
        ...extra,
      };
      if (opts.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else
        process.stdout.write(
          `${result.rows.length} forecasts written to ${opts.out}${"r2" in extra ? ` (R² ${(extra.r2 as number).toFixed(4)} on the test months)` : ""}\n`,
        );
    });
  if (hooks.compare) {
    const compare = hooks.compare;
    forecast
      .command("compare")
      .description("every forecast run of the experiment, ranked by R² on the test months")
      .option("--json", "print JSON")
      .action(async (opts: { json?: boolean }) => compare(opts.json ?? false));
  }
  return forecast;
}
