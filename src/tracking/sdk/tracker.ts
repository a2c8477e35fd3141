import type {
  AliasMove,
  Artifact,
  DatasetRef,
  Experiment,
  MetricPoint,
  ModelSignature,
  ModelVersion,
  Page,
  RegisteredModel,
  Run,
  RunStatus,
} from "../entities.js";
import type { ExperimentView } from "../experiment-repository.js";
import type { LogBatchInput, MetricInput } from "../log-batch.js";
import type { CreateVersionInput, ResolvedAlias } from "../registry-service.js";
import type { SearchRunsInput } from "../tracking-service.js";

/** A data set a run uses: its content hash, or a local file whose sha256 the SDK computes. */
export type DatasetInput = DatasetRef | { readonly name: string; readonly path: string; readonly source?: string };

/** What `tracker.startRun` takes. */
export interface StartRunOptions {
  /** The experiment's name; it is created when missing. */
  readonly experiment: string;
  readonly name?: string;
  /** Nests the run under another (e.g. a search trial under its search). */
  readonly parentRunId?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly datasets?: readonly DatasetInput[];
  /** The code's commit; by default `git rev-parse HEAD` in the caller's working directory (false: none). */
  readonly gitCommit?: string | false;
}

/** Anything with toJSON(): the learning library's estimators and pipelines, or any JSON-serialisable model. */
export interface SerializableModel {
  toJSON(): unknown;
}

/** What `run.logModel` takes beside the model. */
export interface LogModelOptions {
  readonly signature: ModelSignature;
  readonly inputExample?: unknown;
  /** Also register it as the next version of this registered model (created when missing). */
  readonly name?: string;
  /** Folder of the saved model in the run's artifacts (default "model"). */
  readonly artifactPath?: string;
  readonly description?: string;
}

/** What `run.logModel` answers: the saved model's artifact and, with `name`, the new version. */
export interface LoggedModel {
  readonly artifact: Artifact;
  readonly version?: ModelVersion;
}

/** A run being logged: the handle `startRun` gives. */
export interface ActiveRun {
  readonly id: string;
  readonly experimentId: string;
  readonly name: string;
  logParams(params: Readonly<Record<string, string | number | boolean>>): Promise<void>;
  logParam(key: string, value: string | number | boolean): Promise<void>;
  logMetric(key: string, value: number, step?: number): Promise<void>;
  /** Several metrics at one step. */
  logMetrics(metrics: Readonly<Record<string, number>>, step?: number): Promise<void>;
  setTags(tags: Readonly<Record<string, string>>): Promise<void>;
  /** Params, metric points and tags in one atomic call. */
  logBatch(batch: {
    params?: LogBatchInput["params"];
    metrics?: readonly MetricInput[];
    tags?: LogBatchInput["tags"];
  }): Promise<void>;
  /** Stores bytes, or the local file at a path, as an artifact of the run. */
  logArtifact(path: string, content: Uint8Array | string): Promise<Artifact>;
  /** Saves `model.toJSON()` as `model/model.json` with its signature beside it; registers it when `name` is given. */
  logModel(model: SerializableModel, options: LogModelOptions): Promise<LoggedModel>;
  /** Ends the run (FINISHED by default). */
  end(status?: Exclude<RunStatus, "RUNNING">, message?: string): Promise<Run>;
  /** The run as stored now. */
  info(): Promise<Run>;
}

/** Paging options of listings. */
export interface PageOptions {
  readonly pageSize?: number;
  readonly pageToken?: string;
}

/**
 * The one tracking and registry interface, the same in-process (`createLocalTracker`) and over HTTP
 * (`createHttpTracker`): a project's code logs and promotes the same way in a notebook and against a server.
 */
export interface Tracker {
  startRun(options: StartRunOptions): Promise<ActiveRun>;
  /** Runs `fn` in a new run: FINISHED when it returns, FAILED with the error's message when it throws (rethrown). */
  withRun<T>(options: StartRunOptions, fn: (run: ActiveRun) => Promise<T>): Promise<T>;
  /** A handle on an existing run (to keep logging into it). */
  resumeRun(runId: string): Promise<ActiveRun>;
  getRun(runId: string): Promise<Run>;
  searchRuns(search?: SearchRunsInput): Promise<Page<Run>>;
  metricHistory(runId: string, key: string, options?: PageOptions): Promise<Page<MetricPoint>>;
  listArtifacts(runId: string, options?: PageOptions & { prefix?: string }): Promise<Page<Artifact>>;
  downloadArtifact(runId: string, path: string): Promise<Buffer>;

  createExperiment(input: { name: string; description?: string; tags?: Record<string, string> }): Promise<Experiment>;
  listExperiments(options?: PageOptions & { view?: ExperimentView }): Promise<Page<Experiment>>;

  registerModel(input: { name: string; description?: string; tags?: Record<string, string> }): Promise<RegisteredModel>;
  getModel(name: string): Promise<RegisteredModel>;
  listModels(options?: PageOptions): Promise<Page<RegisteredModel>>;
  createModelVersion(input: CreateVersionInput): Promise<ModelVersion>;
  getModelVersion(name: string, version: number): Promise<ModelVersion>;
  listModelVersions(name: string, options?: PageOptions): Promise<Page<ModelVersion>>;
  /** The saved model JSON of a version (pass it to the learning library's loadModel). */
  loadModelJson(name: string, version: number): Promise<unknown>;
  /** Points an alias at a version; undefined when it already pointed there. Rollback = the same with an older version. */
  setAlias(name: string, alias: string, version: number, reason?: string): Promise<AliasMove | undefined>;
  deleteAlias(name: string, alias: string, reason?: string): Promise<AliasMove>;
  /** Which version an alias points to now, or pointed to at `at`. */
  resolve(name: string, alias: string, at?: Date | string): Promise<ResolvedAlias>;
  aliasHistory(name: string, alias: string, options?: PageOptions): Promise<Page<AliasMove>>;
  close(): Promise<void>;
}
