import { createHash } from "node:crypto";
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Page, Run } from "../entities.js";
import { decodePageToken, encodePageToken } from "../page-token.js";
import { loadRuns, type RunRow } from "../run-details.js";
import type { TrackingTables } from "../tracking-tables.js";
import type { FilterNode, OrderKey } from "./filter-ast.js";
import { compileFilter, keyedTable, orderJoins, orderTerm } from "./search-sql.js";

/** A parsed search: which experiments (undefined: every active one), the filter AST, the order keys. */
export interface RunSearch {
  readonly experimentIds: readonly string[] | undefined;
  readonly filter: FilterNode | undefined;
  readonly orderBy: readonly OrderKey[];
  readonly pageSize: number;
  readonly pageToken?: string;
}

/** Where the next page starts: offset `o`; `a` = how many runs had the first order key (once they are all read). */
type Position = { o: number; a?: number; q: string };

const DEFAULT_ORDER: OrderKey[] = [{ field: { entity: "attribute", key: "start_time" }, direction: "DESC" }];

/**
 * Searches runs. When the first order key is a metric, param or tag, the runs that have it are read first, straight
 * from its (key, value) index in order (so a page costs a few index steps, whatever the run count), then the runs
 * without it; otherwise one query sorts on run attributes. Pages are offsets in an opaque token bound to the query.
 */
export async function searchRuns(db: Kysely<TrackingTables>, postgres: boolean, search: RunSearch): Promise<Page<Run>> {
  const orderBy = search.orderBy.length ? search.orderBy : DEFAULT_ORDER;
  const queryId = createHash("sha256")
    .update(JSON.stringify([search.experimentIds ?? null, search.filter ?? null, orderBy]))
    .digest("base64url")
    .slice(0, 12);
  const position: Position = search.pageToken
    ? decodePageToken<Position>(
        search.pageToken,
        (p): p is Position =>
          p.q === queryId &&
          Number.isSafeInteger(p.o) &&
          (p.o as number) >= 0 &&
          (p.a === undefined ||
            (Number.isSafeInteger(p.a) && (p.a as number) >= 0 && (p.a as number) <= (p.o as number))),
      )
    : { o: 0, q: queryId };
  const size = search.pageSize;
  const where: RawBuilder<unknown>[] = [
    search.experimentIds === undefined
      ? sql`r.experiment_id in (select id from tracking_experiments where deleted_at is null)`
      : sql`r.experiment_id in (${sql.join(search.experimentIds)})`,
  ];
  if (search.filter) where.push(compileFilter(search.filter, postgres));
  const run = async (query: RawBuilder<RunRow>) => (await query.execute(db)).rows;

  const [first, ...rest] = orderBy;
  const firstTable = keyedTable(first!.field);
  if (!firstTable) {
    const { joins, aliases } = orderJoins(orderBy, 0);
    const terms = orderBy.map((k, i) => orderTerm(k, aliases[i]));
    const tie = sql.raw(first!.direction === "DESC" ? "desc" : "asc");
    const rows = await run(
      sql<RunRow>`select r.* from tracking_runs r ${sql.join(joins, sql` `)} where ${sql.join(where, sql` and `)}
        order by ${sql.join(terms)}, r.id ${tie} limit ${size + 1} offset ${position.o}`,
    );
    return page(db, rows, size, { o: position.o + size, q: queryId });
  }

  const { joins, aliases } = orderJoins(rest, 1);
  const restTerms = rest.map((k, i) => orderTerm(k, aliases[i]));
  const key0 = first!.field.key;
  const phaseB = async (offset: number, limit: number) =>
    run(
      sql<RunRow>`select r.* from tracking_runs r ${sql.join(joins, sql` `)}
        where ${sql.join(where, sql` and `)}
          and not exists (select 1 from ${sql.table(firstTable)} x where x.run_id = r.id and x.key = ${key0})
        order by ${sql.join([...restTerms, sql`r.id asc`])} limit ${limit} offset ${offset}`,
    );
  if (position.a !== undefined) {
    const rows = await phaseB(position.o - position.a, size + 1);
    return page(db, rows, size, { o: position.o + size, a: position.a, q: queryId });
  }
  const dir = sql.raw(first!.direction === "DESC" ? "desc" : "asc");
  const rowsA = await run(
    sql<RunRow>`select r.* from ${sql.table(firstTable)} o0 join tracking_runs r on r.id = o0.run_id ${sql.join(joins, sql` `)}
      where o0.key = ${key0} and ${sql.join(where, sql` and `)}
      order by ${sql.join([sql`o0.value ${dir}`, ...restTerms, sql`o0.run_id ${dir}`])}
      limit ${size + 1} offset ${position.o}`,
  );
  if (rowsA.length > size) return page(db, rowsA, size, { o: position.o + size, q: queryId });
  // The runs with the key are all read: fill the page with the first runs without it.
  const need = size - rowsA.length;
  const rowsB = await phaseB(0, need + 1);
  return page(db, [...rowsA, ...rowsB], size, { o: position.o + size, a: position.o + rowsA.length, q: queryId });
}

async function page(db: Kysely<TrackingTables>, rows: RunRow[], size: number, next: Position): Promise<Page<Run>> {
  const items = await loadRuns(db, rows.slice(0, size));
  return rows.length > size ? { items, nextPageToken: encodePageToken(next) } : { items };
}
