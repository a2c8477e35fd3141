import type { Artifact, Run, RunStatus } from "../entities.js";
import type { LogBatchInput } from "../log-batch.js";
import { checkSignature } from "../signature.js";
import type { ActiveRun, LoggedModel, LogModelOptions, SerializableModel } from "./tracker.js";

/** The low-level calls a run handle makes: answered in-process or over HTTP. */
export interface RunBackend {
  logBatch(runId: string, batch: LogBatchInput): Promise<void>;
  putArtifact(runId: string, path: string, content: Uint8Array | string): Promise<Artifact>;
  endRun(runId: string, status: Exclude<RunStatus, "RUNNING">, message?: string): Promise<Run>;
  getRun(runId: string): Promise<Run>;
  registerVersion(runId: string, artifactPath: string, options: LogModelOptions): Promise<LoggedModel["version"]>;
}

/** A run being logged (see ActiveRun); the same class serves the local and the HTTP tracker. */
export class RunHandle implements ActiveRun {
  readonly id: string;
  readonly experimentId: string;
  readonly name: string;
  private ended = false;

  constructor(
    run: Run,
    private readonly backend: RunBackend,
  ) {
    this.id = run.id;
    this.experimentId = run.experimentId;
    this.name = run.name;
    this.ended = run.status !== "RUNNING";
  }

  /** True once end() succeeded (withRun then does not end it again). */
  get isEnded(): boolean {
    return this.ended;
  }

  logParams(params: Readonly<Record<string, string | number | boolean>>): Promise<void> {
    return this.backend.logBatch(this.id, { params });
  }

  logParam(key: string, value: string | number | boolean): Promise<void> {
    return this.backend.logBatch(this.id, { params: { [key]: value } });
  }

  logMetric(key: string, value: number, step?: number): Promise<void> {
    return this.backend.logBatch(this.id, {
      metrics: [{ key, value, ...(step === undefined ? {} : { step }), timestamp: Date.now() }],
    });
  }

  logMetrics(metrics: Readonly<Record<string, number>>, step?: number): Promise<void> {
    const timestamp = Date.now();
    return this.backend.logBatch(this.id, {
      metrics: Object.entries(metrics).map(([key, value]) => ({
        key,
        value,
        timestamp,
        ...(step === undefined ? {} : { step }),
      })),
    });
  }

  setTags(tags: Readonly<Record<string, string>>): Promise<void> {
    return this.backend.logBatch(this.id, { tags });
  }

  logBatch(batch: LogBatchInput): Promise<void> {
    return this.backend.logBatch(this.id, batch);
  }

  logArtifact(path: string, content: Uint8Array | string): Promise<Artifact> {
    return this.backend.putArtifact(this.id, path, content);
  }

  async logModel(model: SerializableModel, options: LogModelOptions): Promise<LoggedModel> {
    // Check the signature here, before anything is stored: a bad one fails the call, not a later registration.
    const signature = checkSignature(options.signature);
    const folder = (options.artifactPath ?? "model").replace(/\/+$/, "");
    const json = JSON.stringify(model.toJSON());
    if (json === undefined) throw new TypeError("model.toJSON() gave nothing to save");
    await this.backend.putArtifact(
      this.id,
      `${folder}/signature.json`,
      Buffer.from(JSON.stringify({ signature, inputExample: options.inputExample ?? null })),
    );
    const artifact = await this.backend.putArtifact(this.id, `${folder}/model.json`, Buffer.from(json));
    if (!options.name) return { artifact };
    const version = await this.backend.registerVersion(this.id, artifact.path, { ...options, signature });
    return version ? { artifact, version } : { artifact };
  }

  async end(status: Exclude<RunStatus, "RUNNING"> = "FINISHED", message?: string): Promise<Run> {
    const run = await this.backend.endRun(this.id, status, message);
    this.ended = true;
    return run;
  }

  info(): Promise<Run> {
    return this.backend.getRun(this.id);
  }
}
