import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { AppError, type Clock, type ErrorDetail, systemClock } from "../core/index.js";
import { type ContentStore, type Database, isPostgres } from "../store/index.js";
import { ArtifactRepository } from "./artifact-repository.js";
import type { Artifact, DatasetRef, Experiment, MetricPoint, Page, Run, RunStatus } from "./entities.js";
import { RUN_STATUSES } from "./entities.js";
import { ExperimentRepository, type ExperimentView } from "./experiment-repository.js";
import { type LogBatchInput, normalizeBatch } from "./log-batch.js";
import { RunRepository } from "./run-repository.js";
import { parseFilter, parseOrderKey } from "./search/filter-parser.js";
import { explainRunSearch, type RunSearch, searchRuns } from "./search/run-search.js";
import {
  checkArtifactPath,
  checkName,
  checkPageSize,
  checkStringMap,
  keyProblem,
  LIMITS,
  nameProblem,
  throwIfInvalid,
  toEpochMs,
} from "./validation.js";

/** What starting a run takes: its experiment (by id, or by name — created when missing), and optional details. */
export interface CreateRunInput {
  readonly experimentId?: string;
  readonly experimentName?: string;
  readonly name?: string;
  readonly parentRunId?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly datasets?: readonly DatasetRef[];
  readonly gitCommit?: string;
  /** Epoch ms, Date or ISO string; now by default. */
  readonly startTime?: number | Date | string;
}

/** A search over runs: `filter` and `orderBy` in the search language (see search/filter-parser.ts). */
export interface SearchRunsInput {
  /** Experiment ids or names; all active experiments when absent or empty. */
  readonly experiments?: readonly string[];
  readonly filter?: string;
  readonly orderBy?: readonly string[];
  readonly pageSize?: number;
  readonly pageToken?: string;
}

const TERMINAL: readonly RunStatus[] = ["FINISHED", "FAILED", "KILLED"];

/** Experiments, runs, their params, metrics, tags, data sets and artifacts. */
export class TrackingService {
  private readonly experiments: ExperimentRepository;
  private readonly runs: RunRepository;
  private readonly artifacts: ArtifactRepository;
  private readonly postgres: boolean;

