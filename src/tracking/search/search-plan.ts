import { createHash } from "node:crypto";
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { RunRow } from "../run-details.js";
import type { TrackingTables } from "../tracking-tables.js";
import type { FilterNode, OrderKey } from "./filter-ast.js";
import {
  attributeColumn,
  compileFilter,
  condition,
  driverCandidates,
  isNullableAttribute,
  keyedTable,
  orderJoins,
  orderTerm,
  type Predicate,
} from "./search-sql.js";

/** A parsed search: which experiments (undefined: every active one), the filter AST, the order keys. */
export interface RunSearch {
  readonly experimentIds: readonly string[] | undefined;
  readonly filter: FilterNode | undefined;
  readonly orderBy: readonly OrderKey[];
  readonly pageSize: number;
  readonly pageToken?: string;
}

/** Where a page starts: an offset, or (keyset) after the sort value and id of the previous page's last run. */
export type Cursor =
  | { readonly offset: number }
  | { readonly after: { readonly value: string | number | null; readonly id: string } };

/** A run row with the value it was sorted by (for the next page's keyset cursor). */
export type SortedRow = RunRow & { sort_value: string | number | null };

/**
 * The SQL of a search: `withKey` reads the runs having the first order key in that key's index order (absent when
 * the first key is an attribute); `rest` reads the other runs (without `withKey`: all of them). With `keyset`
 * (one order key, never null) pages continue after the last run's (value, id), so page 100 costs what page 1 does;
 * otherwise (several order keys) pages are offsets.
 */
export interface SearchQueries {
  readonly queryId: string;
  readonly keyset: boolean;
  readonly withKey?: (cursor: Cursor, limit: number) => RawBuilder<SortedRow>;
  readonly rest: (cursor: Cursor, limit: number) => RawBuilder<SortedRow>;
}

const DEFAULT_ORDER: OrderKey[] = [{ field: { entity: "attribute", key: "start_time" }, direction: "DESC" }];

/** An id of the query (experiments, filter, order), so a page token is only accepted by the search that made it. */
export function queryIdOf(search: RunSearch): string {
  const orderBy = search.orderBy.length ? search.orderBy : DEFAULT_ORDER;
  return createHash("sha256")
    .update(JSON.stringify([search.experimentIds ?? null, search.filter ?? null, orderBy]))
    .digest("base64url")
    .slice(0, 12);
}

/**
 * Chooses, on SQLite, a filter predicate to drive the search from its own index: worth it when few runs match it, so
 * reading them and sorting beats walking the order key's index until a page of matches turns up. A bounded count
 * per candidate measures "few" against a small cost model (walking costs about (offset + pageSize) × runs ÷ matches
 * steps, driving about 6 steps per match). PostgreSQL's planner makes this choice itself from its statistics.
 */
async function chooseDriver(
  db: Kysely<TrackingTables>,
  search: RunSearch,
  offset: number,
): Promise<Predicate | undefined> {
  const candidates = driverCandidates(search.filter).slice(0, 3);
  if (candidates.length === 0) return undefined;
  const runs = await sql<{ n: number | null }>`select max(rowid) as n from tracking_runs`.execute(db);
  const total = Number(runs.rows[0]?.n ?? 0);
  const limit = Math.min(20_000, Math.max(500, Math.ceil(Math.sqrt(((offset + search.pageSize) * total) / 6))));
  let best: { node: Predicate; count: number } | undefined;
  for (const node of candidates) {
    const table = sql.table(keyedTable(node.field)!);
    const scope = experimentScope(node, search);
    const probe = await sql<{ n: number }>`select count(*) as n from (select 1 from ${table} d
        where ${scope} d.key = ${node.field.key} and ${condition(node, sql.ref("d.value"), false)} limit ${limit})`.execute(
      db,
    );
    const count = Number(probe.rows[0]?.n ?? limit);
    if (count < limit && (!best || count < best.count)) best = { node, count };
  }
  return best?.node;
}

/** `d.experiment_id = ? and` when `d` holds latest metrics and the search has one experiment (its own index range). */
function experimentScope(node: Predicate, search: RunSearch, alias = "d"): RawBuilder<unknown> {
  return node.field.entity === "metric" && search.experimentIds?.length === 1
    ? sql`${sql.ref(`${alias}.experiment_id`)} = ${search.experimentIds[0]} and`
    : sql``;
}

