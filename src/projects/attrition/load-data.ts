import { AppError } from "../../core/index.js";
import { readCsvFile } from "../../data/index.js";
import type { Employee } from "./employee-fields.js";
import { missingColumns, parseEmployeeRecord } from "./employee-rows.js";
import type { EmployeesRepository } from "./employees-repository.js";

/** A CSV line that was not loaded, and why. */
export interface RejectedLine {
  /** The line in the file (the header is line 1). */
  readonly line: number;
  readonly employeeId?: string;
  readonly reason: string;
}

/** What loading a file did: rows = inserted + updated + unchanged + rejected.length. */
export interface LoadReport {
  readonly file: string;
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: readonly RejectedLine[];
}

/**
 * Loads an employees CSV file into attrition_employees: every valid row is upserted by employee_id (loading the
 * same file twice changes nothing), every invalid one is reported with its line and reasons, and an employee_id
 * seen earlier in the file is rejected as a duplicate. A file lacking a column is refused as a whole.
 */
export async function loadEmployeesCsv(repository: EmployeesRepository, file: string): Promise<LoadReport> {
  const valid: Employee[] = [];
  const rejected: RejectedLine[] = [];
  const firstLine = new Map<number, number>();
  let line = 1;
  const onHeader = (header: string[]) => {
    const missing = missingColumns(header);
    if (missing.length)
      throw new AppError(
        "INVALID_INPUT",
        `${file} lacks the column(s) ${missing.join(", ")}`,
        missing.map((field) => ({ field, reason: "missing column" })),
      );
  };
  for await (const record of readCsvFile(file, { onHeader })) {
    line++;
    const parsed = parseEmployeeRecord(record);
    const id = record.employee_id?.trim() || undefined;
    if ("problems" in parsed) {
      rejected.push({ line, ...(id ? { employeeId: id } : {}), reason: parsed.problems.join("; ") });
      continue;
    }
    const first = firstLine.get(parsed.employeeId);
    if (first !== undefined) {
      rejected.push({
        line,
        employeeId: id!,
        reason: `duplicate employee_id ${parsed.employeeId} (first at line ${first})`,
      });
      continue;
    }
    firstLine.set(parsed.employeeId, line);
    valid.push(parsed);
  }
  const counts = await repository.upsert(valid);
  return { file, rows: line - 1, ...counts, rejected };
}
