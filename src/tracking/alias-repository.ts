import type { Kysely } from "kysely";
import { AppError } from "../core/index.js";
import type { Database } from "../store/index.js";
import type { AliasMove, Page } from "./entities.js";
import { decodePageToken, encodePageToken } from "./page-token.js";
import { lockModel, type RegistryTrx } from "./registry-repository.js";
import type { RegistryTables } from "./registry-tables.js";

type HistoryRow = RegistryTables["registry_alias_history"];

function toMove(row: HistoryRow): AliasMove {
  return {
    modelName: row.model_name,
    alias: row.alias,
    seq: Number(row.seq),
    fromVersion: row.from_version === null ? null : Number(row.from_version),
    toVersion: row.to_version === null ? null : Number(row.to_version),
    movedAt: new Date(Number(row.moved_at)),
    movedBy: row.moved_by,
    reason: row.reason,
  };
}

/** Who moves an alias, when and why. */
export interface MoveContext {
  readonly now: number;
  readonly by: string;
  readonly reason: string;
}

/**
 * Aliases (one version each: the primary key) and their history. Every move runs in one transaction under the
 * model's lock: read the current version, write the new one, append the history row; so concurrent moves are
 * applied one after the other, each recorded with the version it really replaced.
 */
export class AliasRepository {
  private readonly db: Kysely<RegistryTables>;

  constructor(database: Database) {
    this.db = database.db.withTables<RegistryTables>() as unknown as Kysely<RegistryTables>;
  }

  /** Points an alias at a version (NOT_FOUND without that version). Moving it where it already is records nothing. */
  async set(name: string, alias: string, version: number, move: MoveContext): Promise<AliasMove | undefined> {
    return this.db.transaction().execute(async (trx) => {
      await lockModel(trx, name, move.now);
      const exists = await trx
        .selectFrom("registry_versions")
        .select("version")
        .where("model_name", "=", name)
        .where("version", "=", version)
        .executeTakeFirst();
      if (!exists) throw new AppError("NOT_FOUND", `No version ${version} of model ${name}`);
      const current = await this.current(trx, name, alias);
      if (current === version) return undefined;
      await trx
        .insertInto("registry_aliases")
        .values({ model_name: name, alias, version, updated_at: move.now, updated_by: move.by })
        .onConflict((oc) =>
          oc.columns(["model_name", "alias"]).doUpdateSet({ version, updated_at: move.now, updated_by: move.by }),
        )
        .execute();
      return this.record(trx, name, alias, current ?? null, version, move);
    });
  }

  /** Removes an alias (recorded as a move to no version); NOT_FOUND when it is not set. */
  async remove(name: string, alias: string, move: MoveContext): Promise<AliasMove> {
    return this.db.transaction().execute(async (trx) => {
      await lockModel(trx, name, move.now);
      const current = await this.current(trx, name, alias);
      if (current === undefined) throw new AppError("NOT_FOUND", `Model ${name} has no alias ${alias}`);
      await trx.deleteFrom("registry_aliases").where("model_name", "=", name).where("alias", "=", alias).execute();
      return this.record(trx, name, alias, current, null, move);
    });
  }

  private async current(
    trx: RegistryTrx | Kysely<RegistryTables>,
    name: string,
    alias: string,
  ): Promise<number | undefined> {
    const row = await trx
      .selectFrom("registry_aliases")
      .select("version")
      .where("model_name", "=", name)
      .where("alias", "=", alias)
      .executeTakeFirst();
    return row ? Number(row.version) : undefined;
  }

  private async record(
    trx: RegistryTrx,
    name: string,
    alias: string,
    from: number | null,
    to: number | null,
    move: MoveContext,
  ): Promise<AliasMove> {
    const last = await trx
      .selectFrom("registry_alias_history")
      .select(["seq", "moved_at"])
      .where("model_name", "=", name)
      .where("alias", "=", alias)
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    const row: HistoryRow = {
      model_name: name,
      alias,
      seq: last ? Number(last.seq) + 1 : 1,
      from_version: from,
      to_version: to,
      // Never before the previous move, even if the clock stepped back: "as of" answers stay consistent.
      moved_at: last ? Math.max(move.now, Number(last.moved_at)) : move.now,
      moved_by: move.by,
      reason: move.reason,
    };
    await trx.insertInto("registry_alias_history").values(row).execute();
    return toMove(row);
  }

  /** The version an alias points to now, or pointed to at an instant (undefined when it pointed nowhere). */
  async resolve(name: string, alias: string, at?: number): Promise<{ version: number; move: AliasMove } | undefined> {
    let q = this.db
      .selectFrom("registry_alias_history")
      .selectAll()
      .where("model_name", "=", name)
      .where("alias", "=", alias);
    if (at !== undefined) q = q.where("moved_at", "<=", at);
    const row = await q.orderBy("moved_at", "desc").orderBy("seq", "desc").limit(1).executeTakeFirst();
    if (!row || row.to_version === null) return undefined;
    return { version: Number(row.to_version), move: toMove(row) };
  }

  /** Every move of an alias, oldest first, a page at a time. */
  async history(name: string, alias: string, pageSize: number, pageToken?: string): Promise<Page<AliasMove>> {
    const after = pageToken
      ? decodePageToken<{ s: number }>(pageToken, (x): x is { s: number } => Number.isSafeInteger(x.s)).s
      : 0;
    const rows = await this.db
      .selectFrom("registry_alias_history")
      .selectAll()
      .where("model_name", "=", name)
      .where("alias", "=", alias)
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(pageSize + 1)
      .execute();
    const items = rows.slice(0, pageSize).map(toMove);
    return rows.length > pageSize
      ? { items, nextPageToken: encodePageToken({ s: items[items.length - 1]!.seq }) }
      : { items };
  }

  /** The aliases of a model and their versions. */
  async list(name: string): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom("registry_aliases")
      .select(["alias", "version"])
      .where("model_name", "=", name)
      .orderBy("alias")
      .execute();
    return Object.fromEntries(rows.map((r) => [r.alias, Number(r.version)]));
  }
}
