import { type RawBuilder, sql } from "kysely";
import type { AttributeName, CompareOp, Field, FilterNode, OrderKey } from "./filter-ast.js";

/**
 * Compiles a filter AST and an order-by to SQL over `tracking_runs r`. Every value and key is a bound parameter;
 * the only SQL text comes from the fixed tables below (operators, columns, table names), never from the user.
 */

const OPERATORS: Readonly<Record<CompareOp, string>> = {
  "=": "=",
  "!=": "<>",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
};

const ATTRIBUTE_COLUMNS: Readonly<Record<AttributeName, { column: string; nullable: boolean }>> = {
  run_id: { column: "r.id", nullable: false },
  run_name: { column: "r.name", nullable: false },
  status: { column: "r.status", nullable: false },
  start_time: { column: "r.start_time", nullable: false },
  end_time: { column: "r.end_time", nullable: true },
  experiment_id: { column: "r.experiment_id", nullable: false },
  parent_run_id: { column: "r.parent_run_id", nullable: true },
  created_by: { column: "r.created_by", nullable: false },
  git_commit: { column: "r.git_commit", nullable: true },
};

/** A run attribute's column (`r.start_time`…), for sorting and keyset cursors. */
export function attributeColumn(key: string): RawBuilder<unknown> {
  return sql.ref(ATTRIBUTE_COLUMNS[key as AttributeName].column);
}

/** True for attributes that may be NULL (end_time, parent_run_id, git_commit): they page by offset. */
export function isNullableAttribute(key: string): boolean {
  return ATTRIBUTE_COLUMNS[key as AttributeName].nullable;
}

/** The table holding a keyed field's values: latest metrics, params or tags (one row per run and key). */
export function keyedTable(field: Field): string | undefined {
  if (field.entity === "metric") return "tracking_latest_metrics";
  if (field.entity === "param") return "tracking_params";
  if (field.entity === "tag") return "tracking_run_tags";
  return undefined;
}

/** A LIKE pattern (% and _ wildcards, no escape character) as an SQLite GLOB pattern, which is case-sensitive. */
export function likeToGlob(pattern: string): string {
  let out = "";
  for (const c of pattern) {
    if (c === "%") out += "*";
    else if (c === "_") out += "?";
    else if (c === "*" || c === "?" || c === "[") out += `[${c}]`;
    else out += c;
  }
  return out;
}

/** `value LIKE pattern` with the same meaning on both engines (LIKE case-sensitive, ILIKE not; no escape character). */
function like(
  value: RawBuilder<unknown>,
  op: "LIKE" | "ILIKE",
  pattern: string,
  postgres: boolean,
): RawBuilder<unknown> {
  if (postgres)
    return op === "LIKE" ? sql`${value} like ${pattern} escape ''` : sql`${value} ilike ${pattern} escape ''`;
  // SQLite's LIKE ignores (ASCII) case, so it is ILIKE; GLOB is the case-sensitive match.
  return op === "LIKE" ? sql`${value} glob ${likeToGlob(pattern)}` : sql`${value} like ${pattern}`;
}

/** One comparison of a filter (a leaf of its AST). */
export type Predicate = Exclude<FilterNode, { type: "and" | "or" }>;

/** The condition one predicate puts on a value expression. */
export function condition(node: Predicate, value: RawBuilder<unknown>, postgres: boolean) {
  switch (node.type) {
    case "compare":
      return sql`${value} ${sql.raw(OPERATORS[node.op])} ${node.value}`;
    case "in":
      return node.negated
        ? sql`${value} not in (${sql.join(node.values)})`
        : sql`${value} in (${sql.join(node.values)})`;
    case "like": {
      const matched = like(value, node.op, node.pattern, postgres);
      return node.negated ? sql`not (${matched})` : matched;
    }
  }
}

