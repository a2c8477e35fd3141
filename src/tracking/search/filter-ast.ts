/** What a search field names: a run's metric (latest value), param, tag, dataset, or one of its attributes. */
export type FieldEntity = "metric" | "param" | "tag" | "dataset" | "attribute";

/** A field of a run: `metrics.r2` is `{entity: "metric", key: "r2"}`. */
export interface Field {
  readonly entity: FieldEntity;
  readonly key: string;
}

export type CompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

/** The parsed form of a search filter (see filter-parser.ts for the grammar). */
export type FilterNode =
  | { readonly type: "and"; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly type: "or"; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly type: "compare"; readonly field: Field; readonly op: CompareOp; readonly value: string | number }
  | {
      readonly type: "like";
      readonly field: Field;
      readonly op: "LIKE" | "ILIKE";
      readonly negated: boolean;
      readonly pattern: string;
    }
  | {
      readonly type: "in";
      readonly field: Field;
      readonly negated: boolean;
      readonly values: readonly (string | number)[];
    };

/** One key of an order-by list: `metrics.r2 DESC`. */
export interface OrderKey {
  readonly field: Field;
  readonly direction: "ASC" | "DESC";
}

/** The run attributes a filter or order-by may name, with the type of their values. */
export const ATTRIBUTES = {
  run_id: "string",
  run_name: "string",
  status: "string",
  start_time: "time",
  end_time: "time",
  experiment_id: "string",
  parent_run_id: "string",
  created_by: "string",
  git_commit: "string",
} as const;

export type AttributeName = keyof typeof ATTRIBUTES;

/** Other spellings accepted for attributes (MLflow's among them), mapped to the canonical name. */
export const ATTRIBUTE_ALIASES: Readonly<Record<string, AttributeName>> = {
  id: "run_id",
  name: "run_name",
  user: "created_by",
};

/** Dataset fields a filter may name: `datasets.name = 'sales'`, `datasets.digest = '…'`. */
export const DATASET_FIELDS = ["name", "digest", "source"] as const;

/** The type a field's values have: metrics and times are numbers, the rest strings. */
export function fieldType(field: Field): "number" | "string" | "time" {
  if (field.entity === "metric") return "number";
  if (field.entity === "attribute") return ATTRIBUTES[field.key as AttributeName] ?? "string";
  return "string";
}
