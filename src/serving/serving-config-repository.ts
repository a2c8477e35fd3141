import type { Kysely, Migration } from "kysely";
import type { Database } from "../store/index.js";
import type { ServingConfig } from "./serving-config.js";

/** serving_configs as Kysely sees it: one row per configured model, the settings as JSON text. */
type ServingTables = {
  serving_configs: { model_name: string; settings: string; updated_at: number; updated_by: string };
};

type Settings = Pick<ServingConfig, "mainAlias" | "challenger" | "stickyField" | "rateLimit">;

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
type AnyDb = Kysely<any>;

/** The serving settings of each model (split, shadow, sticky field, rate limit), shared by every replica. */
export const servingMigrations: Record<string, Migration> = {
  "0450-serving-configs": {
    up: async (db: AnyDb) => {
      await db.schema
        .createTable("serving_configs")
        .addColumn("model_name", "varchar(128)", (c) => c.primaryKey())
        .addColumn("settings", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("updated_by", "text", (c) => c.notNull())
        .execute();
    },
  },
};

function toConfig(row: ServingTables["serving_configs"]): ServingConfig {
  const s = JSON.parse(row.settings) as Settings;
  return {
    modelName: row.model_name,
    mainAlias: s.mainAlias,
    challenger: s.challenger,
    stickyField: s.stickyField,
    rateLimit: s.rateLimit,
    updatedAt: new Date(Number(row.updated_at)),
    updatedBy: row.updated_by,
  };
}

/** Reads and writes serving_configs. */
export class ServingConfigRepository {
  private readonly db: Kysely<ServingTables>;

  constructor(database: Database) {
    this.db = database.db.withTables<ServingTables>() as unknown as Kysely<ServingTables>;
  }

  /** The stored configurations of these models (absent ones are not configured). */
  async getMany(names: readonly string[]): Promise<Map<string, ServingConfig>> {
    if (names.length === 0) return new Map();
    const rows = await this.db.selectFrom("serving_configs").selectAll().where("model_name", "in", names).execute();
    return new Map(rows.map((r) => [r.model_name, toConfig(r)]));
  }

  /** Stores a model's configuration, replacing the previous one. */
  async put(config: ServingConfig): Promise<void> {
    const settings: Settings = {
      mainAlias: config.mainAlias,
      challenger: config.challenger,
      stickyField: config.stickyField,
      rateLimit: config.rateLimit,
    };
    const row = {
      model_name: config.modelName,
      settings: JSON.stringify(settings),
      updated_at: (config.updatedAt ?? new Date()).getTime(),
      updated_by: config.updatedBy ?? "",
    };
    await this.db
      .insertInto("serving_configs")
      .values(row)
      .onConflict((oc) =>
        oc.column("model_name").doUpdateSet({
          settings: row.settings,
          updated_at: row.updated_at,
          updated_by: row.updated_by,
        }),
      )
      .execute();
  }
}
