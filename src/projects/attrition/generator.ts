import { SeededRandom } from "../../core/index.js";
import { toCsv } from "../../data/index.js";
import {
  ALL_FIELDS,
  DEPARTMENT_ROLES,
  type Department,
  type Employee,
  type EmployeeFeatures,
  FEATURE_NAMES,
} from "./employee-fields.js";

/** What the generator takes. */
export interface GenerateOptions {
  readonly rows: number;
  readonly seed: number;
}

/**
 * The generating function's coefficients (docs/attrition.md explains each). The log-odds of leaving are
 * INTERCEPT + Σ effects + NOISE_SD · N(0, 1); INTERCEPT is set so that about 16 % of employees leave.
 */
export const ATTRITION_EFFECTS = {
  intercept: -2.8,
  overtime: 1.5,
  perSatisfactionPointBelowMid: { job: 0.4, environment: 0.3, workLifeBalance: 0.35 },
  logIncomeRatio: -2.5,
  perJobLevelAbove1: -0.2,
  perKmBeyond10: 0.03,
  firstTwoYears: 0.8,
  perYearAtCompany: -0.04,
  single: 0.8,
  divorced: 0.15,
  travel: { none: -0.2, rarely: 0.2, frequently: 0.9 },
  perYearOfAgeAbove35: -0.03,
  perPreviousCompanyBeyond1: 0.12,
  hasStockOptions: -0.4,
  perYearSinceLastPromotion: 0.06,
  noise: 0.6,
} as const;

/** Share of missing values per column (missing completely at random, drawn after the label). */
export const MISSING_SHARES: Readonly<Record<string, number>> = {
  monthly_income: 0.02,
  distance_from_home: 0.03,
  environment_satisfaction: 0.03,
  num_companies_worked: 0.02,
  business_travel: 0.02,
  marital_status: 0.01,
};

const DEPARTMENT_SHARES: Readonly<Record<Department, number>> = {
  "R&D": 0.45,
  Sales: 0.3,
  IT: 0.12,
  Finance: 0.08,
  HR: 0.05,
};

/** Median monthly income (euros) by job level, then a factor by department. */
const LEVEL_INCOME = [2800, 5200, 9000, 14000, 19000];
const DEPARTMENT_PAY: Readonly<Record<Department, number>> = {
  Sales: 1,
  "R&D": 1.05,
  HR: 0.9,
  IT: 1.15,
  Finance: 1.08,
};

/** The median monthly income of a job level in a department: what "low income for the level" is measured against. */
export function expectedIncome(level: number, department: Department): number {
  return LEVEL_INCOME[level - 1]! * DEPARTMENT_PAY[department];
}

function pick<T>(rng: SeededRandom, values: readonly T[], weights: readonly number[]): T {
  let u = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < values.length; k++) {
    u -= weights[k]!;
    if (u < 0) return values[k]!;
  }
  return values[values.length - 1]!;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The log-odds of leaving for one employee's true (complete) values, without the noise term. */
export function attritionLogit(e: EmployeeFeatures): number {
  const b = ATTRITION_EFFECTS;
  const n = (name: string) => e[name] as number;
  const level = n("job_level");
  const department = e.department as Department;
  let z = b.intercept;
  if (e.overtime === "yes") z += b.overtime;
  z += b.perSatisfactionPointBelowMid.job * (2.5 - n("job_satisfaction"));
  z += b.perSatisfactionPointBelowMid.environment * (2.5 - n("environment_satisfaction"));
  z += b.perSatisfactionPointBelowMid.workLifeBalance * (2.5 - n("work_life_balance"));
  z += b.logIncomeRatio * Math.log(n("monthly_income") / expectedIncome(level, department));
  z += b.perJobLevelAbove1 * (level - 1);
  z += b.perKmBeyond10 * (n("distance_from_home") - 10);
  if (n("years_at_company") < 2) z += b.firstTwoYears;
  z += b.perYearAtCompany * n("years_at_company");
  if (e.marital_status === "single") z += b.single;
  else if (e.marital_status === "divorced") z += b.divorced;
  z += b.travel[e.business_travel as keyof typeof b.travel];
  z += b.perYearOfAgeAbove35 * (n("age") - 35);
  z += b.perPreviousCompanyBeyond1 * Math.max(0, n("num_companies_worked") - 1);
  if (n("stock_option_level") > 0) z += b.hasStockOptions;
  z += b.perYearSinceLastPromotion * n("years_since_last_promotion");
  return z;
}

