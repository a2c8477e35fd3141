/**
 * Renders docs/data-model.md from the live schema: a fresh SQLite database migrated with every module's migrations
 * (allMigrations of src/main.ts), read back through sqlite_master and pragma table_info / foreign_key_list, drawn
 * as a Mermaid ER diagram with a short description of each table. `npm run docs:generate` writes it (through
 * scripts/generate-docs.ts); test/data-model.test.ts fails when the committed file is stale.
 */
import { sql } from "kysely";
import { allMigrations } from "../src/main.js";
import { migrateToLatest, openDatabase } from "../src/store/index.js";

/** One line per table; a new table without one is listed as undescribed (add it here). */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  kysely_migration: "Kysely's record of the migrations applied (name, time): `atelier db create` / `migrate` fill it.",
  kysely_migration_lock: "Kysely's lock row, so two processes never migrate at once.",
  sales_raw: "Weekly vegetable sales as received by `POST /post_sales` (raw spellings), one row per week and spelling.",
  accounts_users:
    "Accounts that log in with a password (argon2id hash) and a role (admin, editor, viewer); disable-able.",
  accounts_api_keys: "API keys for machines: the SHA-256 of the secret, a role, optional scopes; revocable.",
  tracking_experiments: "Tracking experiments: named groups of runs (soft-deleted with deleted_at).",
  tracking_runs: "Tracking runs: one training or evaluation, its status, times, commit, parent run and who ran it.",
  tracking_params: "A run's parameters (key → value as text).",
  tracking_metrics: "A run's metric history: every (key, step, time, value) point.",
  tracking_latest_metrics: "The latest point of each of a run's metrics, for fast search and ordering of runs.",
  tracking_run_tags: "A run's tags (key → value).",
  tracking_run_datasets: "The data sets a run used (name, content digest, source): its data lineage.",
  tracking_artifacts: "Files logged by a run; the bytes live in the content-addressed blob store under their sha256.",
  registry_models: "Registered models of the model registry (name, description, tags, latest version number).",
  registry_versions:
    "Versions of a registered model: the run and artifact they come from, signature, input example, metrics.",
  registry_aliases: "Where each alias (production, staging…) of a model points now.",
  registry_alias_history:
    "Every move of an alias: from which version to which, who, when, why (rollback = a move back).",
  prediction_log:
    "Every served prediction, one row per record and arm: request id, model version and alias, caller, the inputs " +
    "and outputs as JSON, latency, time, and the ground truth once it comes back.",
  serving_configs:
    "Serving settings of each model, shared by every replica: traffic split and shadow between aliases, sticky " +
    "field, per-caller rate limit (JSON).",
  attrition_employees:
    "The HR attrition data set (docs/attrition.md): one row per employee, model inputs and the attrition label; " +
    "`atelier attrition load-data` upserts it, `atelier attrition train` reads it.",
};

interface Column {
  readonly name: string;
  readonly type: string;
  readonly notnull: number;
  readonly pk: number;
}

interface ForeignKey {
  readonly table: string;
  readonly from: string;
  readonly to: string;
}

/** A SQL type as one Mermaid type token ("double precision" → double_precision). */
const mermaidType = (type: string) =>
  (type || "any")
    .toLowerCase()
    .replace(/\(.*\)/, "")
    .trim()
    .replace(/[^a-z0-9_]+/g, "_");

/** docs/data-model.md: the ER diagram of every table of the migrated schema and one line about each. */
export async function renderDataModel(): Promise<string> {
  const database = await openDatabase("sqlite::memory:");
  try {
    await migrateToLatest(database, allMigrations);
    const tables = (
      await sql<{ name: string }>`select name from sqlite_master
        where type = 'table' and name not like 'sqlite_%' order by name`.execute(database.db)
    ).rows.map((r) => r.name);
    const entities: string[] = [];
    const relations: string[] = [];
    const rows: string[] = [];
    for (const table of tables) {
      const columns = (await sql<Column>`select * from pragma_table_info(${table}) order by cid`.execute(database.db))
        .rows;
      const keys = (await sql<ForeignKey>`select * from pragma_foreign_key_list(${table})`.execute(database.db)).rows;
      const fkColumns = new Set(keys.map((k) => k.from));
      entities.push(`  ${table} {`);
      for (const c of columns) {
        const marks = [c.pk ? "PK" : "", fkColumns.has(c.name) ? "FK" : ""].filter(Boolean).join(", ");
        // SQLite reports an INTEGER PRIMARY KEY as nullable; it never is.
        const nullable = !c.notnull && !c.pk;
        entities.push(
          `    ${mermaidType(c.type)} ${c.name}${marks ? ` ${marks}` : ""}${nullable ? ' "nullable"' : ""}`,
        );
      }
      entities.push("  }");
      const byParent = new Map<string, ForeignKey[]>();
      for (const k of keys) byParent.set(k.table, [...(byParent.get(k.table) ?? []), k]);
      for (const [parent, ks] of [...byParent].sort(([a], [b]) => a.localeCompare(b))) {
        const optional = ks.some((k) => !columns.find((c) => c.name === k.from)?.notnull);
        relations.push(`  ${parent} ${optional ? "|o" : "||"}--o{ ${table} : "${ks.map((k) => k.from).join(", ")}"`);
      }
      const pk = columns
        .filter((c) => c.pk)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      rows.push(
        `| \`${table}\` | ${pk.length ? pk.join(", ") : "—"} | ${DESCRIPTIONS[table] ?? "(no description yet: add one in scripts/generate-data-model.ts)"} |`,
      );
    }
    return [
      "# Data model",
      "",
      "Every table of Atelier's database, as `atelier db create` (or `atelier migrate`, or the server at start-up)",
      "creates it on SQLite and on PostgreSQL: both dialects run the same migrations. Generated from the live schema",
      "by `npm run docs:generate` (scripts/generate-data-model.ts migrates a fresh SQLite database and reads it back);",
      "a test fails when this page is stale. Types are the declared types (PostgreSQL gets the same ones; some text",
      'keys are `text collate "C"` there, so both dialects sort alike). Times are epoch milliseconds in `bigint`.',
      "",
      "```mermaid",
      "erDiagram",
      ...relations,
      ...entities,
      "```",
      "",
      "## Tables",
      "",
      "| table | primary key | what it holds |",
      "| --- | --- | --- |",
      ...rows,
      "",
    ].join("\n");
  } finally {
    await database.close();
  }
}
