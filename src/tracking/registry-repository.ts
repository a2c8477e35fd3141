import type { Kysely, Transaction } from "kysely";
import { AppError } from "../core/index.js";
import type { Database } from "../store/index.js";
import type { ModelSignature, ModelVersion, Page, RegisteredModel } from "./entities.js";
import { fromJsonText, toJsonText } from "./json-columns.js";
import { decodePageToken, encodePageToken } from "./page-token.js";
import type { RegistryTables } from "./registry-tables.js";
import { isForeignKeyViolation, isUniqueViolation } from "./sql-errors.js";

type ModelRow = RegistryTables["registry_models"];
type VersionRow = RegistryTables["registry_versions"];
export type RegistryTrx = Transaction<RegistryTables>;

/** What a new version records (the version number is given by the registry). */
export interface NewVersion {
  readonly runId: string | null;
  readonly artifactPath: string;
  readonly artifactSha256: string;
  readonly artifactSize: number;
  readonly signature: ModelSignature | null;
  readonly inputExample: unknown;
  readonly metrics: Readonly<Record<string, number>>;
  readonly description: string;
  readonly tags: Readonly<Record<string, string>>;
}

function toVersion(row: VersionRow, aliases: readonly string[]): ModelVersion {
  return {
    modelName: row.model_name,
    version: Number(row.version),
    runId: row.run_id,
    artifactPath: row.artifact_path,
    artifactSha256: row.artifact_sha256,
    artifactSize: Number(row.artifact_size),
    signature: fromJsonText(row.signature, null),
    inputExample: fromJsonText(row.input_example, null),
    metrics: fromJsonText(row.metrics, {}),
    description: row.description,
    tags: fromJsonText(row.tags, {}),
    aliases,
    createdAt: new Date(Number(row.created_at)),
    createdBy: row.created_by,
  };
}

/**
 * Locks a model for the rest of the transaction by writing its row: on PostgreSQL the row lock serialises every
 * version creation and alias move of that model; on SQLite the write takes the database's write lock up front
 * (instead of upgrading a read lock later, which can fail under contention). NOT_FOUND when there is no such model.
 */
export async function lockModel(trx: RegistryTrx, name: string, now: number): Promise<number> {
  const row = await trx
    .updateTable("registry_models")
    .set({ updated_at: now })
    .where("name", "=", name)
    .returning("latest_version")
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", `No registered model ${name}`);
  return Number(row.latest_version);
}

/** Registered models and their versions in SQL. */
export class RegistryRepository {
  readonly db: Kysely<RegistryTables>;

  constructor(database: Database) {
    this.db = database.db.withTables<RegistryTables>() as unknown as Kysely<RegistryTables>;
  }

  private async toModel(row: ModelRow): Promise<RegisteredModel> {
    const aliases = await this.db
      .selectFrom("registry_aliases")
      .select(["alias", "version"])
      .where("model_name", "=", row.name)
      .orderBy("alias")
      .execute();
    return {
      name: row.name,
      description: row.description,
      tags: fromJsonText(row.tags, {}),
      latestVersion: Number(row.latest_version),
      aliases: Object.fromEntries(aliases.map((a) => [a.alias, Number(a.version)])),
      createdAt: new Date(Number(row.created_at)),
      updatedAt: new Date(Number(row.updated_at)),
    };
  }

  async createModel(
    input: { name: string; description: string; tags: Record<string, string> },
    now: number,
    by: string,
  ): Promise<RegisteredModel> {
    const row: ModelRow = {
      name: input.name,
      description: input.description,
      tags: toJsonText(input.tags),
      latest_version: 0,
      created_at: now,
      updated_at: now,
      created_by: by,
    };
    try {
      await this.db.insertInto("registry_models").values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError("CONFLICT", `A registered model named "${input.name}" already exists`);
      throw error;
    }
    return this.toModel(row);
  }

  async getModel(name: string): Promise<RegisteredModel | undefined> {
    const row = await this.db.selectFrom("registry_models").selectAll().where("name", "=", name).executeTakeFirst();
    return row ? this.toModel(row) : undefined;
  }

  async listModels(pageSize: number, pageToken?: string): Promise<Page<RegisteredModel>> {
    const after = pageToken
      ? decodePageToken<{ n: string }>(pageToken, (v): v is { n: string } => typeof v.n === "string").n
      : undefined;
    let q = this.db.selectFrom("registry_models").selectAll();
    if (after !== undefined) q = q.where("name", ">", after);
    const rows = await q
      .orderBy("name")
      .limit(pageSize + 1)
      .execute();
    const items = await Promise.all(rows.slice(0, pageSize).map((r) => this.toModel(r)));
    return rows.length > pageSize
      ? { items, nextPageToken: encodePageToken({ n: items[items.length - 1]!.name }) }
      : { items };
  }

  async updateModel(
    name: string,
    patch: { description?: string; tags?: Record<string, string> },
    now: number,
  ): Promise<RegisteredModel> {
    await this.db
      .updateTable("registry_models")
      .set({
        ...(patch.description === undefined ? {} : { description: patch.description }),
        ...(patch.tags === undefined ? {} : { tags: toJsonText(patch.tags) }),
        updated_at: now,
      })
      .where("name", "=", name)
      .execute();
    const model = await this.getModel(name);
    if (!model) throw new AppError("NOT_FOUND", `No registered model ${name}`);
    return model;
  }

