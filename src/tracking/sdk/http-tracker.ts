import { readFile } from "node:fs/promises";
import { AppError, ERROR_CODES, type ErrorCode } from "../../core/index.js";
import type { Artifact, Experiment, Page, RegisteredModel, Run, RunStatus } from "../entities.js";
import type { ExperimentView } from "../experiment-repository.js";
import type { LogBatchInput } from "../log-batch.js";
import type { CreateVersionInput } from "../registry-service.js";
import type { CreateRunInput, SearchRunsInput } from "../tracking-service.js";
import { BaseTracker } from "./base-tracker.js";
import {
  artifactFromJson,
  experimentFromJson,
  metricPointFromJson,
  modelFromJson,
  moveFromJson,
  pageFromJson,
  resolvedFromJson,
  runFromJson,
  versionFromJson,
} from "./from-json.js";
import type { PageOptions, Tracker } from "./tracker.js";

/** Where the server is and how to authenticate (a bearer JWT from /token, or an API key). */
export interface HttpTrackerOptions {
  readonly url: string;
  readonly token?: string;
  /** Per-request timeout in ms (default 60 000). */
  readonly timeoutMs?: number;
}

const enc = encodeURIComponent;
const encPath = (path: string) => path.split("/").map(enc).join("/");

function query(options: Record<string, string | number | undefined>): string {
  const entries = Object.entries(options).filter(([, v]) => v !== undefined) as [string, string | number][];
  return entries.length ? `?${entries.map(([k, v]) => `${enc(k)}=${enc(String(v))}`).join("&")}` : "";
}

/** The tracker over Atelier's REST API: the same calls as in-process; server errors come back as the same AppError. */
class HttpTracker extends BaseTracker {
  private readonly base: string;

  constructor(private readonly options: HttpTrackerOptions) {
    super();
    this.base = options.url.replace(/\/+$/, "");
  }

