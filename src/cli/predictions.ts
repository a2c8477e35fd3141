import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { type Command, Option } from "commander";
import type { PredictionFilter } from "../monitoring/index.js";
import { EXIT_USAGE } from "./exit-codes.js";
import { formatTable } from "./local-accounts.js";
import { httpPredictionSource, type PredictionRow, type PredictionSource } from "./prediction-source.js";
import type { Output } from "./tracker-command.js";
import { exitOnInvalidInput } from "./usage-error.js";

/** Opens the local store's prediction log (main.ts provides it). */
export type OpenPredictions = () => Promise<PredictionSource>;

interface FilterOptions {
  model?: string;
  modelVersion?: string;
  from?: string;
  to?: string;
  url?: string;
  token?: string;
}

function withFilterOptions(command: Command): Command {
  return (
    command
      .option("--model <name>", "only this model")
      // Not --version: that one prints Atelier's version.
      .option("--model-version <n>", "only this version of the model")
      .option("--from <time>", "oldest time included: ISO 8601 or epoch ms")
      .option("--to <time>", "time excluded: ISO 8601 or epoch ms")
      .addOption(
        new Option("--url <url>", "read a server's log (default: the local store, DATABASE_URL)").env("ATELIER_URL"),
      )
      .addOption(new Option("--token <token>", "bearer token or API key for --url").env("ATELIER_TOKEN"))
  );
}

/** The filter of the options; a usage error (exit 2) naming each bad one. */
function filterOf(command: Command, opts: FilterOptions): PredictionFilter {
  const bad: string[] = [];
  const time = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined;
    const ms = /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
    if (!Number.isSafeInteger(ms)) bad.push(`--${name} must be an ISO 8601 time or epoch milliseconds`);
    return ms;
  };
  const version = opts.modelVersion === undefined ? undefined : Number(opts.modelVersion);
  if (version !== undefined && !(Number.isSafeInteger(version) && version >= 1))
    bad.push("--model-version must be an integer ≥ 1");
  const from = time(opts.from, "from");
  const to = time(opts.to, "to");
  if (bad.length) command.error(`error: ${bad.join("; ")}`, { exitCode: EXIT_USAGE, code: "atelier.badOption" });
  return {
    ...(opts.model === undefined ? {} : { model: opts.model }),
    ...(version === undefined ? {} : { version }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
}

async function withSource<T>(
  command: Command,
  open: OpenPredictions,
  opts: FilterOptions,
  fn: (source: PredictionSource) => Promise<T>,
): Promise<T> {
  const source = opts.url ? httpPredictionSource(opts.url, opts.token) : await open();
  try {
    return await fn(source);
  } catch (error) {
    exitOnInvalidInput(command, error);
    throw error;
  } finally {
    await source.close();
  }
}

const row = (p: PredictionRow) => [
  p.timestamp.replace(/\.\d{3}Z$/, "Z"),
  p.requestId,
  String(p.index),
  `${p.modelName}@v${p.modelVersion}`,
  p.alias ?? "-",
  p.arm,
  String(p.outputs.prediction),
  p.feedbackLabel === null ? "-" : String(p.feedbackLabel),
  p.latencyMs.toFixed(2),
];

/** `atelier predictions query|export`: the prediction log, from the local store or a server (--url). */
export function registerPredictionsCommand(program: Command, open: OpenPredictions, out: Output = process.stdout) {
  const predictions = program.command("predictions").description("the prediction log: query and export");

  withFilterOptions(predictions.command("query").description("logged predictions, oldest first"))
    .option("--limit <n>", "at most this many (default 100)", "100")
    .option("--json", "print JSON lines instead of a table")
    .action(async function (this: Command, opts: FilterOptions & { limit: string; json?: boolean }) {
      const filter = filterOf(this, opts);
      const limit = Number(opts.limit);
      if (!(Number.isSafeInteger(limit) && limit >= 1))
        this.error("error: --limit must be an integer ≥ 1", { exitCode: EXIT_USAGE });
      const rows = await withSource(this, open, opts, async (source) => {
        const all: PredictionRow[] = [];
        let pageToken: string | undefined;
        do {
          const page = await source.list(filter, {
            pageSize: Math.min(1000, limit - all.length),
            ...(pageToken ? { pageToken } : {}),
          });
          all.push(...page.items);
          pageToken = page.nextPageToken;
        } while (pageToken && all.length < limit);
        return all;
      });
      if (opts.json) out.write(rows.map((r) => `${JSON.stringify(r)}\n`).join(""));
      else if (rows.length === 0) out.write("no predictions\n");
      else
        out.write(
          `${formatTable([["TIME", "REQUEST", "#", "MODEL", "ALIAS", "ARM", "PREDICTION", "LABEL", "MS"], ...rows.map(row)])}\n`,
        );
    });

  withFilterOptions(predictions.command("export").description("logged predictions as CSV (streamed)"))
    .option("--out <file>", "write to this file (default: standard output)")
    .action(async function (this: Command, opts: FilterOptions & { out?: string }) {
      const filter = filterOf(this, opts);
      const file = opts.out ? createWriteStream(opts.out) : undefined;
      let rows = -1;
      await withSource(this, open, opts, async (source) => {
        for await (const chunk of source.exportCsv(filter)) {
          for (let i = chunk.indexOf("\n"); i >= 0; i = chunk.indexOf("\n", i + 1)) rows++;
          if (file) {
            if (!file.write(chunk)) await once(file, "drain");
          } else out.write(chunk);
        }
      });
      if (file) {
        file.end();
        await once(file, "finish");
        out.write(`${rows} predictions written to ${opts.out}\n`);
      }
    });
}
