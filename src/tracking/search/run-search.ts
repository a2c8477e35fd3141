import { CompiledQuery, type Kysely, type RawBuilder } from "kysely";
import type { Page, Run } from "../entities.js";
import { decodePageToken, encodePageToken } from "../page-token.js";
import { loadRuns, type RunRow } from "../run-details.js";
import type { TrackingTables } from "../tracking-tables.js";
import { planSearch, queryIdOf, type RunSearch } from "./search-plan.js";

export type { RunSearch } from "./search-plan.js";

/** Where the next page starts: offset `o`; `a` = how many runs had the first order key (once they are all read). */
type Position = { o: number; a?: number; q: string };

function position(search: RunSearch): Position {
  const queryId = queryIdOf(search);
  return search.pageToken
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
}

/**
 * Searches runs. When the first order key is a metric, param or tag, the runs that have it are read first, straight
 * from its (key, value) index in order (so a page costs a few index steps, whatever the run count), then the runs
 * without it; otherwise one query sorts on run attributes. Pages are offsets in an opaque token bound to the query.
 */
export async function searchRuns(
  db: Kysely<TrackingTables>,
  postgres: boolean,
  search: RunSearch,
  drivers: "auto" | "off" = "auto",
): Promise<Page<Run>> {
  const at = position(search);
  const queries = await planSearch(db, postgres, search, at.o, drivers);
  const queryId = queries.queryId;
  const size = search.pageSize;
  const run = async (query: RawBuilder<RunRow>) => (await query.execute(db)).rows;
  if (!queries.withKey || at.a !== undefined) {
    // Attribute order, or every run with the first key already read: the rest, from where the token says.
    const rows = await run(queries.rest(at.o - (at.a ?? 0), size + 1));
    return page(db, rows, size, {
      o: at.o + size,
      ...(at.a === undefined ? {} : { a: at.a }),
      q: queryId,
    });
  }
  const rowsA = await run(queries.withKey(at.o, size + 1));
  if (rowsA.length > size) return page(db, rowsA, size, { o: at.o + size, q: queryId });
  // The runs with the key are all read: fill the page with the first runs without it.
  const rowsB = await run(queries.rest(0, size - rowsA.length + 1));
  return page(db, [...rowsA, ...rowsB], size, { o: at.o + size, a: at.o + rowsA.length, q: queryId });
}

/** The engine's plan for the first query of a search (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL). */
export async function explainRunSearch(
  db: Kysely<TrackingTables>,
  postgres: boolean,
  search: RunSearch,
): Promise<string> {
  const queries = await planSearch(db, postgres, search, position(search).o);
  const compiled = (queries.withKey ?? queries.rest)(0, search.pageSize + 1).compile(db);
  const prefix = postgres ? "explain (analyze, costs off, summary on) " : "explain query plan ";
  const result = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]),
  );
  if (postgres) return result.rows.map((r) => String(r["QUERY PLAN"])).join("\n");
  // SQLite: rows of (id, parent, detail), indented by depth.
  const depth = new Map<number, number>([[0, -1]]);
  return result.rows
    .map((r) => {
      const d = (depth.get(Number(r.parent)) ?? -1) + 1;
      depth.set(Number(r.id), d);
      return `${"  ".repeat(d)}${String(r.detail)}`;
    })
    .join("\n");
}

async function page(db: Kysely<TrackingTables>, rows: RunRow[], size: number, next: Position): Promise<Page<Run>> {
  const items = await loadRuns(db, rows.slice(0, size));
  return rows.length > size ? { items, nextPageToken: encodePageToken(next) } : { items };
}
