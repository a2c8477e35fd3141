import { CompiledQuery, type Kysely, type RawBuilder } from "kysely";
import { AppError } from "../../core/index.js";
import type { Page, Run } from "../entities.js";
import { decodePageToken, encodePageToken } from "../page-token.js";
import { loadRuns } from "../run-details.js";
import type { TrackingTables } from "../tracking-tables.js";
import { planSearch, queryIdOf, type RunSearch, type SortedRow } from "./search-plan.js";

export type { RunSearch } from "./search-plan.js";

/** An offset page token: offset `o`; `a` = how many runs had the first order key (once they were all read). */
type OffsetToken = { q: string; o: number; a?: number };
/** A keyset page token: in part `a` (runs with the first key) or `b` (the others), after (value `v`, run id `i`). */
type KeysetToken = { q: string; p: "a" | "b"; v: string | number | null; i: string };

const isValue = (v: unknown) => v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));

/** The token's position, checked against the query it must belong to. */
function readToken(search: RunSearch): OffsetToken | KeysetToken | undefined {
  if (!search.pageToken) return undefined;
  const queryId = queryIdOf(search);
  return decodePageToken<OffsetToken | KeysetToken>(
    search.pageToken,
    (t): t is OffsetToken | KeysetToken =>
      t.q === queryId &&
      (t.p === undefined
        ? Number.isSafeInteger(t.o) &&
          (t.o as number) >= 0 &&
          (t.a === undefined ||
            (Number.isSafeInteger(t.a) && (t.a as number) >= 0 && (t.a as number) <= (t.o as number)))
        : (t.p === "a" || t.p === "b") && typeof t.i === "string" && isValue(t.v)),
  );
}

/**
 * Searches runs. When the first order key is a metric, param or tag, the runs that have it are read first, straight
 * from its (key, value) index in order (so a page costs a few index steps, whatever the run count), then the runs
 * without it; otherwise one query sorts on run attributes. With one order key, pages continue after the previous
 * page's last (value, run id) (keyset); with several, at an offset. Either way the token is opaque and bound to the
 * query that made it.
 */
export async function searchRuns(
  db: Kysely<TrackingTables>,
  postgres: boolean,
  search: RunSearch,
  drivers: "auto" | "off" = "auto",
): Promise<Page<Run>> {
  const token = readToken(search);
  const queries = await planSearch(db, postgres, search, token && "o" in token ? token.o : 0, drivers);
  const q = queries.queryId;
  const size = search.pageSize;
  const run = async (query: RawBuilder<SortedRow>) => (await query.execute(db)).rows;
  if (token && "o" in token === queries.keyset) throw invalidToken();

  if (!queries.keyset) {
    const at = (token as OffsetToken | undefined) ?? { q, o: 0 };
    if (!queries.withKey || at.a !== undefined) {
      // Attribute order, or every run with the first key already read: the rest, from where the token says.
      const rows = await run(queries.rest({ offset: at.o - (at.a ?? 0) }, size + 1));
      return page(db, rows, size, () => ({ q, o: at.o + size, ...(at.a === undefined ? {} : { a: at.a }) }));
    }
    const rowsA = await run(queries.withKey({ offset: at.o }, size + 1));
    if (rowsA.length > size) return page(db, rowsA, size, () => ({ q, o: at.o + size }));
    // The runs with the key are all read: fill the page with the first runs without it.
    const rowsB = await run(queries.rest({ offset: 0 }, size - rowsA.length + 1));
    return page(db, [...rowsA, ...rowsB], size, () => ({ q, o: at.o + size, a: at.o + rowsA.length }));
  }

  const at = token as KeysetToken | undefined;
  const cursor = at ? { after: { value: at.v, id: at.i } } : { offset: 0 };
  const next = (part: "a" | "b") => (last: SortedRow) => ({ q, p: part, v: last.sort_value, i: last.id });
  if (!queries.withKey) return page(db, await run(queries.rest(cursor, size + 1)), size, next("a"));
  if (at?.p === "b") return page(db, await run(queries.rest(cursor, size + 1)), size, next("b"));
  const rowsA = await run(queries.withKey(cursor, size + 1));
  if (rowsA.length > size) return page(db, rowsA, size, next("a"));
  const rowsB = await run(queries.rest({ offset: 0 }, size - rowsA.length + 1));
  // The next page starts in part b: at its beginning ('' sorts before every id) when this page ends in part a.
  return page(db, [...rowsA, ...rowsB], size, (last) =>
    rowsA.length >= size ? { q, p: "b", v: null, i: "" } : next("b")(last),
  );
}

function invalidToken(): AppError {
  return new AppError("INVALID_INPUT", "Bad pageToken: pass back the nextPageToken of the previous page unchanged", [
    { field: "pageToken", reason: "is not a token this search gave" },
  ]);
}

/** The engine's plan for the first query of a search (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL). */
export async function explainRunSearch(
  db: Kysely<TrackingTables>,
  postgres: boolean,
  search: RunSearch,
): Promise<string> {
  const queries = await planSearch(db, postgres, search, 0);
  const compiled = (queries.withKey ?? queries.rest)({ offset: 0 }, search.pageSize + 1).compile(db);
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

/** The first `size` rows as runs, and a token for the next page when there was one more row. */
async function page(
  db: Kysely<TrackingTables>,
  rows: SortedRow[],
  size: number,
  next: (last: SortedRow) => Record<string, unknown>,
): Promise<Page<Run>> {
  const items = await loadRuns(db, rows.slice(0, size));
  return rows.length > size ? { items, nextPageToken: encodePageToken(next(rows[size - 1]!)) } : { items };
}
