export type {
  AliasMove,
  Artifact,
  ColumnType,
  DatasetRef,
  Experiment,
  LatestMetric,
  MetricPoint,
  ModelSignature,
  ModelVersion,
  Page,
  RegisteredModel,
  Run,
  RunStatus,
  SignatureInput,
} from "./entities.js";
export { COLUMN_TYPES, RUN_STATUSES } from "./entities.js";
export type { ExperimentView } from "./experiment-repository.js";
export type { LogBatchInput, MetricInput } from "./log-batch.js";
export {
  type CreateVersionInput,
  checkAlias,
  checkModelName,
  RegistryService,
  type ResolvedAlias,
} from "./registry-service.js";
export { registryMigrations } from "./registry-tables.js";
export { fileSha256, gitHead } from "./sdk/caller-context.js";
export { createHttpTracker, type HttpTrackerOptions } from "./sdk/http-tracker.js";
export { createLocalTracker } from "./sdk/local-tracker.js";
export type {
  ActiveRun,
  DatasetInput,
  LoggedModel,
  LogModelOptions,
  PageOptions,
  SerializableModel,
  StartRunOptions,
  Tracker,
} from "./sdk/tracker.js";
export type { Field, FilterNode, OrderKey } from "./search/filter-ast.js";
export { parseFilter, parseOrderKey } from "./search/filter-parser.js";
export { printFilter, printOrderKey } from "./search/filter-printer.js";
export { shouldPromote } from "./should-promote.js";
export { type CreateRunInput, type SearchRunsInput, TrackingService } from "./tracking-service.js";
export { trackingMigrations } from "./tracking-tables.js";
