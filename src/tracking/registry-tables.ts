import type { Kysely, Migration } from "kysely";
import { textType } from "./tracking-tables.js";

/** The registry tables as Kysely sees them (times are epoch milliseconds, JSON as text). */
export type RegistryTables = {
  registry_models: {
    name: string;
    description: string;
    tags: string;
    latest_version: number;
    created_at: number;
    updated_at: number;
    created_by: string;
  };
  registry_versions: {
    model_name: string;
    version: number;
    run_id: string | null;
    artifact_path: string;
    artifact_sha256: string;
    artifact_size: number;
    signature: string | null;
    input_example: string | null;
    metrics: string;
    description: string;
    tags: string;
    created_at: number;
    created_by: string;
  };
  registry_aliases: { model_name: string; alias: string; version: number; updated_at: number; updated_by: string };
  registry_alias_history: {
    model_name: string;
    alias: string;
    seq: number;
    from_version: number | null;
    to_version: number | null;
    moved_at: number;
    moved_by: string;
    reason: string;
  };
};

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
type AnyDb = Kysely<any>;

/** Registered models, their versions, aliases (one version each) and every alias move. */
export const registryMigrations: Record<string, Migration> = {
  "0301-registry-models-versions-aliases": {
    up: async (db: AnyDb) => {
      const text = textType(db);
      await db.schema
        .createTable("registry_models")
        .addColumn("name", text, (c) => c.primaryKey())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("tags", "text", (c) => c.notNull())
        // The version counter: bumped by an UPDATE that also serialises concurrent version creations.
        .addColumn("latest_version", "integer", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("created_by", text, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("registry_versions")
        .addColumn("model_name", text, (c) => c.notNull().references("registry_models.name"))
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("run_id", text)
        .addColumn("artifact_path", "text", (c) => c.notNull())
        .addColumn("artifact_sha256", text, (c) => c.notNull())
        .addColumn("artifact_size", "bigint", (c) => c.notNull())
        .addColumn("signature", "text")
        .addColumn("input_example", "text")
        .addColumn("metrics", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("tags", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("created_by", text, (c) => c.notNull())
        .addPrimaryKeyConstraint("registry_versions_pk", ["model_name", "version"])
        .execute();
      await db.schema.createIndex("registry_versions_run").on("registry_versions").column("run_id").execute();
      // The primary key makes "one version per alias" a fact of the schema; the foreign key keeps an aliased
      // version from being deleted even by a write that bypasses the service's check.
      await db.schema
        .createTable("registry_aliases")
        .addColumn("model_name", text, (c) => c.notNull())
        .addColumn("alias", text, (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("updated_by", text, (c) => c.notNull())
        .addPrimaryKeyConstraint("registry_aliases_pk", ["model_name", "alias"])
        .addForeignKeyConstraint("registry_aliases_version_fk", ["model_name", "version"], "registry_versions", [
          "model_name",
          "version",
        ])
        .execute();
      await db.schema
        .createIndex("registry_aliases_version")
        .on("registry_aliases")
        .columns(["model_name", "version"])
        .execute();
      await db.schema
        .createTable("registry_alias_history")
        .addColumn("model_name", text, (c) => c.notNull())
        .addColumn("alias", text, (c) => c.notNull())
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("from_version", "integer")
        .addColumn("to_version", "integer")
        .addColumn("moved_at", "bigint", (c) => c.notNull())
        .addColumn("moved_by", text, (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("registry_alias_history_pk", ["model_name", "alias", "seq"])
        .execute();
      await db.schema
        .createIndex("registry_alias_history_at")
        .on("registry_alias_history")
        .columns(["model_name", "alias", "moved_at"])
        .execute();
    },
  },
};
