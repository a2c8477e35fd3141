import { yearWeekProblem } from "../../data/index.js";

/** One weekly sale as received: the raw vegetable spelling is kept as sent. */
export interface RawSale {
  readonly yearWeek: number;
  readonly vegetable: string;
  readonly sales: number;
}

/** A row that was not stored, with its position in the request and why. */
export interface RejectedRow {
  readonly index: number;
  readonly row: unknown;
  readonly reason: string;
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}

/** Why one posted row is invalid (every problem, joined), or undefined when it is valid. */
export function rowProblem(row: unknown): string | undefined {
  if (row === null || typeof row !== "object" || Array.isArray(row)) {
    return `row must be an object {year_week, vegetable, sales}, got ${describeValue(row)}`;
  }
  const r = row as Record<string, unknown>;
  const problems: string[] = [];
  if (r.year_week === undefined || r.year_week === null || r.year_week === "") problems.push("missing field year_week");
  else if (typeof r.year_week !== "number")
    problems.push(`year_week must be an integer YYYYWW, got ${describeValue(r.year_week)}`);
  else {
    const p = yearWeekProblem(r.year_week);
    if (p) problems.push(p);
  }
  if (r.vegetable === undefined || r.vegetable === null) problems.push("missing field vegetable");
  else if (typeof r.vegetable !== "string")
    problems.push(`vegetable must be a string, got ${describeValue(r.vegetable)}`);
  else if (r.vegetable.trim() === "") problems.push("vegetable is empty");
  if (r.sales === undefined || r.sales === null || r.sales === "") problems.push("missing field sales");
  else if (typeof r.sales !== "number") problems.push(`sales must be a number, got ${describeValue(r.sales)}`);
  else if (!Number.isFinite(r.sales)) problems.push(`sales must be finite, got ${r.sales}`);
  else if (r.sales < 0) problems.push(`sales must not be negative, got ${r.sales}`);
  return problems.length ? problems.join("; ") : undefined;
}

/** Splits a posted list into valid rows (vegetable spelling trimmed, otherwise as sent) and rejected rows. */
export function validateRows(rows: readonly unknown[]): { valid: RawSale[]; rejected: RejectedRow[] } {
  const valid: RawSale[] = [];
  const rejected: RejectedRow[] = [];
  rows.forEach((row, index) => {
    const reason = rowProblem(row);
    if (reason) rejected.push({ index, row, reason });
    else {
      const r = row as { year_week: number; vegetable: string; sales: number };
      valid.push({ yearWeek: r.year_week, vegetable: r.vegetable.trim(), sales: r.sales });
    }
  });
  return { valid, rejected };
}
