import { AppError, type ErrorDetail, isAppError, type Logger, type Principal } from "../core/index.js";
import { ModelMetrics, type PredictionLog } from "../monitoring/index.js";
import type { Database } from "../store/index.js";
import type { RegistryService } from "../tracking/index.js";
import type { LoadedModel } from "./loaded-model.js";
import type { BatchOutput } from "./micro-batcher.js";
import { ModelCache } from "./model-cache.js";
import {
  type Arm,
  DEFAULT_ALIAS,
  type JsonSchema,
  type PredictOptions,
  type PredictResult,
} from "./predict-contract.js";
import { RateLimiter } from "./rate-limiter.js";
import { recordSchema, requestBodySchema } from "./request-schema.js";
import {
  checkServingConfig,
  defaultServingConfig,
  type RateLimit,
  type ServingConfig,
  type ServingConfigInput,
} from "./serving-config.js";
import { ServingConfigRepository } from "./serving-config-repository.js";
import { bucketOf, stickyKeyOf } from "./traffic-split.js";

/** Settings of the model server (from SERVING_* config). */
export interface ModelServerOptions {
  /** How often served aliases and serving configs are re-read, in ms (SERVING_POLL_MS, default 1000). */
  readonly pollMs?: number;
  /** Most single-record requests predicted together (SERVING_MAX_BATCH, default 32; 1 turns batching off). */
  readonly maxBatch?: number;
  /** How long a micro-batch waits for more (SERVING_MAX_WAIT_MS, default 0: the same event-loop turn). */
  readonly maxWaitMs?: number;
  /** Per-principal requests a second on a model without its own limit (SERVING_RATE_LIMIT_PER_SECOND; 0: none). */
  readonly rateLimitPerSecond?: number;
}

/** What the model server works with: the registry, the store (serving configs) and, optionally, the log. */
export interface ModelServerDeps {
  readonly registry: RegistryService;
  readonly database: Database;
  /** Where every prediction is recorded (none: not logged). */
  readonly log?: PredictionLog;
  /** Prometheus metrics (default: new ones, unregistered). */
  readonly metrics?: ModelMetrics;
  readonly logger?: Logger;
}

/** A served model as /openapi.json documents it: the version behind production (else the latest) and its body. */
export interface ServedModelDoc {
  readonly name: string;
  readonly version: number;
  readonly alias: string | null;
  readonly description: string;
  readonly requestBody: JsonSchema;
}

type Row = Readonly<Record<string, unknown>>;

/**
 * Serves the registry's models: resolves an alias (or a fixed version) to a version held in memory, checks the
 * records against the version's signature (every bad field at once), predicts (single records micro-batched),
 * records every prediction in the log, and follows alias moves and serving configs by polling the store.
 * Traffic split and shadow scoring between two aliases and per-principal rate limits come from serving_configs.
 */
