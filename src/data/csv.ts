import { createReadStream } from "node:fs";
import { AppError } from "../core/index.js";

/**
 * CSV in and out (RFC 4180: quoted fields, doubled quotes, commas and newlines inside quotes, CRLF or LF, an
 * optional UTF-8 BOM). Parsing is incremental, so a file of any size streams through in constant memory.
 */

/** A CSV record keyed by header name; values are the raw strings. */
export type CsvRecord = Record<string, string>;

/** Incremental CSV tokenizer: feed it chunks, it yields complete rows of fields. */
export class CsvTokenizer {
  private field = "";
  private row: string[] = [];
  private inQuotes = false;
  private quoteSeen = false;
  private started = false;
  private lastWasCr = false;

  constructor(private readonly delimiter = ",") {}

  /** Rows completed by this chunk. */
  push(chunk: string): string[][] {
    const rows: string[][] = [];
    let s = chunk;
    if (!this.started) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const d = this.delimiter;
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (this.inQuotes) {
        if (c === '"') {
          if (s[i + 1] === '"') {
            this.field += '"';
            i++;
          } else if (i + 1 === s.length) {
            // A quote at the very end of a chunk: decide with the next chunk.
            this.inQuotes = false;
            this.quoteSeen = true;
          } else this.inQuotes = false;
        } else this.field += c;
        continue;
      }
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (c === '"') {
          this.field += '"';
          this.inQuotes = true;
          continue;
        }
      }
      if (c === '"' && this.field === "") this.inQuotes = true;
      else if (c === d) {
        this.row.push(this.field);
        this.field = "";
      } else if (c === "\n") {
        if (!this.lastWasCr) this.endRow(rows);
      } else if (c === "\r") {
        this.endRow(rows);
        this.lastWasCr = true;
        continue;
      } else this.field += c;
      this.lastWasCr = false;
    }
    return rows;
  }

  /** The last row when the input does not end with a newline. */
  end(): string[][] {
    const rows: string[][] = [];
    if (this.inQuotes) throw new AppError("INVALID_INPUT", "CSV ends inside a quoted field");
    if (this.field !== "" || this.row.length > 0) this.endRow(rows);
    return rows;
  }

  private endRow(rows: string[][]): void {
    this.row.push(this.field);
    this.field = "";
    // Blank lines carry no record.
    if (!(this.row.length === 1 && this.row[0] === "")) rows.push(this.row);
    this.row = [];
  }
}

function toRecord(header: readonly string[], fields: readonly string[]): CsvRecord {
  const record: CsvRecord = {};
  for (let j = 0; j < header.length; j++) record[header[j]!] = fields[j] ?? "";
  return record;
}

/** Parses CSV text with a header row into records. */
export function parseCsv(
  text: string,
  options: { delimiter?: string } = {},
): { header: string[]; records: CsvRecord[] } {
  const tokenizer = new CsvTokenizer(options.delimiter);
  const rows = [...tokenizer.push(text), ...tokenizer.end()];
  const header = (rows.shift() ?? []).map((h) => h.trim());
  return { header, records: rows.map((r) => toRecord(header, r)) };
}

/** Streams the records of a CSV file with a header row. `onHeader` is called once with the column names. */
export async function* readCsvFile(
  path: string,
  options: { delimiter?: string; onHeader?: (header: string[]) => void } = {},
): AsyncGenerator<CsvRecord> {
  const tokenizer = new CsvTokenizer(options.delimiter);
  let header: string[] | undefined;
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 16 });
  const emit = function* (rows: string[][]): Generator<CsvRecord> {
    for (const row of rows) {
      if (!header) {
        header = row.map((h) => h.trim());
        options.onHeader?.(header);
      } else yield toRecord(header, row);
    }
  };
  try {
    for await (const chunk of stream) yield* emit(tokenizer.push(chunk as string));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new AppError("INVALID_INPUT", `File not found: ${path}`, [
        { field: "path", reason: `no such file: ${path}` },
      ]);
    }
    throw error;
  }
  yield* emit(tokenizer.end());
}

/** Reads a whole CSV file into records. */
export async function readCsvRecords(path: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsvFile(path)) out.push(r);
  return out;
}

/** One CSV field, quoted only when needed. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "string" ? value : String(value);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text (header + rows, LF line ends) for records with the given columns. */
export function toCsv(columns: readonly string[], rows: readonly object[]): string {
  const lines = [columns.map(csvField).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField((row as Record<string, unknown>)[c])).join(","));
  return `${lines.join("\n")}\n`;
}