/**
 * A filter as a boolean SQL expression on `r`. Metrics, params, tags and data sets match through EXISTS on their
 * (key, value) index: `params.a != '1'` means "has param a, with another value" (runs without it do not match).
 * `runId` names the run id column the lookups correlate on: the driving index's own `run_id` lets a run be
 * rejected before its row is read.
 */
export function compileFilter(node: FilterNode, postgres: boolean, runId = "r.id"): RawBuilder<unknown> {
  if (node.type === "and" || node.type === "or") {
    const left = compileFilter(node.left, postgres, runId);
    const right = compileFilter(node.right, postgres, runId);
    return node.type === "and" ? sql`(${left} and ${right})` : sql`(${left} or ${right})`;
  }
  const field = node.field;
  if (field.entity === "attribute") {
    const { column } = ATTRIBUTE_COLUMNS[field.key as AttributeName];
    return condition(node, sql.ref(column), postgres);
  }
  if (field.entity === "dataset") {
    const column = sql.ref(`d.${field.key}`);
    return sql`exists (select 1 from tracking_run_datasets d where d.run_id = ${sql.ref(runId)} and ${condition(node, column, postgres)})`;
  }
  const table = sql.table(keyedTable(field)!);
  // On SQLite `+f.value` keeps the planner off the (key, value) index inside this per-run lookup: the primary key
  // (run_id, key) finds the one row directly, where a range scan of the index would visit every matching run.
  const value = postgres ? sql.ref("f.value") : sql`+f.value`;
  return sql`exists (select 1 from ${table} f where f.run_id = ${sql.ref(runId)} and f.key = ${field.key} and ${condition(node, value, postgres)})`;
}

/** How one order key sorts, given the alias its values are joined under (keyed fields) or none (attributes). */
export function orderTerm(key: OrderKey, alias: string | undefined): RawBuilder<unknown> {
  const direction = sql.raw(key.direction === "DESC" ? "desc" : "asc");
  if (alias !== undefined) {
    // Runs without the key sort last in both directions, on both engines.
    const value = sql.ref(`${alias}.value`);
    return sql`(case when ${value} is null then 1 else 0 end), ${value} ${direction}`;
  }
  const { column, nullable } = ATTRIBUTE_COLUMNS[key.field.key as AttributeName];
  return nullable
    ? sql`(case when ${sql.ref(column)} is null then 1 else 0 end), ${sql.ref(column)} ${direction}`
    : sql`${sql.ref(column)} ${direction}`;
}

/** LEFT JOINs bringing in the values of keyed order keys (metrics, params, tags) under aliases o1, o2… */
export function orderJoins(
  keys: readonly OrderKey[],
  firstAlias = 1,
): { joins: RawBuilder<unknown>[]; aliases: (string | undefined)[] } {
  const joins: RawBuilder<unknown>[] = [];
  const aliases: (string | undefined)[] = [];
  keys.forEach((key, i) => {
    const table = keyedTable(key.field);
    if (!table) {
      aliases.push(undefined);
      return;
    }
    const alias = `o${firstAlias + i}`;
    aliases.push(alias);
    joins.push(
      sql`left join ${sql.table(table)} ${sql.raw(alias)} on ${sql.ref(`${alias}.run_id`)} = r.id and ${sql.ref(`${alias}.key`)} = ${key.field.key}`,
    );
  });
  return { joins, aliases };
}

/**
 * The predicates that could drive a search from their own (key, value) index: metric, param and tag comparisons
 * (not !=) and IN lists that every matching run must satisfy (top-level AND terms).
 */
export function driverCandidates(node: FilterNode | undefined): Predicate[] {
  if (!node) return [];
  if (node.type === "and") return [...driverCandidates(node.left), ...driverCandidates(node.right)];
  if (node.type === "or" || !keyedTable(node.field)) return [];
  if (node.type === "compare" && node.op !== "!=") return [node];
  if (node.type === "in" && !node.negated) return [node];
  return [];
}
