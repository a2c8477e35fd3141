import { type Kysely, type Migration, sql } from "kysely";
import { type Database, isPostgres } from "../../store/index.js";
import { lastWins, type SalesRepository } from "./sales-repository.js";
import type { RawSale } from "./sales-rows.js";

type SalesTables = {
  sales_raw: { year_week: number; vegetable: string; sales: number; updated_at: number };
};

/** The sales project's tables. */
export const salesMigrations: Record<string, Migration> = {
  "0001-sales-raw": {
    // biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable("sales_raw")
        .ifNotExists()
        .addColumn("year_week", "integer", (c) => c.notNull())
        // Byte order in both dialects, so pages and listings sort the same everywhere.
        .addColumn("vegetable", isPostgres(db) ? sql`text collate "C"` : "text", (c) => c.notNull())
        .addColumn("sales", "double precision", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("sales_raw_pk", ["year_week", "vegetable"])
        .execute();
    },
    // biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
    down: async (db: Kysely<any>) => {
      await db.schema.dropTable("sales_raw").ifExists().execute();
    },
  },
};

// Well under SQLite's and PostgreSQL's bound-parameter limits (4 parameters a row).
const CHUNK = 2000;

/** Raw sales in SQLite or PostgreSQL (the `sales_raw` table), upserted on (year_week, vegetable). */
export class SqlSalesRepository implements SalesRepository {
  private readonly db: Kysely<SalesTables>;

  constructor(private readonly database: Database) {
    this.db = database.db.withTables<SalesTables>() as unknown as Kysely<SalesTables>;
  }

  async upsert(rows: readonly RawSale[]): Promise<void> {
    const unique = lastWins(rows);
    if (unique.length === 0) return;
    const now = Date.now();
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < unique.length; i += CHUNK) {
        await trx
          .insertInto("sales_raw")
          .values(
            unique
              .slice(i, i + CHUNK)
              .map((r) => ({ year_week: r.yearWeek, vegetable: r.vegetable, sales: r.sales, updated_at: now })),
          )
          .onConflict((oc) =>
            oc.columns(["year_week", "vegetable"]).doUpdateSet((eb) => ({
              sales: eb.ref("excluded.sales"),
              updated_at: eb.ref("excluded.updated_at"),
            })),
          )
          .execute();
      }
    });
  }

  async *scan(pageSize = 5000): AsyncIterable<RawSale[]> {
    let after: { yearWeek: number; vegetable: string } | undefined;
    for (;;) {
      let q = this.db.selectFrom("sales_raw").select(["year_week", "vegetable", "sales"]);
      if (after) {
        const a = after;
        q = q.where((eb) =>
          eb.or([
            eb("year_week", ">", a.yearWeek),
            eb.and([eb("year_week", "=", a.yearWeek), eb("vegetable", ">", a.vegetable)]),
          ]),
        );
      }
      const rows = await q.orderBy("year_week").orderBy("vegetable").limit(pageSize).execute();
      if (rows.length === 0) return;
      const page = rows.map((r) => ({ yearWeek: Number(r.year_week), vegetable: r.vegetable, sales: Number(r.sales) }));
      yield page;
      if (rows.length < pageSize) return;
      after = page[page.length - 1]!;
    }
  }

  async clear(): Promise<void> {
    await this.db.deleteFrom("sales_raw").execute();
  }

  async close(): Promise<void> {
    await this.database.close();
  }
}