  /** Deletes a model with its versions and alias history; CONFLICT while any alias points into it. */
  async deleteModel(name: string, now: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await lockModel(trx, name, now);
      const aliases = await trx.selectFrom("registry_aliases").select("alias").where("model_name", "=", name).execute();
      if (aliases.length)
        throw new AppError(
          "CONFLICT",
          `Model ${name} still has aliases (${aliases.map((a) => a.alias).join(", ")}): remove them first`,
        );
      await trx.deleteFrom("registry_alias_history").where("model_name", "=", name).execute();
      await trx.deleteFrom("registry_versions").where("model_name", "=", name).execute();
      await trx.deleteFrom("registry_models").where("name", "=", name).execute();
    });
  }

  /** Creates the next version: the counter is bumped under the model's lock, so parallel creations never collide. */
  async createVersion(name: string, input: NewVersion, now: number, by: string): Promise<ModelVersion> {
    const row = await this.db.transaction().execute(async (trx) => {
      const previous = await lockModel(trx, name, now);
      const version = previous + 1;
      await trx.updateTable("registry_models").set({ latest_version: version }).where("name", "=", name).execute();
      const row: VersionRow = {
        model_name: name,
        version,
        run_id: input.runId,
        artifact_path: input.artifactPath,
        artifact_sha256: input.artifactSha256,
        artifact_size: input.artifactSize,
        signature: input.signature === null ? null : toJsonText(input.signature),
        input_example: input.inputExample === undefined ? null : toJsonText(input.inputExample),
        metrics: toJsonText(input.metrics),
        description: input.description,
        tags: toJsonText(input.tags),
        created_at: now,
        created_by: by,
      };
      await trx.insertInto("registry_versions").values(row).execute();
      return row;
    });
    return toVersion(row, []);
  }

  async getVersion(name: string, version: number): Promise<ModelVersion | undefined> {
    const row = await this.db
      .selectFrom("registry_versions")
      .selectAll()
      .where("model_name", "=", name)
      .where("version", "=", version)
      .executeTakeFirst();
    if (!row) return undefined;
    const aliases = await this.db
      .selectFrom("registry_aliases")
      .select("alias")
      .where("model_name", "=", name)
      .where("version", "=", version)
      .orderBy("alias")
      .execute();
    return toVersion(
      row,
      aliases.map((a) => a.alias),
    );
  }

  /** Versions, newest first, a page at a time. */
  async listVersions(name: string, pageSize: number, pageToken?: string): Promise<Page<ModelVersion>> {
    const before = pageToken
      ? decodePageToken<{ v: number }>(pageToken, (x): x is { v: number } => Number.isSafeInteger(x.v)).v
      : undefined;
    let q = this.db.selectFrom("registry_versions").selectAll().where("model_name", "=", name);
    if (before !== undefined) q = q.where("version", "<", before);
    const rows = await q
      .orderBy("version", "desc")
      .limit(pageSize + 1)
      .execute();
    const aliases = await this.db
      .selectFrom("registry_aliases")
      .select(["alias", "version"])
      .where("model_name", "=", name)
      .orderBy("alias")
      .execute();
    const items = rows.slice(0, pageSize).map((r) =>
      toVersion(
        r,
        aliases.filter((a) => Number(a.version) === Number(r.version)).map((a) => a.alias),
      ),
    );
    return rows.length > pageSize
      ? { items, nextPageToken: encodePageToken({ v: items[items.length - 1]!.version }) }
      : { items };
  }

  async updateVersion(
    name: string,
    version: number,
    patch: { description?: string; tags?: Record<string, string> },
  ): Promise<ModelVersion> {
    await this.db
      .updateTable("registry_versions")
      .set({
        ...(patch.description === undefined ? {} : { description: patch.description }),
        ...(patch.tags === undefined ? {} : { tags: toJsonText(patch.tags) }),
      })
      .where("model_name", "=", name)
      .where("version", "=", version)
      .execute();
    const found = await this.getVersion(name, version);
    if (!found) throw new AppError("NOT_FOUND", `No version ${version} of model ${name}`);
    return found;
  }

  /** Deletes a version; CONFLICT while an alias points to it (checked under the model's lock, and by a foreign key). */
  async deleteVersion(name: string, version: number, now: number): Promise<void> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await lockModel(trx, name, now);
        const aliases = await trx
          .selectFrom("registry_aliases")
          .select("alias")
          .where("model_name", "=", name)
          .where("version", "=", version)
          .execute();
        if (aliases.length)
          throw new AppError(
            "CONFLICT",
            `Version ${version} of ${name} is behind alias ${aliases.map((a) => a.alias).join(", ")}: move the alias first`,
          );
        const result = await trx
          .deleteFrom("registry_versions")
          .where("model_name", "=", name)
          .where("version", "=", version)
          .executeTakeFirst();
        if (Number(result.numDeletedRows) === 0)
          throw new AppError("NOT_FOUND", `No version ${version} of model ${name}`);
      });
    } catch (error) {
      if (isForeignKeyViolation(error))
        throw new AppError("CONFLICT", `Version ${version} of ${name} is behind an alias`);
      throw error;
    }
  }
}