export class ModelServer {
  readonly metrics: ModelMetrics;
  private readonly cache: ModelCache;
  private readonly configs = new Map<string, ServingConfig>();
  private readonly configLoads = new Map<string, Promise<ServingConfig>>();
  private readonly configRepository: ServingConfigRepository;
  private readonly limiter = new RateLimiter();
  private readonly defaultLimit: RateLimit | null;
  private readonly shadows = new Set<Promise<void>>();
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly deps: ModelServerDeps,
    options: ModelServerOptions = {},
  ) {
    this.metrics = deps.metrics ?? new ModelMetrics(deps.log);
    this.cache = new ModelCache(
      deps.registry,
      this.metrics,
      { maxBatch: options.maxBatch ?? 32, maxWaitMs: options.maxWaitMs ?? 0 },
      deps.logger,
    );
    this.configRepository = new ServingConfigRepository(deps.database);
    const rate = options.rateLimitPerSecond ?? 0;
    this.defaultLimit = rate > 0 ? { perSecond: rate, burst: Math.max(1, Math.ceil(rate)) } : null;
    this.pollMs = options.pollMs ?? 1000;
    this.schedulePoll();
  }

  /**
   * Predicts records with a model: the alias (default production) or version asked for, or the challenger when a
   * traffic split sends this caller there. INVALID_INPUT lists every bad field of every record; RATE_LIMITED carries
   * `details.retryAfterSeconds`; NOT_FOUND for an unknown model; MODEL_NOT_READY when the alias points nowhere.
   */
  async predict(name: string, records: readonly Row[], options: PredictOptions): Promise<PredictResult> {
    const start = performance.now();
    if (records.length === 0)
      throw new AppError("INVALID_INPUT", "No records to predict", [
        { field: "inputs", reason: "must hold at least one record" },
      ]);
    const config = this.configs.get(name) ?? (await this.loadConfig(name));
    if (options.principal !== undefined) this.admit(name, config, options.principal);
    let model: LoadedModel | undefined;
    let alias: string | null = null;
    let arm: "main" | "challenger" = "main";
    let shadowAlias: string | undefined;
    if (options.version !== undefined) {
      const found = this.cache.byVersion(name, options.version);
      model = "then" in found ? await found : found;
    } else {
      alias = options.alias ?? DEFAULT_ALIAS;
      const challenger = config.challenger;
      if (challenger !== null && challenger.percent > 0 && alias === config.mainAlias) {
        const key = stickyKeyOf(options.stickyKey, config.stickyField, records[0], options.requestId);
        if (bucketOf(key) < challenger.percent) {
          if (challenger.mode === "shadow") shadowAlias = challenger.alias;
          else {
            model = await this.challengerModel(name, challenger.alias);
            if (model !== undefined) {
              alias = challenger.alias;
              arm = "challenger";
            }
          }
        }
      }
      if (model === undefined) {
        const found = this.cache.byAlias(name, alias);
        model = "then" in found ? await found : found;
      }
    }
    const details: ErrorDetail[] = [];
    if (!model.validate(records, details)) throw invalidRecords(model, details);
    const output = await this.run(model, records);
    const latencyMs = performance.now() - start;
    model.metrics.request(latencyMs / 1000);
    this.record(model, alias, arm, records, output, options, latencyMs);
    if (shadowAlias !== undefined) this.shadow(name, shadowAlias, records, options);
    const result: {
      -readonly [K in keyof PredictResult]: PredictResult[K];
    } = { predictions: output.predictions, model: { name, version: model.version, alias }, arm };
    if (output.probabilities) {
      result.probabilities = output.probabilities;
      result.classes = model.classes!;
    }
    return result;
  }

  /** The challenger of a split, or undefined (the request goes to the main alias) when it points nowhere. */
  private async challengerModel(name: string, alias: string): Promise<LoadedModel | undefined> {
    try {
      const found = this.cache.byAlias(name, alias);
      return "then" in found ? await found : found;
    } catch (error) {
      if (isAppError(error) && error.code === "MODEL_NOT_READY") return undefined;
      throw error;
    }
  }

  /** Predicts with the model, counting its failures (bad input is the caller's, not the model's). */
  private async run(model: LoadedModel, records: readonly Row[]): Promise<BatchOutput> {
    model.lastUsed = Date.now();
    try {
      if (records.length > 1) return model.predictNow(records);
      const one = model.predictOne(records[0]!);
      if (!("then" in one)) return one;
      const { prediction, probabilities } = await one;
      return probabilities
        ? { predictions: [prediction], probabilities: [probabilities] }
        : { predictions: [prediction] };
    } catch (error) {
      if (!(isAppError(error) && error.code === "INVALID_INPUT")) model.metrics.error();
      throw error;
    }
  }

  /** The request's predictions into the log (one entry, one row per record) and the distribution metrics. */
  private record(
    model: LoadedModel,
    alias: string | null,
    arm: Arm,
    records: readonly Row[],
    output: BatchOutput,
    options: PredictOptions,
    latencyMs: number,
  ): void {
    model.metrics.predictions(output.predictions, model.classifier);
    this.deps.log?.record({
      requestId: options.requestId,
      modelName: model.name,
      modelVersion: model.version,
      alias,
      arm,
      principal: options.principal?.name ?? null,
      latencyMs,
      timestamp: Date.now(),
      firstIndex: 0,
      inputs: records,
      predictions: output.predictions,
      probabilities: output.probabilities ?? null,
    });
  }

  /** Scores the records with the shadow alias after the answer is sent; logged with arm "shadow", never returned. */
  private shadow(name: string, alias: string, records: readonly Row[], options: PredictOptions): void {
    const task = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      let model: LoadedModel | undefined;
      try {
        const found = this.cache.byAlias(name, alias);
        model = "then" in found ? await found : found;
        if (!model.validate(records, [])) return;
        const start = performance.now();
        const output = await this.run(model, records);
        const latencyMs = performance.now() - start;
        model.metrics.request(latencyMs / 1000);
        this.record(model, alias, "shadow", records, output, options, latencyMs);
      } catch (error) {
        if (!(isAppError(error) && error.code === "MODEL_NOT_READY"))
          this.deps.logger?.warn({ err: error, model: name, alias }, "serving: shadow scoring failed");
      }
    });
    this.shadows.add(task);
    void task.finally(() => this.shadows.delete(task));
  }

  /** Takes a rate-limit token for the principal on this model; RATE_LIMITED (with the wait) when none is left. */
  private admit(name: string, config: ServingConfig, principal: Principal): void {
    const limit = config.rateLimit ?? this.defaultLimit;
    if (limit === null || limit.perSecond <= 0) return;
    const wait = this.limiter.take(`${name}\u0000${principal.id}`, limit, Date.now());
    if (wait > 0)
      throw new AppError("RATE_LIMITED", "Rate limit exceeded. Please try again later.", {
        retryAfterSeconds: Math.max(1, Math.ceil(wait)),
      });
  }

  private loadConfig(name: string): Promise<ServingConfig> {
    let pending = this.configLoads.get(name);
    if (pending === undefined) {
      pending = (async () => {
        // Only registered models get an entry: unknown names answer NOT_FOUND and leave nothing in memory.
        await this.deps.registry.getModel(name);
        const stored = (await this.configRepository.getMany([name])).get(name) ?? defaultServingConfig(name);
        if (!this.configs.has(name)) this.configs.set(name, stored);
        return this.configs.get(name)!;
      })().finally(() => this.configLoads.delete(name));
      this.configLoads.set(name, pending);
    }
    return pending;
  }

  /** The serving configuration of a registered model (defaults when never set); NOT_FOUND for unknown models. */
  async getConfig(name: string): Promise<ServingConfig> {
    await this.deps.registry.getModel(name);
    return (await this.configRepository.getMany([name])).get(name) ?? defaultServingConfig(name);
  }

  /** Stores a model's serving configuration; this replica applies it at once, the others at their next poll. */
  async setConfig(name: string, input: ServingConfigInput, by: string): Promise<ServingConfig> {
    await this.deps.registry.getModel(name);
    const config = checkServingConfig(name, input, new Date(), by);
    await this.configRepository.put(config);
    this.configs.set(name, config);
    return config;
  }

  /** The request body schema of a version (the alias production's when no version is given). */
  async requestSchema(name: string, version?: number): Promise<JsonSchema> {
    const found = version === undefined ? this.cache.byAlias(name, DEFAULT_ALIAS) : this.cache.byVersion(name, version);
    const model = "then" in found ? await found : found;
    return requestBodySchema(model.schema);
  }

  /** Every registered model with a version (production's, else the latest) and its request body, for the docs. */
  async describeModels(limit = 200): Promise<ServedModelDoc[]> {
    const out: ServedModelDoc[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.deps.registry.listModels({ pageSize: 100, ...(pageToken ? { pageToken } : {}) });
      for (const m of page.items) {
        const production = m.aliases[DEFAULT_ALIAS];
        const version = production ?? m.latestVersion;
        if (!(version >= 1) || out.length >= limit) continue;
        const v = await this.deps.registry.getVersion(m.name, version).catch(() => undefined);
        if (v === undefined) continue;
        out.push({
          name: m.name,
          version,
          alias: production === undefined ? null : DEFAULT_ALIAS,
          description: v.description || m.description,
          requestBody: requestBodySchema(recordSchema(v.signature, v.inputExample)),
        });
      }
      pageToken = page.nextPageToken;
    } while (pageToken !== undefined && out.length < limit);
    return out;
  }

  /** Re-reads the served aliases and configs now (what the poll does every SERVING_POLL_MS). */
  refresh(): Promise<void> {
    this.polling ??= (async () => {
      try {
        await this.cache.refresh();
        const served = [...this.configs.keys()];
        const stored = await this.configRepository.getMany(served);
        for (const name of served) this.configs.set(name, stored.get(name) ?? defaultServingConfig(name));
        const now = Date.now();
        this.cache.evictIdle(now);
        this.limiter.sweep(now, (key) => {
          const config = this.configs.get(key.slice(0, key.indexOf("\u0000")));
          return config?.rateLimit ?? this.defaultLimit ?? undefined;
        });
      } catch (error) {
        this.deps.logger?.warn({ err: error }, "serving: poll failed");
      } finally {
        this.polling = undefined;
      }
    })();
    return this.polling;
  }

  private schedulePoll(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.refresh().then(() => this.schedulePoll()), this.pollMs);
    this.timer.unref();
  }

  /** Stops following the registry and waits for shadow scorings still running. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.polling) await this.polling;
    await Promise.all([...this.shadows]);
  }
}

/** INVALID_INPUT naming the model and every bad field (the message lists the first ten). */
function invalidRecords(model: LoadedModel, details: ErrorDetail[]): AppError {
  const shown = details
    .slice(0, 10)
    .map((d) => `${d.index === undefined ? "" : `[${d.index}] `}${d.field} ${d.reason}`)
    .join("; ");
  const more = details.length > 10 ? ` (and ${details.length - 10} more)` : "";
  return new AppError(
    "INVALID_INPUT",
    `Invalid input for model ${model.name} version ${model.version}: ${shown}${more}`,
    details,
  );
}
