/**
 * The columns of the HR attrition data set, in one table: the generator, the CSV loader, the database table, the
 * model's signature and the `POST /predict` schema are all derived from it, so they cannot drift apart.
 */

export const GENDERS = ["female", "male"] as const;
export const MARITAL_STATUSES = ["single", "married", "divorced"] as const;
export const BUSINESS_TRAVEL = ["none", "rarely", "frequently"] as const;
export const YES_NO = ["yes", "no"] as const;

/** Departments and the roles each has, with the job levels a role is held at. */
export const DEPARTMENT_ROLES = {
  Sales: [
    { role: "Sales Representative", levels: [1, 2] },
    { role: "Sales Executive", levels: [2, 3] },
    { role: "Sales Manager", levels: [4, 5] },
  ],
  "R&D": [
    { role: "Laboratory Technician", levels: [1, 2] },
    { role: "Research Scientist", levels: [1, 3] },
    { role: "Research Director", levels: [4, 5] },
  ],
  HR: [
    { role: "HR Specialist", levels: [1, 3] },
    { role: "HR Manager", levels: [4, 5] },
  ],
  IT: [
    { role: "Software Engineer", levels: [1, 3] },
    { role: "IT Manager", levels: [4, 5] },
  ],
  Finance: [
    { role: "Accountant", levels: [1, 3] },
    { role: "Finance Manager", levels: [4, 5] },
  ],
} as const satisfies Record<string, readonly { role: string; levels: readonly [number, number] }[]>;

export type Department = keyof typeof DEPARTMENT_ROLES;
export const DEPARTMENTS = Object.keys(DEPARTMENT_ROLES) as Department[];
export const JOB_ROLES = DEPARTMENTS.flatMap((d) => DEPARTMENT_ROLES[d].map((r) => r.role));

/** One column of the data set: its type, allowed values, description and an example. */
export interface EmployeeField {
  readonly name: string;
  readonly type: "integer" | "number" | "string";
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly description: string;
  readonly example: number | string;
  /** The column has missing values in the data: the model imputes them, so a request may leave it out. */
  readonly optional?: boolean;
}

/** The model's input columns (every column but employee_id and the label), in the order of the CSV file. */
export const FEATURE_FIELDS: readonly EmployeeField[] = [
  { name: "age", type: "integer", minimum: 18, maximum: 65, description: "Age in years", example: 34 },
  { name: "gender", type: "string", enum: GENDERS, description: "Gender", example: "female" },
  {
    name: "marital_status",
    type: "string",
    enum: MARITAL_STATUSES,
    description: "Marital status",
    example: "single",
    optional: true,
  },
  {
    name: "education",
    type: "integer",
    minimum: 1,
    maximum: 5,
    description: "1 below college, 2 college, 3 bachelor, 4 master, 5 doctor",
    example: 3,
  },
  { name: "department", type: "string", enum: DEPARTMENTS, description: "Department", example: "Sales" },
  {
    name: "job_role",
    type: "string",
    enum: JOB_ROLES,
    description: "Job role (each department has its own roles)",
    example: "Sales Executive",
  },
  {
    name: "job_level",
    type: "integer",
    minimum: 1,
    maximum: 5,
    description: "Job level, 1 entry to 5 executive",
    example: 2,
  },
  {
    name: "monthly_income",
    type: "number",
    minimum: 0,
    maximum: 100_000,
    description: "Gross monthly income in euros",
    example: 5400,
    optional: true,
  },
  {
    name: "overtime",
    type: "string",
    enum: YES_NO,
    description: "Works overtime regularly",
    example: "yes",
  },
  {
    name: "job_satisfaction",
    type: "integer",
    minimum: 1,
    maximum: 4,
    description: "Job satisfaction, 1 low to 4 very high",
    example: 2,
  },
  {
    name: "environment_satisfaction",
    type: "integer",
    minimum: 1,
    maximum: 4,
    description: "Satisfaction with the work environment, 1 low to 4 very high",
    example: 3,
    optional: true,
  },
  {
    name: "work_life_balance",
    type: "integer",
    minimum: 1,
    maximum: 4,
    description: "Work-life balance, 1 bad to 4 best",
    example: 3,
  },
  {
    name: "years_at_company",
    type: "integer",
    minimum: 0,
    maximum: 47,
    description: "Years at the company",
    example: 3,
  },
  {
    name: "years_since_last_promotion",
    type: "integer",
    minimum: 0,
    maximum: 47,
    description: "Years since the last promotion (at most years_at_company)",
    example: 1,
  },
  {
    name: "distance_from_home",
    type: "number",
    minimum: 0,
    maximum: 200,
    description: "Distance from home to work in km",
    example: 12,
    optional: true,
  },
  {
    name: "num_companies_worked",
    type: "integer",
    minimum: 0,
    maximum: 20,
    description: "Companies worked for before this one",
    example: 2,
    optional: true,
  },
  {
    name: "business_travel",
    type: "string",
    enum: BUSINESS_TRAVEL,
    description: "How often the job needs travel",
    example: "rarely",
    optional: true,
  },
  {
    name: "training_times_last_year",
    type: "integer",
    minimum: 0,
    maximum: 10,
    description: "Trainings attended last year",
    example: 3,
  },
  {
    name: "stock_option_level",
    type: "integer",
    minimum: 0,
    maximum: 3,
    description: "Stock option level, 0 none to 3 highest",
    example: 1,
  },
];

/** The employee id column (a positive integer; unique). */
export const ID_FIELD: EmployeeField = {
  name: "employee_id",
  type: "integer",
  minimum: 1,
  maximum: 2_147_483_647,
  description: "Employee number (unique)",
  example: 1042,
};

/** The label column: "yes" when the employee left. */
export const LABEL_FIELD: EmployeeField = {
  name: "attrition",
  type: "string",
  enum: YES_NO,
  description: 'Whether the employee left ("yes") or stayed ("no")',
  example: "no",
};

/** Every column of the CSV file and of the attrition_employees table, in order. */
export const ALL_FIELDS: readonly EmployeeField[] = [ID_FIELD, ...FEATURE_FIELDS, LABEL_FIELD];

export const FEATURE_NAMES: readonly string[] = FEATURE_FIELDS.map((f) => f.name);
export const NUMERIC_FEATURES: readonly string[] = FEATURE_FIELDS.filter((f) => f.type !== "string").map((f) => f.name);
export const CATEGORICAL_FEATURES: readonly string[] = FEATURE_FIELDS.filter((f) => f.type === "string").map(
  (f) => f.name,
);

/** One employee's model inputs, keyed by column name (null: missing). */
export type EmployeeFeatures = Readonly<Record<string, number | string | null>>;

/** One employee of the data set: id, model inputs and label. */
export interface Employee {
  readonly employeeId: number;
  readonly features: EmployeeFeatures;
  readonly attrition: "yes" | "no";
}

/** What is wrong with one value of a field, or undefined when it is valid (null is valid for optional fields). */
export function fieldProblem(field: EmployeeField, value: unknown): string | undefined {
  if (value === null || value === undefined) return field.optional ? undefined : "is required";
  if (field.type === "string") {
    if (typeof value !== "string") return "must be a string";
    if (field.enum && !field.enum.includes(value)) return `must be one of ${field.enum.join(", ")}`;
    return undefined;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) return "must be a number";
  if (field.type === "integer" && !Number.isInteger(value)) return "must be an integer";
  if (field.minimum !== undefined && value < field.minimum) return `must be >= ${field.minimum}`;
  if (field.maximum !== undefined && value > field.maximum) return `must be <= ${field.maximum}`;
  return undefined;
}
