import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Database } from "../../store/index.js";
import { EmployeesRepository } from "./employees-repository.js";
import { employeesToCsv, generateEmployees } from "./generator.js";
import { loadEmployeesCsv } from "./load-data.js";

const tempFile = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "atelier-attrition-")), name);
  writeFileSync(path, text);
  return path;
};

/**
 * The attrition_employees table and `load-data` on one dialect. `open` gives a migrated, empty database (closed by
 * the caller's afterAll).
 */
export function employeesRepositorySuite(name: string, open: () => Promise<Database>): void {
  describe(`attrition employees: ${name}`, () => {
    it("stores every column as typed, with missing values, and reads employees back in id order", async () => {
      const repo = new EmployeesRepository(await open());
      const employees = generateEmployees({ rows: 1200, seed: 3 });
      expect(await repo.upsert([...employees].reverse())).toEqual({ inserted: 1200, updated: 0, unchanged: 0 });
      expect(await repo.count()).toBe(1200);
      expect(await repo.all()).toEqual(employees);
      const pages: number[] = [];
      for await (const page of repo.scan(500)) pages.push(page.length);
      expect(pages).toEqual([500, 500, 200]);
      const withGap = employees.find((e) => e.features.monthly_income === null)!;
      expect(await repo.get(withGap.employeeId)).toEqual(withGap);
      expect(await repo.get(99_999)).toBeUndefined();
    });

    it("upserts by employee_id: unchanged rows are not rewritten, changed ones replace", async () => {
      const repo = new EmployeesRepository(await open());
      const employees = generateEmployees({ rows: 20, seed: 4 });
      await repo.upsert(employees);
      const changed = { ...employees[5]!, attrition: employees[5]!.attrition === "yes" ? "no" : "yes" } as const;
      const moved = { ...employees[6]!, features: { ...employees[6]!.features, age: 61 } };
      const added = { ...employees[0]!, employeeId: 500 };
      expect(await repo.upsert([...employees.slice(0, 5), changed, moved, added])).toEqual({
        inserted: 1,
        updated: 2,
        unchanged: 5,
      });
      expect(await repo.get(changed.employeeId)).toEqual(changed);
      expect((await repo.get(moved.employeeId))!.features.age).toBe(61);
      expect(await repo.count()).toBe(21);
    });

    it("load-data is idempotent and accounts for every row, reporting each bad one with its line and reasons", async () => {
      const repo = new EmployeesRepository(await open());
      const employees = generateEmployees({ rows: 30, seed: 5 });
      const good = employeesToCsv(employees);
      const lines = good.trimEnd().split("\n");
      const header = lines[0]!.split(",");
      const set = (line: string, column: string, value: string) => {
        const cells = line.split(",");
        cells[header.indexOf(column)] = value;
        return cells.join(",");
      };
      const bad = [
        ...lines,
        set(set(lines[1]!, "employee_id", "100"), "age", "70"),
        set(set(lines[2]!, "employee_id", "101"), "department", "Marketing"),
        set(set(lines[3]!, "employee_id", "102"), "gender", ""),
        set(set(lines[4]!, "employee_id", "abc"), "overtime", "maybe"),
        lines[5]!,
      ].join("\n");
      const file = tempFile("employees.csv", `${bad}\n`);
      const first = await loadEmployeesCsv(repo, file);
      expect(first).toMatchObject({ rows: 35, inserted: 30, updated: 0, unchanged: 0 });
      expect(first.rejected).toEqual([
        { line: 32, employeeId: "100", reason: "age: must be <= 65" },
        { line: 33, employeeId: "101", reason: expect.stringMatching(/^department: must be one of Sales, R&D/) },
        { line: 34, employeeId: "102", reason: "gender: is required" },
        {
          line: 35,
          employeeId: "abc",
          reason: 'employee_id: "abc" is not a number; overtime: must be one of yes, no',
        },
        { line: 36, employeeId: "5", reason: "duplicate employee_id 5 (first at line 6)" },
      ]);
      const again = await loadEmployeesCsv(repo, file);
      expect(again).toMatchObject({ rows: 35, inserted: 0, updated: 0, unchanged: 30 });
      expect(again.rejected).toHaveLength(5);
      expect(await repo.all()).toEqual(employees);
    });

    it("refuses a file lacking a column as a whole, naming the columns", async () => {
      const repo = new EmployeesRepository(await open());
      const file = tempFile("short.csv", "employee_id,age\n1,30\n");
      await expect(loadEmployeesCsv(repo, file)).rejects.toMatchObject({
        code: "INVALID_INPUT",
        message: expect.stringMatching(/lacks the column\(s\) gender, marital_status/),
      });
      expect(await repo.count()).toBe(0);
    });
  });
}