  private async call(method: string, path: string, body?: unknown, raw?: Uint8Array): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (raw) headers["content-type"] = "application/octet-stream";
    else if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        ...(raw ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      throw new AppError("STORE_UNAVAILABLE", `Cannot reach the Atelier server at ${this.base}: ${cause}`, undefined, {
        cause: error,
      });
    }
    if (response.ok) return response;
    const text = await response.text();
    let error: { code?: string; message?: string; details?: unknown } | undefined;
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error;
    } catch {}
    const code = (
      error?.code && error.code in ERROR_CODES ? error.code : response.status >= 500 ? "INTERNAL" : "INVALID_INPUT"
    ) as ErrorCode;
    throw new AppError(
      code,
      error?.message ?? `${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`,
      error?.details,
    );
  }

  // biome-ignore lint/suspicious/noExplicitAny: JSON answers, shaped by the server's response schemas.
  private async json(method: string, path: string, body?: unknown): Promise<any> {
    const response = await this.call(method, path, body);
    return response.status === 204 ? undefined : response.json();
  }

  protected async createRun(input: CreateRunInput): Promise<Run> {
    return runFromJson(await this.json("POST", "/api/v1/runs", input));
  }
  async logBatch(runId: string, batch: LogBatchInput): Promise<void> {
    await this.json("POST", `/api/v1/runs/${enc(runId)}/log-batch`, batch);
  }
  async putArtifact(runId: string, path: string, content: Uint8Array | string): Promise<Artifact> {
    const bytes = typeof content === "string" ? await readFile(content) : content;
    const response = await this.call("PUT", `/api/v1/runs/${enc(runId)}/artifacts/${encPath(path)}`, undefined, bytes);
    return artifactFromJson(await response.json());
  }
  async endRun(runId: string, status: Exclude<RunStatus, "RUNNING">, message?: string): Promise<Run> {
    return runFromJson(
      await this.json("PATCH", `/api/v1/runs/${enc(runId)}`, {
        status,
        ...(message === undefined ? {} : { statusMessage: message }),
      }),
    );
  }
  async getRun(runId: string): Promise<Run> {
    return runFromJson(await this.json("GET", `/api/v1/runs/${enc(runId)}`));
  }
  async searchRuns(search: SearchRunsInput = {}): Promise<Page<Run>> {
    return pageFromJson(await this.json("POST", "/api/v1/runs/search", search), runFromJson);
  }
  async metricHistory(runId: string, key: string, options: PageOptions = {}) {
    return pageFromJson(
      await this.json("GET", `/api/v1/runs/${enc(runId)}/metrics/${enc(key)}/history${query({ ...options })}`),
      metricPointFromJson,
    );
  }
  async listArtifacts(runId: string, options: PageOptions & { prefix?: string } = {}) {
    return pageFromJson(
      await this.json("GET", `/api/v1/runs/${enc(runId)}/artifacts${query({ ...options })}`),
      artifactFromJson,
    );
  }
  async downloadArtifact(runId: string, path: string): Promise<Buffer> {
    const response = await this.call("GET", `/api/v1/runs/${enc(runId)}/artifacts/${encPath(path)}`);
    return Buffer.from(await response.arrayBuffer());
  }
  async createExperiment(input: {
    name: string;
    description?: string;
    tags?: Record<string, string>;
  }): Promise<Experiment> {
    return experimentFromJson(await this.json("POST", "/api/v1/experiments", input));
  }
  async listExperiments(options: PageOptions & { view?: ExperimentView } = {}): Promise<Page<Experiment>> {
    return pageFromJson(await this.json("GET", `/api/v1/experiments${query({ ...options })}`), experimentFromJson);
  }
  async registerModel(input: {
    name: string;
    description?: string;
    tags?: Record<string, string>;
  }): Promise<RegisteredModel> {
    return modelFromJson(await this.json("POST", "/api/v1/models", input));
  }
  async getModel(name: string) {
    return modelFromJson(await this.json("GET", `/api/v1/models/${enc(name)}`));
  }
  async listModels(options: PageOptions = {}) {
    return pageFromJson(await this.json("GET", `/api/v1/models${query({ ...options })}`), modelFromJson);
  }
  async createModelVersion(input: CreateVersionInput) {
    const { name, ...body } = input;
    return versionFromJson(await this.json("POST", `/api/v1/models/${enc(name)}/versions`, body));
  }
  async getModelVersion(name: string, version: number) {
    return versionFromJson(await this.json("GET", `/api/v1/models/${enc(name)}/versions/${version}`));
  }
  async listModelVersions(name: string, options: PageOptions = {}) {
    return pageFromJson(
      await this.json("GET", `/api/v1/models/${enc(name)}/versions${query({ ...options })}`),
      versionFromJson,
    );
  }
  async loadModelJson(name: string, version: number): Promise<unknown> {
    return (await this.call("GET", `/api/v1/models/${enc(name)}/versions/${version}/model`)).json();
  }
  async setAlias(name: string, alias: string, version: number, reason?: string) {
    const answer = await this.json("PUT", `/api/v1/models/${enc(name)}/aliases/${enc(alias)}`, {
      version,
      ...(reason === undefined ? {} : { reason }),
    });
    return answer.move ? moveFromJson(answer.move) : undefined;
  }
  async deleteAlias(name: string, alias: string, reason?: string) {
    return moveFromJson(
      await this.json("DELETE", `/api/v1/models/${enc(name)}/aliases/${enc(alias)}${query({ reason })}`),
    );
  }
  async resolve(name: string, alias: string, at?: Date | string) {
    const instant = at === undefined ? undefined : at instanceof Date ? at.toISOString() : at;
    return resolvedFromJson(
      await this.json("GET", `/api/v1/models/${enc(name)}/aliases/${enc(alias)}${query({ at: instant })}`),
    );
  }
  async aliasHistory(name: string, alias: string, options: PageOptions = {}) {
    return pageFromJson(
      await this.json("GET", `/api/v1/models/${enc(name)}/aliases/${enc(alias)}/history${query({ ...options })}`),
      moveFromJson,
    );
  }
  async close(): Promise<void> {}
}

/** A tracker talking to an Atelier server (`url`, and a bearer token or API key when the server requires one). */
export function createHttpTracker(options: HttpTrackerOptions): Tracker {
  return new HttpTracker(options);
}