/** Builds the SQL of a search (choosing a driving predicate on SQLite). */
export async function planSearch(
  db: Kysely<TrackingTables>,
  postgres: boolean,
  search: RunSearch,
  offset: number,
  drivers: "auto" | "off" = "auto",
): Promise<SearchQueries> {
  const queryId = queryIdOf(search);
  const orderBy = search.orderBy.length ? search.orderBy : DEFAULT_ORDER;
  const driver = postgres || drivers === "off" ? undefined : await chooseDriver(db, search, offset);
  // SQLite keeps CROSS JOIN operands in the written order: the plan chosen here is the plan run.
  const join = sql.raw(postgres ? "join" : "cross join");
  /** The WHERE terms, filter lookups correlated on `runId` (the driving table's run id), the run's own terms last. */
  const where = (runId: string) => {
    const terms: RawBuilder<unknown>[] = [];
    if (driver)
      terms.push(
        sql`${experimentScope(driver, search)} d.key = ${driver.field.key} and ${condition(driver, sql.ref("d.value"), false)}`,
      );
    if (search.filter) terms.push(compileFilter(search.filter, postgres, runId));
    terms.push(
      search.experimentIds === undefined
        ? sql`r.experiment_id in (select id from tracking_experiments where deleted_at is null)`
        : sql`r.experiment_id in (${sql.join(search.experimentIds)})`,
    );
    return sql.join(terms, sql` and `);
  };
  /** FROM: the driver's index range then the runs, or the runs alone. */
  const from = driver
    ? sql`${sql.table(keyedTable(driver.field)!)} d ${join} tracking_runs r on r.id = d.run_id`
    : sql`tracking_runs r`;
  const conditions = where(driver ? "d.run_id" : "r.id");

  const [first, ...others] = orderBy;
  const firstTable = keyedTable(first!.field);
  const keyset = orderBy.length === 1 && (firstTable !== undefined || !isNullableAttribute(first!.field.key));
  const dir = sql.raw(first!.direction === "DESC" ? "desc" : "asc");
  const cmp = sql.raw(first!.direction === "DESC" ? "<" : ">");
  const limitClause = (cursor: Cursor, limit: number) =>
    "offset" in cursor ? sql`limit ${limit} offset ${cursor.offset}` : sql`limit ${limit}`;
  /** The keyset condition after (value, id) on a sort expression and a run id column, or nothing for an offset. */
  const after = (cursor: Cursor, value: RawBuilder<unknown> | undefined, id: string) => {
    if ("offset" in cursor) return sql``;
    return value === undefined
      ? sql`and ${sql.ref(id)} > ${cursor.after.id}`
      : sql`and (${value}, ${sql.ref(id)}) ${cmp} (${cursor.after.value}, ${cursor.after.id})`;
  };
  if (!firstTable) {
    const { joins, aliases } = orderJoins(orderBy, 0);
    const terms = orderBy.map((k, i) => orderTerm(k, aliases[i]));
    const column = attributeColumn(first!.field.key);
    return {
      queryId,
      keyset,
      rest: (cursor, limit) =>
        sql<SortedRow>`select r.*, ${column} as sort_value from ${from} ${sql.join(joins, sql` `)}
          where ${conditions} ${after(cursor, column, "r.id")}
          order by ${sql.join(terms)}, r.id ${dir} ${limitClause(cursor, limit)}`,
    };
  }
  const { joins, aliases } = orderJoins(others, 1);
  const restTerms = others.map((k, i) => orderTerm(k, aliases[i]));
  const key0 = first!.field.key;
  const order = sql.join([sql`o0.value ${dir}`, ...restTerms, sql`o0.run_id ${dir}`]);
  const scope0 =
    first!.field.entity === "metric" && search.experimentIds?.length === 1
      ? sql`o0.experiment_id = ${search.experimentIds[0]} and`
      : sql``;
  const withKey = driver
    ? (cursor: Cursor, limit: number) =>
        sql<SortedRow>`select r.*, o0.value as sort_value from ${from}
          ${join} ${sql.table(firstTable)} o0 on o0.run_id = r.id and o0.key = ${key0} ${sql.join(joins, sql` `)}
          where ${conditions} ${after(cursor, sql`o0.value`, "o0.run_id")} order by ${order} ${limitClause(cursor, limit)}`
    : (cursor: Cursor, limit: number) =>
        // Walk the order key's index in order; each run is checked as it comes, and a page stops the walk.
        sql<SortedRow>`select r.*, o0.value as sort_value from ${sql.table(firstTable)} o0
          ${join} tracking_runs r on r.id = o0.run_id ${sql.join(joins, sql` `)}
          where ${scope0} o0.key = ${key0} and ${where("o0.run_id")} ${after(cursor, sql`o0.value`, "o0.run_id")}
          order by ${order} ${limitClause(cursor, limit)}`;
  return {
    queryId,
    keyset,
    withKey,
    rest: (cursor, limit) =>
      sql<SortedRow>`select r.*, null as sort_value from ${from} ${sql.join(joins, sql` `)}
        where ${conditions} and not exists (select 1 from ${sql.table(firstTable)} x where x.run_id = r.id and x.key = ${key0})
        ${after(cursor, undefined, "r.id")}
        order by ${sql.join([...restTerms, sql`r.id asc`])} ${limitClause(cursor, limit)}`,
  };
}
