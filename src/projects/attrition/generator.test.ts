import { readFileSync } from "node:fs";
import { rocAucScore } from "atelier/ml";
import { describe, expect, it } from "vitest";
import { DEPARTMENT_ROLES, type Department, FEATURE_FIELDS, fieldProblem } from "./employee-fields.js";
import { parseEmployeeRecord } from "./employee-rows.js";
import { attritionLogit, employeesToCsv, expectedIncome, generateEmployees, MISSING_SHARES } from "./generator.js";

const employees = generateEmployees({ rows: 20_000, seed: 7 });
const share = (pred: (e: (typeof employees)[number]) => boolean, of = employees) => of.filter(pred).length / of.length;
const leaveRate = (of: typeof employees) => share((e) => e.attrition === "yes", of);

describe("generateEmployees", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = generateEmployees({ rows: 300, seed: 1 });
    expect(generateEmployees({ rows: 300, seed: 1 })).toEqual(a);
    expect(employeesToCsv(generateEmployees({ rows: 300, seed: 2 }))).not.toBe(employeesToCsv(a));
    // The first rows do not depend on how many are asked for.
    expect(generateEmployees({ rows: 50, seed: 1 })).toEqual(a.slice(0, 50));
  });

  it("numbers employees 1..n and keeps every value in its documented type, range and categories", () => {
    expect(employees.map((e) => e.employeeId)).toEqual(Array.from({ length: employees.length }, (_, i) => i + 1));
    // Problems are collected, not asserted one by one: 20 000 × 20 expect() calls would take seconds.
    const problems: string[] = [];
    for (const e of employees) {
      const bad = (what: string) => problems.push(`employee ${e.employeeId}: ${what}`);
      for (const f of FEATURE_FIELDS) {
        const problem = fieldProblem(f, e.features[f.name]);
        if (problem) bad(`${f.name} ${problem}`);
      }
      const role = DEPARTMENT_ROLES[e.features.department as Department].find((r) => r.role === e.features.job_role);
      const level = e.features.job_level as number;
      if (!role) bad(`${e.features.job_role} is not a role of ${e.features.department}`);
      else if (level < role.levels[0] || level > role.levels[1]) bad(`${role.role} at level ${level}`);
      const years = e.features.years_at_company as number;
      if ((e.features.years_since_last_promotion as number) > years) bad("promoted before joining");
      if (years > (e.features.age as number) - 18) bad("joined before 18");
    }
    expect(problems).toEqual([]);
  });

  it("leaves about 16% and misses values only where documented, at about the documented shares", () => {
    expect(leaveRate(employees)).toBeGreaterThan(0.14);
    expect(leaveRate(employees)).toBeLessThan(0.18);
    for (const f of FEATURE_FIELDS) {
      const missing = share((e) => e.features[f.name] === null);
      const expected = MISSING_SHARES[f.name] ?? 0;
      expect(Boolean(f.optional)).toBe(expected > 0);
      expect(Math.abs(missing - expected)).toBeLessThan(0.006);
    }
  });

  it("pays by level and department, and draws attrition from the documented drivers", () => {
    const complete = employees.filter((e) => Object.values(e.features).every((v) => v !== null));
    // Median income grows with the level.
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
    const byLevel = [1, 2, 3, 4, 5].map((l) =>
      median(complete.filter((e) => e.features.job_level === l).map((e) => e.features.monthly_income as number)),
    );
    for (let l = 1; l < 5; l++) expect(byLevel[l]!).toBeGreaterThan(byLevel[l - 1]!);
    expect(Math.abs(byLevel[0]! / expectedIncome(1, "R&D") - 1)).toBeLessThan(0.1);
    // Overtime, singles, frequent travel and low satisfaction leave more.
    const rate = (pred: (e: (typeof employees)[number]) => boolean) => leaveRate(complete.filter(pred));
    expect(rate((e) => e.features.overtime === "yes")).toBeGreaterThan(2 * rate((e) => e.features.overtime === "no"));
    expect(rate((e) => e.features.marital_status === "single")).toBeGreaterThan(
      rate((e) => e.features.marital_status === "married"),
    );
    expect(rate((e) => e.features.business_travel === "frequently")).toBeGreaterThan(
      rate((e) => e.features.business_travel === "none"),
    );
    expect(rate((e) => e.features.job_satisfaction === 1)).toBeGreaterThan(
      rate((e) => e.features.job_satisfaction === 4),
    );
    // The label follows the logistic function, with noise: its log-odds rank leavers well, not perfectly.
    const auc = rocAucScore(
      complete.map((e) => e.attrition),
      complete.map((e) => attritionLogit(e.features)),
    );
    expect(auc).toBeGreaterThan(0.75);
    expect(auc).toBeLessThan(0.9);
  });

  it("writes a CSV whose every row the loader accepts, and the committed sample is seed 42's 2 000 rows", () => {
    const sample = readFileSync(new URL("../../../data/attrition/employees.csv", import.meta.url), "utf8");
    expect(sample).toBe(employeesToCsv(generateEmployees({ rows: 2000, seed: 42 })));
    const [header, ...lines] = sample.trimEnd().split("\n");
    const names = header!.split(",");
    for (const line of lines.slice(0, 200)) {
      const cells = line.split(",");
      const parsed = parseEmployeeRecord(Object.fromEntries(names.map((n, j) => [n, cells[j]!])));
      expect(parsed).not.toHaveProperty("problems");
    }
  });
});