  constructor(
    database: Database,
    readonly content: ContentStore,
    private readonly clock: Clock = systemClock,
  ) {
    this.experiments = new ExperimentRepository(database);
    this.runs = new RunRepository(database);
    this.artifacts = new ArtifactRepository(database);
    this.postgres = isPostgres(database.db);
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  // --- experiments -------------------------------------------------------------------------------------------

  async createExperiment(input: {
    name: string;
    description?: string;
    tags?: Record<string, string>;
  }): Promise<Experiment> {
    const name = checkName("name", input.name);
    const description = input.description ?? "";
    if (typeof description !== "string" || description.length > LIMITS.description)
      throwIfInvalid("Invalid experiment", [
        { field: "description", reason: `must be a string of at most ${LIMITS.description} characters` },
      ]);
    return this.experiments.create({ name, description, tags: checkStringMap("tags", input.tags) }, this.now());
  }

  /** An experiment by id (deleted ones too); NOT_FOUND otherwise. */
  async getExperiment(id: string): Promise<Experiment> {
    const found = await this.experiments.get(id);
    if (!found) throw new AppError("NOT_FOUND", `No experiment ${id}`);
    return found;
  }

  /** An experiment by name (deleted ones too); NOT_FOUND otherwise. */
  async getExperimentByName(name: string): Promise<Experiment> {
    const found = await this.experiments.findByName(name);
    if (!found) throw new AppError("NOT_FOUND", `No experiment named "${name}"`);
    return found;
  }

  async listExperiments(
    options: { view?: ExperimentView; pageSize?: number; pageToken?: string } = {},
  ): Promise<Page<Experiment>> {
    const view = options.view ?? "active";
    if (!["active", "deleted", "all"].includes(view))
      throwIfInvalid("Invalid listing", [{ field: "view", reason: "must be active, deleted or all" }]);
    return this.experiments.list(view, checkPageSize(options.pageSize), options.pageToken);
  }

  async updateExperiment(
    id: string,
    patch: { name?: string; description?: string; tags?: Record<string, string> },
  ): Promise<Experiment> {
    await this.getExperiment(id);
    const clean = {
      ...(patch.name === undefined ? {} : { name: checkName("name", patch.name) }),
      ...(patch.description === undefined ? {} : { description: String(patch.description) }),
      ...(patch.tags === undefined ? {} : { tags: checkStringMap("tags", patch.tags) }),
    };
    return (await this.experiments.update(id, clean, this.now()))!;
  }

  /** Soft-deletes an experiment: it leaves listings and searches until restored; its runs are kept. */
  async deleteExperiment(id: string): Promise<Experiment> {
    const found = await this.getExperiment(id);
    if (found.deletedAt) return found;
    return (await this.experiments.setDeleted(id, this.now(), this.now()))!;
  }

  async restoreExperiment(id: string): Promise<Experiment> {
    const found = await this.getExperiment(id);
    if (!found.deletedAt) return found;
    return (await this.experiments.setDeleted(id, null, this.now()))!;
  }

  /** The experiment of that name, created when missing (two callers racing both get the same one). */
  private async experimentNamed(name: string): Promise<Experiment> {
    const existing = await this.experiments.findByName(name);
    if (existing) return existing;
    try {
      return await this.createExperiment({ name });
    } catch (error) {
      const again = await this.experiments.findByName(name);
      if (again) return again;
      throw error;
    }
  }

  // --- runs --------------------------------------------------------------------------------------------------

  async createRun(input: CreateRunInput, createdBy: string): Promise<Run> {
    const details: ErrorDetail[] = [];
    if ((input.experimentId === undefined) === (input.experimentName === undefined))
      details.push({ field: "experimentId", reason: "give exactly one of experimentId and experimentName" });
    if (input.name !== undefined && nameProblem(input.name))
      details.push({ field: "name", reason: nameProblem(input.name)! });
    const startTime = input.startTime === undefined ? this.now() : toEpochMs(input.startTime);
    if (startTime === undefined)
      details.push({ field: "startTime", reason: "must be epoch ms, a Date or an ISO string" });
    if (input.gitCommit !== undefined && !/^[0-9a-f]{7,64}$/.test(input.gitCommit))
      details.push({ field: "gitCommit", reason: "must be a hex commit id" });
    const datasets = input.datasets ?? [];
    if (!Array.isArray(datasets)) details.push({ field: "datasets", reason: "must be a list of {name, digest}" });
    else
      datasets.forEach((d, index) => {
        if (nameProblem(d?.name)) details.push({ field: "datasets.name", index, reason: nameProblem(d?.name)! });
        if (typeof d?.digest !== "string" || !/^[A-Za-z0-9:_-]{1,200}$/.test(d.digest))
          details.push({ field: "datasets.digest", index, reason: "must be a content hash (letters, digits, : _ -)" });
        if (d?.source !== undefined && (typeof d.source !== "string" || d.source.length > 2000))
          details.push({ field: "datasets.source", index, reason: "must be a string of at most 2000 characters" });
      });
    throwIfInvalid("Invalid run", details);
    const tags = Object.entries(checkStringMap("tags", input.tags));
    const experiment =
      input.experimentId !== undefined
        ? await this.getExperiment(input.experimentId)
        : await this.experimentNamed(checkName("experimentName", input.experimentName));
    if (experiment.deletedAt)
      throw new AppError("CONFLICT", `Experiment "${experiment.name}" is deleted: restore it to add runs`);
    const id = randomUUID().replaceAll("-", "");
    return this.runs.create({
      row: {
        id,
        experiment_id: experiment.id,
        name: input.name ?? `run-${id.slice(0, 8)}`,
        status: "RUNNING",
        status_message: null,
        start_time: startTime!,
        end_time: null,
        parent_run_id: input.parentRunId ?? null,
        git_commit: input.gitCommit ?? null,
        created_by: createdBy,
      },
      tags,
      datasets: datasets.map((d) => ({ name: d.name, digest: d.digest, ...(d.source ? { source: d.source } : {}) })),
    });
  }

  async getRun(id: string): Promise<Run> {
    const run = await this.runs.get(id);
    if (!run) throw new AppError("NOT_FOUND", `No run ${id}`);
    return run;
  }

  /** Runs by id, in the order asked; NOT_FOUND naming any missing one. */
  async getRuns(ids: readonly string[]): Promise<Run[]> {
    const runs = await this.runs.getMany(ids);
    const missing = ids.filter((id) => !runs.some((r) => r.id === id));
    if (missing.length) throw new AppError("NOT_FOUND", `No run ${missing.join(", ")}`);
    return runs;
  }

  /** Ends a run: FINISHED, FAILED or KILLED, once (the same status again is accepted; another is CONFLICT). */
  async endRun(id: string, status: RunStatus = "FINISHED", message?: string): Promise<Run> {
    if (!TERMINAL.includes(status))
      throwIfInvalid("Invalid status", [
        { field: "status", reason: `a run ends as ${TERMINAL.join(", ")} (it starts ${RUN_STATUSES[0]})` },
      ]);
    if (message !== undefined && (typeof message !== "string" || message.length > LIMITS.tagValue))
      throwIfInvalid("Invalid status", [
        { field: "statusMessage", reason: `must be at most ${LIMITS.tagValue} characters` },
      ]);
    return this.runs.setStatus(id, status, message ?? null, this.now());
  }

  /** Logs params, metrics and tags in one transaction (all or nothing); see RunRepository.logBatch. */
  async logBatch(runId: string, input: LogBatchInput): Promise<void> {
    const batch = normalizeBatch(input ?? {}, this.now());
    if (batch.params.length + batch.metrics.length + batch.tags.length === 0) {
      await this.getRun(runId);
      return;
    }
    await this.runs.logBatch(runId, batch);
  }

  async metricHistory(
    runId: string,
    key: string,
    options: { pageSize?: number; pageToken?: string } = {},
  ): Promise<Page<MetricPoint>> {
    const problem = keyProblem(key);
    throwIfInvalid("Invalid metric key", problem ? [{ field: "key", reason: problem }] : []);
    await this.getRun(runId);
    return this.runs.metricHistory(runId, key, checkPageSize(options.pageSize, 1000, 10_000), options.pageToken);
  }

  /** Searches runs: the filter is parsed to an AST and compiled to SQL with bound parameters only. */
  async searchRuns(input: SearchRunsInput = {}): Promise<Page<Run>> {
    return searchRuns(this.runs.db, this.postgres, await this.parseSearch(input));
  }

  /** The database's plan for a search's first query (for benchmarks and slow-query reports). */
  async explainSearch(input: SearchRunsInput = {}): Promise<string> {
    return explainRunSearch(this.runs.db, this.postgres, await this.parseSearch(input));
  }

  private async parseSearch(input: SearchRunsInput): Promise<RunSearch> {
    const filter = parseFilter(input.filter ?? "");
    const orderBy = (input.orderBy ?? []).map((o) => parseOrderKey(o));
    for (const [i, key] of orderBy.entries())
      if (key.field.entity === "dataset")
        throwIfInvalid("Invalid orderBy", [
          { field: "orderBy", index: i, reason: "runs cannot be ordered by data sets" },
        ]);
    const pageSize = checkPageSize(input.pageSize);
    let experimentIds: string[] | undefined;
    if (input.experiments?.length) {
      experimentIds = [];
      for (const ref of input.experiments) {
        const found = (await this.experiments.get(ref)) ?? (await this.experiments.findByName(ref));
        if (!found) throw new AppError("NOT_FOUND", `No experiment ${JSON.stringify(ref)} (by id or name)`);
        if (found.deletedAt) throw new AppError("NOT_FOUND", `Experiment "${found.name}" is deleted`);
        experimentIds.push(found.id);
      }
    }
    return { experimentIds, filter, orderBy, pageSize, ...(input.pageToken ? { pageToken: input.pageToken } : {}) };
  }

  // --- artifacts ---------------------------------------------------------------------------------------------

  /**
   * Stores a file of a RUNNING run: the bytes once in the content store (by sha256), the path in the run. A stream
   * source is a function opening it (read twice: to hash, then to store).
   */
  async logArtifact(runId: string, path: string, source: Uint8Array | (() => Readable)): Promise<Artifact> {
    checkArtifactPath(path);
    const head = await this.runs.head(runId);
    if (!head) throw new AppError("NOT_FOUND", `No run ${runId}`);
    if (head.status !== "RUNNING")
      throw new AppError("CONFLICT", `Run ${runId} is ${head.status}: only a RUNNING run takes new artifacts`);
    // Hash first: a path already holding other content is refused before anything is stored.
    const hashed = await this.content.hash(source);
    const existing = await this.artifacts.get(runId, path);
    if (existing && existing.sha256 !== hashed.sha256)
      throw new AppError(
        "CONFLICT",
        `Artifact ${path} of run ${runId} already holds other content (sha256:${existing.sha256})`,
      );
    const stored = await this.content.put(source, hashed);
    return this.artifacts.add(runId, path, stored.sha256, stored.size, this.now());
  }

  async getArtifact(runId: string, path: string): Promise<Artifact> {
    checkArtifactPath(path);
    const found = await this.artifacts.get(runId, path);
    if (!found) {
      await this.getRun(runId);
      throw new AppError("NOT_FOUND", `Run ${runId} has no artifact ${path}`);
    }
    return found;
  }

  /** An artifact's bytes, checked against their sha256 on the way out. */
  async readArtifact(runId: string, path: string): Promise<{ artifact: Artifact; bytes: Buffer }> {
    const artifact = await this.getArtifact(runId, path);
    return { artifact, bytes: await this.content.get(artifact.sha256) };
  }

  async listArtifacts(
    runId: string,
    options: { prefix?: string; pageSize?: number; pageToken?: string } = {},
  ): Promise<Page<Artifact>> {
    await this.getRun(runId);
    const prefix = options.prefix ?? "";
    if (prefix) checkArtifactPath(prefix.endsWith("/") ? prefix.slice(0, -1) : prefix, "prefix");
    return this.artifacts.list(runId, prefix, checkPageSize(options.pageSize), options.pageToken);
  }
}
