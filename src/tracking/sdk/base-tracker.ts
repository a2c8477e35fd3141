import { AppError } from "../../core/index.js";
import type {
  AliasMove,
  Artifact,
  Experiment,
  MetricPoint,
  ModelVersion,
  Page,
  RegisteredModel,
  Run,
  RunStatus,
} from "../entities.js";
import type { ExperimentView } from "../experiment-repository.js";
import type { LogBatchInput } from "../log-batch.js";
import type { CreateVersionInput, ResolvedAlias } from "../registry-service.js";
import type { CreateRunInput, SearchRunsInput } from "../tracking-service.js";
import { gitHead, resolveDatasets } from "./caller-context.js";
import { type RunBackend, RunHandle } from "./run-handle.js";
import type { ActiveRun, LogModelOptions, PageOptions, StartRunOptions, Tracker } from "./tracker.js";

/**
 * What the local and the HTTP tracker share: starting runs (with the caller's git commit and data-set hashes),
 * withRun, logModel's registration. Each subclass answers the calls, in-process or over HTTP.
 */
export abstract class BaseTracker implements Tracker, RunBackend {
  protected abstract createRun(input: CreateRunInput): Promise<Run>;
  abstract logBatch(runId: string, batch: LogBatchInput): Promise<void>;
  abstract putArtifact(runId: string, path: string, content: Uint8Array | string): Promise<Artifact>;
  abstract endRun(runId: string, status: Exclude<RunStatus, "RUNNING">, message?: string): Promise<Run>;
  abstract getRun(runId: string): Promise<Run>;
  abstract searchRuns(search?: SearchRunsInput): Promise<Page<Run>>;
  abstract metricHistory(runId: string, key: string, options?: PageOptions): Promise<Page<MetricPoint>>;
  abstract listArtifacts(runId: string, options?: PageOptions & { prefix?: string }): Promise<Page<Artifact>>;
  abstract downloadArtifact(runId: string, path: string): Promise<Buffer>;
  abstract createExperiment(input: {
    name: string;
    description?: string;
    tags?: Record<string, string>;
  }): Promise<Experiment>;
  abstract listExperiments(options?: PageOptions & { view?: ExperimentView }): Promise<Page<Experiment>>;
  abstract registerModel(input: {
    name: string;
    description?: string;
    tags?: Record<string, string>;
  }): Promise<RegisteredModel>;
  abstract getModel(name: string): Promise<RegisteredModel>;
  abstract listModels(options?: PageOptions): Promise<Page<RegisteredModel>>;
  abstract createModelVersion(input: CreateVersionInput): Promise<ModelVersion>;
  abstract getModelVersion(name: string, version: number): Promise<ModelVersion>;
  abstract listModelVersions(name: string, options?: PageOptions): Promise<Page<ModelVersion>>;
  abstract loadModelJson(name: string, version: number): Promise<unknown>;
  abstract setAlias(name: string, alias: string, version: number, reason?: string): Promise<AliasMove | undefined>;
  abstract deleteAlias(name: string, alias: string, reason?: string): Promise<AliasMove>;
  abstract resolve(name: string, alias: string, at?: Date | string): Promise<ResolvedAlias>;
  abstract aliasHistory(name: string, alias: string, options?: PageOptions): Promise<Page<AliasMove>>;
  abstract close(): Promise<void>;

  async startRun(options: StartRunOptions): Promise<ActiveRun> {
    const gitCommit = options.gitCommit === false ? undefined : (options.gitCommit ?? gitHead());
    const run = await this.createRun({
      experimentName: options.experiment,
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.parentRunId === undefined ? {} : { parentRunId: options.parentRunId }),
      ...(options.tags === undefined ? {} : { tags: options.tags }),
      datasets: await resolveDatasets(options.datasets),
      ...(gitCommit === undefined ? {} : { gitCommit }),
    });
    return new RunHandle(run, this);
  }

  async withRun<T>(options: StartRunOptions, fn: (run: ActiveRun) => Promise<T>): Promise<T> {
    const run = (await this.startRun(options)) as RunHandle;
    let result: T;
    try {
      result = await fn(run);
    } catch (error) {
      if (!run.isEnded) {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        // Best effort: the caller's error matters more than a failure to record it.
        await run.end("FAILED", message.slice(0, 8000)).catch(() => undefined);
      }
      throw error;
    }
    if (!run.isEnded) await run.end("FINISHED");
    return result;
  }

  async resumeRun(runId: string): Promise<ActiveRun> {
    return new RunHandle(await this.getRun(runId), this);
  }

  /** logModel({name}): registers the model name when missing, then the saved model as its next version. */
  async registerVersion(runId: string, artifactPath: string, options: LogModelOptions): Promise<ModelVersion> {
    const name = options.name!;
    try {
      await this.getModel(name);
    } catch (error) {
      if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
      await this.registerModel({ name }).catch((e: unknown) => {
        // Another caller registered it meanwhile: that is what we wanted.
        if (!(e instanceof AppError && e.code === "CONFLICT")) throw e;
      });
    }
    return this.createModelVersion({
      name,
      runId,
      artifactPath,
      signature: options.signature,
      ...(options.inputExample === undefined ? {} : { inputExample: options.inputExample }),
      ...(options.description === undefined ? {} : { description: options.description }),
    });
  }
}
