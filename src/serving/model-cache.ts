import { AppError, isAppError, type Logger } from "../core/index.js";
import type { ModelMetrics } from "../monitoring/index.js";
import type { RegistryService } from "../tracking/index.js";
import { type BatchSettings, LoadedModel } from "./loaded-model.js";

/** Unload a version no alias points to after this long without a request. */
const IDLE_UNLOAD_MS = 10 * 60_000;

const aliasKey = (name: string, alias: string) => `${name}\u0000${alias}`;
const versionKey = (name: string, version: number) => `${name}@${version}`;

/**
 * The versions held in memory and which one each served alias points to. A version is loaded once (name@version)
 * and shared; an alias resolves to a loaded version without any I/O once served. `refresh` (the watcher's poll)
 * reads the aliases of every served model and, when one moved, loads the new version first and then swaps the
 * pointer in one assignment: requests never wait for a load, and those already running finish on the old version.
 */
export class ModelCache {
  private readonly loaded = new Map<string, LoadedModel>();
  private readonly loading = new Map<string, Promise<LoadedModel>>();
  private readonly pointers = new Map<string, LoadedModel>();
  private readonly resolving = new Map<string, Promise<LoadedModel>>();
  private readonly failedLoads = new Set<string>();

  constructor(
    private readonly registry: RegistryService,
    private readonly metrics: ModelMetrics,
    private readonly batching: BatchSettings,
    private readonly logger?: Logger,
  ) {}

  /** The version an alias points to, loaded (synchronously once the alias is served). */
  byAlias(name: string, alias: string): LoadedModel | Promise<LoadedModel> {
    const key = aliasKey(name, alias);
    const served = this.pointers.get(key);
    if (served !== undefined) return served;
    let pending = this.resolving.get(key);
    if (pending === undefined) {
      pending = this.resolveAlias(name, alias).finally(() => this.resolving.delete(key));
      this.resolving.set(key, pending);
    }
    return pending;
  }

  private async resolveAlias(name: string, alias: string): Promise<LoadedModel> {
    const model = await this.registry.getModel(name);
    const version = model.aliases[alias];
    if (version === undefined)
      throw new AppError("MODEL_NOT_READY", `Model ${name} has no version behind the alias ${alias}`);
    const loaded = await this.load(name, version);
    // A concurrent refresh may have set a newer pointer meanwhile: keep it.
    const key = aliasKey(name, alias);
    if (!this.pointers.has(key)) this.pointers.set(key, loaded);
    return this.pointers.get(key)!;
  }

  /** A fixed version, loaded (synchronously once loaded). */
  byVersion(name: string, version: number): LoadedModel | Promise<LoadedModel> {
    return this.loaded.get(versionKey(name, version)) ?? this.load(name, version);
  }

  /** Loads a version once, however many callers ask at the same time. */
  private load(name: string, version: number): Promise<LoadedModel> {
    const key = versionKey(name, version);
    const done = this.loaded.get(key);
    if (done !== undefined) return Promise.resolve(done);
    let pending = this.loading.get(key);
    if (pending === undefined) {
      pending = (async () => {
        const { version: info, bytes } = await this.registry.readModel(name, version);
        let model: LoadedModel;
        try {
          model = LoadedModel.fromJson(
            info,
            JSON.parse(bytes.toString("utf8")),
            this.metrics.forVersion(name, version),
            this.batching,
          );
        } catch (error) {
          throw new AppError(
            "MODEL_NOT_READY",
            `Model ${name} version ${version} cannot be loaded: ${(error as Error).message}`,
            undefined,
            { cause: error },
          );
        }
        this.loaded.set(key, model);
        return model;
      })().finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** The names of the models whose aliases are served. */
  servedModels(): string[] {
    return [...new Set([...this.pointers.keys()].map((k) => k.slice(0, k.indexOf("\u0000"))))];
  }

  /** One poll: follows every served alias to where the registry says it points now. */
  async refresh(): Promise<void> {
    const byModel = new Map<string, string[]>();
    for (const key of this.pointers.keys()) {
      const cut = key.indexOf("\u0000");
      const name = key.slice(0, cut);
      byModel.set(name, [...(byModel.get(name) ?? []), key.slice(cut + 1)]);
    }
    for (const [name, aliases] of byModel) {
      let current: Readonly<Record<string, number>>;
      try {
        current = (await this.registry.getModel(name)).aliases;
      } catch (error) {
        if (isAppError(error) && error.code === "NOT_FOUND") current = {};
        else {
          this.logger?.warn({ err: error, model: name }, "serving: cannot read the model's aliases");
          continue;
        }
      }
      for (const alias of aliases) await this.follow(name, alias, current[alias]);
    }
  }

  /** Points a served alias at `version` (loaded first), or stops serving it when the alias was removed. */
  private async follow(name: string, alias: string, version: number | undefined): Promise<void> {
    const key = aliasKey(name, alias);
    const served = this.pointers.get(key);
    if (version === undefined) {
      this.pointers.delete(key);
      return;
    }
    if (served?.version === version) return;
    try {
      const next = await this.load(name, version);
      this.pointers.set(key, next);
      this.failedLoads.delete(versionKey(name, version));
      this.logger?.info({ model: name, alias, from: served?.version, to: version }, "serving: alias moved, swapped");
    } catch (error) {
      // Keep serving the old version; say it once, retry at every poll.
      if (!this.failedLoads.has(versionKey(name, version))) {
        this.failedLoads.add(versionKey(name, version));
        this.logger?.error({ err: error, model: name, alias, version }, "serving: cannot load the new version");
      }
    }
  }

  /** Unloads versions no alias points to and nobody asked for in a while. */
  evictIdle(now: number): void {
    const pointed = new Set(this.pointers.values());
    for (const [key, model] of this.loaded)
      if (!pointed.has(model) && now - model.lastUsed > IDLE_UNLOAD_MS) this.loaded.delete(key);
  }
}
