import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { AppError } from "../core/index.js";
import type { Database } from "../store/index.js";
import type { Experiment, Page } from "./entities.js";
import { fromJsonText, toJsonText } from "./json-columns.js";
import { decodePageToken, encodePageToken } from "./page-token.js";
import { isUniqueViolation } from "./sql-errors.js";
import type { TrackingTables } from "./tracking-tables.js";

type Row = TrackingTables["tracking_experiments"];

/** Which experiments a listing shows. */
export type ExperimentView = "active" | "deleted" | "all";

function toExperiment(row: Row): Experiment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    tags: fromJsonText(row.tags, {}),
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
    deletedAt: row.deleted_at === null ? null : new Date(Number(row.deleted_at)),
  };
}

/** Experiments in SQL (SQLite or PostgreSQL). Names are unique, deleted ones included (restore brings them back). */
export class ExperimentRepository {
  private readonly db: Kysely<TrackingTables>;

  constructor(database: Database) {
    this.db = database.db.withTables<TrackingTables>() as unknown as Kysely<TrackingTables>;
  }

  async create(
    input: { name: string; description: string; tags: Record<string, string> },
    now: number,
  ): Promise<Experiment> {
    const row: Row = {
      id: randomUUID().replaceAll("-", ""),
      name: input.name,
      description: input.description,
      tags: toJsonText(input.tags),
      created_at: now,
      updated_at: now,
      deleted_at: null,
    };
    try {
      await this.db.insertInto("tracking_experiments").values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        const existing = await this.findByName(input.name);
        const hint = existing?.deletedAt ? " (it is deleted: restore it or choose another name)" : "";
        throw new AppError("CONFLICT", `An experiment named "${input.name}" already exists${hint}`);
      }
      throw error;
    }
    return toExperiment(row);
  }

  async get(id: string): Promise<Experiment | undefined> {
    const row = await this.db.selectFrom("tracking_experiments").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toExperiment(row) : undefined;
  }

  async findByName(name: string): Promise<Experiment | undefined> {
    const row = await this.db
      .selectFrom("tracking_experiments")
      .selectAll()
      .where("name", "=", name)
      .executeTakeFirst();
    return row ? toExperiment(row) : undefined;
  }

  /** Experiments by name in byte order, a page at a time. */
  async list(view: ExperimentView, pageSize: number, pageToken?: string): Promise<Page<Experiment>> {
    const after = pageToken
      ? decodePageToken<{ name: string }>(pageToken, (v): v is { name: string } => typeof v.name === "string").name
      : undefined;
    let q = this.db.selectFrom("tracking_experiments").selectAll();
    if (view === "active") q = q.where("deleted_at", "is", null);
    if (view === "deleted") q = q.where("deleted_at", "is not", null);
    if (after !== undefined) q = q.where("name", ">", after);
    const rows = await q
      .orderBy("name")
      .limit(pageSize + 1)
      .execute();
    const items = rows.slice(0, pageSize).map(toExperiment);
    return rows.length > pageSize
      ? { items, nextPageToken: encodePageToken({ name: items[items.length - 1]!.name }) }
      : { items };
  }

  /** Changes name, description or tags; CONFLICT when the new name is taken. */
  async update(
    id: string,
    patch: { name?: string; description?: string; tags?: Record<string, string> },
    now: number,
  ): Promise<Experiment | undefined> {
    try {
      await this.db
        .updateTable("tracking_experiments")
        .set({
          ...(patch.name === undefined ? {} : { name: patch.name }),
          ...(patch.description === undefined ? {} : { description: patch.description }),
          ...(patch.tags === undefined ? {} : { tags: toJsonText(patch.tags) }),
          updated_at: now,
        })
        .where("id", "=", id)
        .execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError("CONFLICT", `An experiment named "${patch.name}" already exists`);
      throw error;
    }
    return this.get(id);
  }

  /** Sets or clears the deletion time (soft delete and restore). */
  async setDeleted(id: string, deletedAt: number | null, now: number): Promise<Experiment | undefined> {
    await this.db
      .updateTable("tracking_experiments")
      .set({ deleted_at: deletedAt, updated_at: now })
      .where("id", "=", id)
      .execute();
    return this.get(id);
  }
}
