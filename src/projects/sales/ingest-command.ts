import type { Command } from "commander";
import { createProgress, EXIT_FAILURE, requestJson } from "../../cli/index.js";
import { readCsvFile } from "../../data/index.js";

interface RejectedLine {
  readonly line: number;
  readonly row: unknown;
  readonly reason: string;
}

/** A CSV cell as JSON: integers and decimals become numbers, empty cells are left out (so "missing" is reported). */
function cell(value: string | undefined): unknown {
  if (value === undefined || value.trim() === "") return undefined;
  const t = value.trim();
  return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t) ? Number(t) : value;
}

/** Posts a CSV file of weekly sales to a running server in batches; every row is stored or rejected with its line. */
export async function ingestCsv(
  file: string,
  options: { url: string; batchSize: number; silent?: boolean },
): Promise<{ rows: number; stored: number; rejected: RejectedLine[] }> {
  const rows: { line: number; row: Record<string, unknown> }[] = [];
  let line = 1;
  for await (const r of readCsvFile(file)) {
    line++;
    const row: Record<string, unknown> = {};
    for (const key of ["year_week", "vegetable", "sales"]) {
      const v = key === "vegetable" ? (r[key]?.trim() ? r[key] : undefined) : cell(r[key]);
      if (v !== undefined) row[key] = v;
    }
    rows.push({ line, row });
  }
  const progress = createProgress(`ingest ${file}`, rows.length, { silent: options.silent ?? false });
  let stored = 0;
  const rejected: RejectedLine[] = [];
  for (let i = 0; i < rows.length; i += options.batchSize) {
    const batch = rows.slice(i, i + options.batchSize);
    const { status, body } = await requestJson<{
      stored?: number;
      rejected?: { index: number; reason: string }[];
      error?: { message: string };
    }>(
      options.url,
      "POST",
      "/post_sales",
      batch.map((b) => b.row),
    );
    if (status !== 200 && !(status === 400 && body?.rejected)) {
      throw new Error(
        `Server answered ${status} on rows ${batch[0]!.line}-${batch[batch.length - 1]!.line}: ${body?.error?.message ?? JSON.stringify(body)}`,
      );
    }
    stored += body.stored ?? 0;
    for (const r of body.rejected ?? [])
      rejected.push({ line: batch[r.index]!.line, row: batch[r.index]!.row, reason: r.reason });
    progress.update(Math.min(i + options.batchSize, rows.length));
  }
  progress.finish(`${stored} stored, ${rejected.length} rejected`);
  return { rows: rows.length, stored, rejected };
}

/** `atelier ingest FILE.csv`: the sales data service's bulk loader. */
export function registerIngestCommand(program: Command, defaultUrl: string): void {
  program
    .command("ingest")
    .description("post a CSV of weekly sales (year_week,vegetable,sales) to the server in batches")
    .argument("<file>", "CSV file with a header row")
    .option("--url <url>", "server base URL", defaultUrl)
    .option("--batch-size <n>", "rows per request", (v) => Number.parseInt(v, 10), 200)
    .option("--json", "print the result as JSON")
    .action(async (file: string, opts: { url: string; batchSize: number; json?: boolean }) => {
      if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1)
        program.error("--batch-size must be a positive integer", { exitCode: 2 });
      const result = await ingestCsv(file, { url: opts.url, batchSize: opts.batchSize, silent: opts.json ?? false });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
      } else {
        process.stdout.write(`${result.rows} rows: ${result.stored} stored, ${result.rejected.length} rejected\n`);
        for (const r of result.rejected) process.stdout.write(`  line ${r.line}: ${r.reason}\n`);
      }
      if (result.stored + result.rejected.length !== result.rows) process.exitCode = EXIT_FAILURE;
    });
}
