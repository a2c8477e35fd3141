import { createReadStream } from "node:fs";
import { LOCAL_PRINCIPAL } from "../../core/index.js";
import type { Artifact, Experiment, Page, RegisteredModel, Run, RunStatus } from "../entities.js";
import type { ExperimentView } from "../experiment-repository.js";
import type { LogBatchInput } from "../log-batch.js";
import type { CreateVersionInput, RegistryService } from "../registry-service.js";
import type { CreateRunInput, SearchRunsInput, TrackingService } from "../tracking-service.js";
import { BaseTracker } from "./base-tracker.js";
import type { PageOptions, Tracker } from "./tracker.js";

/** The in-process tracker: the same calls as over HTTP, answered by the services directly. */
class LocalTracker extends BaseTracker {
  constructor(
    private readonly tracking: TrackingService,
    private readonly registry: RegistryService,
    private readonly actor: string,
    private readonly onClose: () => Promise<void>,
  ) {
    super();
  }

  protected createRun(input: CreateRunInput): Promise<Run> {
    return this.tracking.createRun(input, this.actor);
  }
  logBatch(runId: string, batch: LogBatchInput): Promise<void> {
    return this.tracking.logBatch(runId, batch);
  }
  putArtifact(runId: string, path: string, content: Uint8Array | string): Promise<Artifact> {
    // A local file is streamed (read twice: to hash, then to store), never held in memory whole.
    return this.tracking.logArtifact(
      runId,
      path,
      typeof content === "string" ? () => createReadStream(content) : content,
    );
  }
  endRun(runId: string, status: Exclude<RunStatus, "RUNNING">, message?: string): Promise<Run> {
    return this.tracking.endRun(runId, status, message);
  }
  getRun(runId: string) {
    return this.tracking.getRun(runId);
  }
  searchRuns(search: SearchRunsInput = {}) {
    return this.tracking.searchRuns(search);
  }
  metricHistory(runId: string, key: string, options: PageOptions = {}) {
    return this.tracking.metricHistory(runId, key, options);
  }
  listArtifacts(runId: string, options: PageOptions & { prefix?: string } = {}) {
    return this.tracking.listArtifacts(runId, options);
  }
  async downloadArtifact(runId: string, path: string): Promise<Buffer> {
    return (await this.tracking.readArtifact(runId, path)).bytes;
  }
  createExperiment(input: { name: string; description?: string; tags?: Record<string, string> }): Promise<Experiment> {
    return this.tracking.createExperiment(input);
  }
  listExperiments(options: PageOptions & { view?: ExperimentView } = {}): Promise<Page<Experiment>> {
    return this.tracking.listExperiments(options);
  }
  registerModel(input: {
    name: string;
    description?: string;
    tags?: Record<string, string>;
  }): Promise<RegisteredModel> {
    return this.registry.createModel(input, this.actor);
  }
  getModel(name: string) {
    return this.registry.getModel(name);
  }
  listModels(options: PageOptions = {}) {
    return this.registry.listModels(options);
  }
  createModelVersion(input: CreateVersionInput) {
    return this.registry.createVersion(input, this.actor);
  }
  getModelVersion(name: string, version: number) {
    return this.registry.getVersion(name, version);
  }
  listModelVersions(name: string, options: PageOptions = {}) {
    return this.registry.listVersions(name, options);
  }
  async loadModelJson(name: string, version: number): Promise<unknown> {
    return JSON.parse((await this.registry.readModel(name, version)).bytes.toString("utf8"));
  }
  setAlias(name: string, alias: string, version: number, reason?: string) {
    return this.registry.setAlias(name, alias, version, reason, this.actor);
  }
  deleteAlias(name: string, alias: string, reason?: string) {
    return this.registry.deleteAlias(name, alias, reason, this.actor);
  }
  resolve(name: string, alias: string, at?: Date | string) {
    return this.registry.resolve(name, alias, at);
  }
  aliasHistory(name: string, alias: string, options: PageOptions = {}) {
    return this.registry.aliasHistory(name, alias, options);
  }
  close(): Promise<void> {
    return this.onClose();
  }
}

/**
 * A tracker over services in this process (a notebook, a training script, the CLI on the local store). Writes are
 * recorded as done by `actor` (default: the local principal); `onClose` runs on close (e.g. closing the store).
 */
export function createLocalTracker(
  services: { tracking: TrackingService; registry: RegistryService },
  options: { actor?: string; onClose?: () => Promise<void> } = {},
): Tracker {
  return new LocalTracker(
    services.tracking,
    services.registry,
    options.actor ?? LOCAL_PRINCIPAL.name,
    options.onClose ?? (async () => {}),
  );
}
