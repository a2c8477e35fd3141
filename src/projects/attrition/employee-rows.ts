import { ALL_FIELDS, type Employee, type EmployeeField, FEATURE_FIELDS, fieldProblem } from "./employee-fields.js";

/** A CSV cell as a typed value: empty is missing (null); numeric fields must parse as numbers. */
function parseCell(field: EmployeeField, raw: string | undefined): number | string | null | { bad: string } {
  const text = (raw ?? "").trim();
  if (text === "") return null;
  if (field.type === "string") return text;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) return { bad: `"${text}" is not a number` };
  return Number(text);
}

/**
 * One CSV record as an employee, or every reason it is not one ("age: must be <= 65", "attrition: is required"…).
 * Missing cells are allowed only in the columns that may be missing (docs/attrition.md).
 */
export function parseEmployeeRecord(record: Readonly<Record<string, string>>): Employee | { problems: string[] } {
  const problems: string[] = [];
  const values: Record<string, number | string | null> = {};
  for (const field of ALL_FIELDS) {
    const value = parseCell(field, record[field.name]);
    if (value !== null && typeof value === "object") {
      problems.push(`${field.name}: ${value.bad}`);
      continue;
    }
    const problem = fieldProblem(field, value);
    if (problem) problems.push(`${field.name}: ${problem}`);
    values[field.name] = value;
  }
  if (problems.length === 0) {
    const years = values.years_at_company as number;
    if ((values.years_since_last_promotion as number) > years)
      problems.push("years_since_last_promotion: must be <= years_at_company");
    if (years > (values.age as number) - 14) problems.push("years_at_company: must be <= age - 14");
  }
  if (problems.length) return { problems };
  const features: Record<string, number | string | null> = {};
  for (const f of FEATURE_FIELDS) features[f.name] = values[f.name]!;
  return {
    employeeId: values.employee_id as number,
    features,
    attrition: values.attrition as "yes" | "no",
  };
}

/** The columns a header lacks, for a clear error before any row is read. */
export function missingColumns(header: readonly string[]): string[] {
  return ALL_FIELDS.map((f) => f.name).filter((n) => !header.includes(n));
}