/** One employee's complete values (before the label and the missing values). */
function drawFeatures(rng: SeededRandom): Record<string, number | string> {
  const age = clamp(Math.round(37 + 9 * rng.normal()), 18, 65);
  const education = pick(rng, [1, 2, 3, 4, 5], [0.12, 0.2, 0.38, 0.27, 0.03]);
  const department = pick(rng, Object.keys(DEPARTMENT_SHARES) as Department[], Object.values(DEPARTMENT_SHARES));
  // Levels grow with experience (and a little with education).
  const experience = Math.max(0, age - 20 - education);
  const level = clamp(Math.floor(1 + experience / 9 + (education - 3) * 0.25 + 0.8 * rng.normal()), 1, 5);
  const roles = DEPARTMENT_ROLES[department].filter((r) => level >= r.levels[0] && level <= r.levels[1]);
  const role = roles[rng.int(roles.length)]!.role;
  const income = Math.round(expectedIncome(level, department) * Math.exp(0.18 * rng.normal()));
  const single = clamp(0.6 - (age - 20) * 0.015, 0.1, 0.6);
  const maritalStatus = pick(rng, ["single", "married", "divorced"], [single, 0.68 - single * 0.6, 0.22]);
  const yearsAtCompany = Math.min(age - 18, Math.floor(-6 * Math.log(1 - rng.next())));
  const yearsSincePromotion = Math.floor(yearsAtCompany * rng.next() ** 1.5);
  const distance = Math.min(60, 1 + Math.floor(-9 * Math.log(1 - rng.next())));
  const companies = Math.min(9, Math.floor(-((age - 18) / 10 + 0.5) * Math.log(1 - rng.next())));
  const travel = pick(
    rng,
    ["none", "rarely", "frequently"],
    department === "Sales" ? [0.05, 0.6, 0.35] : [0.12, 0.72, 0.16],
  );
  const stock = pick(
    rng,
    [0, 1, 2, 3],
    maritalStatus === "single" ? [0.75, 0.18, 0.04, 0.03] : [0.25, 0.52, 0.15, 0.08],
  );
  return {
    age,
    gender: pick(rng, ["female", "male"], [0.4, 0.6]),
    marital_status: maritalStatus,
    education,
    department,
    job_role: role,
    job_level: level,
    monthly_income: income,
    overtime: pick(rng, ["yes", "no"], [0.28, 0.72]),
    job_satisfaction: pick(rng, [1, 2, 3, 4], [0.2, 0.2, 0.3, 0.3]),
    environment_satisfaction: pick(rng, [1, 2, 3, 4], [0.19, 0.2, 0.31, 0.3]),
    work_life_balance: pick(rng, [1, 2, 3, 4], [0.06, 0.23, 0.6, 0.11]),
    years_at_company: yearsAtCompany,
    years_since_last_promotion: yearsSincePromotion,
    distance_from_home: distance,
    num_companies_worked: companies,
    business_travel: travel,
    training_times_last_year: pick(rng, [0, 1, 2, 3, 4, 5, 6], [0.04, 0.05, 0.37, 0.33, 0.08, 0.09, 0.04]),
    stock_option_level: stock,
  };
}

/**
 * A synthetic HR attrition data set (docs/attrition.md): employees 1..rows with realistic, correlated columns and a
 * label drawn from a logistic function of them plus noise; a few values missing in some columns. The same seed
 * gives the same employees.
 */
export function generateEmployees(options: GenerateOptions): Employee[] {
  const rng = new SeededRandom(options.seed);
  const out: Employee[] = [];
  for (let i = 0; i < options.rows; i++) {
    const features: Record<string, number | string | null> = drawFeatures(rng);
    const z = attritionLogit(features) + ATTRITION_EFFECTS.noise * rng.normal();
    const attrition = rng.next() < sigmoid(z) ? "yes" : "no";
    for (const name of FEATURE_NAMES) if (rng.next() < (MISSING_SHARES[name] ?? 0)) features[name] = null;
    out.push({ employeeId: i + 1, features, attrition });
  }
  return out;
}

/** Employees as a CSV file (header = the data set's columns; missing values are empty cells). */
export function employeesToCsv(employees: readonly Employee[]): string {
  return toCsv(
    ALL_FIELDS.map((f) => f.name),
    employees.map((e) => ({ employee_id: e.employeeId, ...e.features, attrition: e.attrition })),
  );
}
