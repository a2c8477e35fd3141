import type { Kysely, Migration } from "kysely";
import type { Database } from "../../store/index.js";
import { type Employee, FEATURE_FIELDS } from "./employee-fields.js";

/** A row of attrition_employees: one typed column per field of the data set. */
type EmployeeRow = Record<string, number | string | null> & {
  employee_id: number;
  attrition: string;
  updated_at: number;
};
type Tables = { attrition_employees: EmployeeRow };

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
type AnyDb = Kysely<any>;

/** The attrition project's table: the HR data set, one row per employee (upserted by employee_id). */
export const attritionMigrations: Record<string, Migration> = {
  "0501-attrition-employees": {
    up: async (db: AnyDb) => {
      let table = db.schema
        .createTable("attrition_employees")
        .addColumn("employee_id", "integer", (c) => c.primaryKey());
      for (const f of FEATURE_FIELDS) {
        const type = f.type === "string" ? "text" : f.type === "integer" ? "integer" : "double precision";
        table = table.addColumn(f.name, type, (c) => (f.optional ? c : c.notNull()));
      }
      await table
        .addColumn("attrition", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
    },
    down: async (db: AnyDb) => {
      await db.schema.dropTable("attrition_employees").ifExists().execute();
    },
  },
};

/** How an upsert changed the table: every given employee is counted once. */
export interface UpsertCounts {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

// 22 parameters a row: well under SQLite's (32 766) and PostgreSQL's (65 535) bound-parameter limits.
const CHUNK = 500;

function toEmployee(row: Readonly<Record<string, unknown>>): Employee {
  const features: Record<string, number | string | null> = {};
  for (const f of FEATURE_FIELDS) {
    const v = row[f.name];
    features[f.name] = v === null || v === undefined ? null : f.type === "string" ? String(v) : Number(v);
  }
  return { employeeId: Number(row.employee_id), features, attrition: row.attrition === "yes" ? "yes" : "no" };
}

function sameEmployee(a: Employee, b: Employee): boolean {
  return a.attrition === b.attrition && FEATURE_FIELDS.every((f) => a.features[f.name] === b.features[f.name]);
}

/** The HR data set in the attrition_employees table (SQLite or PostgreSQL). */
export class EmployeesRepository {
  private readonly db: Kysely<Tables>;

  constructor(database: Database) {
    this.db = database.db.withTables<Tables>() as unknown as Kysely<Tables>;
  }

  /**
   * Inserts new employees and replaces changed ones, by employee_id, in one transaction; unchanged rows are not
   * written. With an id given twice, the last one wins (callers reject duplicates before, to report them).
   */
  async upsert(employees: readonly Employee[]): Promise<UpsertCounts> {
    const unique = [...new Map(employees.map((e) => [e.employeeId, e])).values()];
    let inserted = 0;
    let updated = 0;
    const now = Date.now();
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < unique.length; i += CHUNK) {
        const chunk = unique.slice(i, i + CHUNK);
        const existing = new Map(
          (
            await trx
              .selectFrom("attrition_employees")
              .selectAll()
              .where(
                "employee_id",
                "in",
                chunk.map((e) => e.employeeId),
              )
              .execute()
          ).map((r) => [Number(r.employee_id), toEmployee(r)]),
        );
        const writes = chunk.filter((e) => {
          const old = existing.get(e.employeeId);
          if (!old) inserted++;
          else if (!sameEmployee(old, e)) updated++;
          else return false;
          return true;
        });
        if (writes.length === 0) continue;
        const rows = writes.map(
          (e) => ({ employee_id: e.employeeId, ...e.features, attrition: e.attrition, updated_at: now }) as EmployeeRow,
        );
        const columns = [...FEATURE_FIELDS.map((f) => f.name), "attrition", "updated_at"];
        await trx
          .insertInto("attrition_employees")
          .values(rows)
          .onConflict((oc) =>
            oc
              .column("employee_id")
              .doUpdateSet(
                (eb) =>
                  Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}` as "excluded.attrition")])) as never,
              ),
          )
          .execute();
      }
    });
    return { inserted, updated, unchanged: unique.length - inserted - updated };
  }

  /** One employee, or undefined. */
  async get(employeeId: number): Promise<Employee | undefined> {
    const row = await this.db
      .selectFrom("attrition_employees")
      .selectAll()
      .where("employee_id", "=", employeeId)
      .executeTakeFirst();
    return row ? toEmployee(row) : undefined;
  }

  /** How many employees the table holds. */
  async count(): Promise<number> {
    const row = await this.db
      .selectFrom("attrition_employees")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Every employee by increasing employee_id, a page at a time (keyset paging: constant memory per page). */
  async *scan(pageSize = 5000): AsyncIterable<Employee[]> {
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom("attrition_employees")
        .selectAll()
        .where("employee_id", ">", after)
        .orderBy("employee_id")
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return;
      const page = rows.map(toEmployee);
      yield page;
      if (rows.length < pageSize) return;
      after = page[page.length - 1]!.employeeId;
    }
  }

  /** Every employee, ordered by employee_id (the training set). */
  async all(): Promise<Employee[]> {
    const out: Employee[] = [];
    for await (const page of this.scan()) out.push(...page);
    return out;
  }
}
