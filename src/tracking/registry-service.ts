import { AppError, type Clock, systemClock } from "../core/index.js";
import type { Database } from "../store/index.js";
import { AliasRepository } from "./alias-repository.js";
import type { AliasMove, ModelSignature, ModelVersion, Page, RegisteredModel } from "./entities.js";
import { RegistryRepository } from "./registry-repository.js";
import { checkSignature } from "./signature.js";
import type { TrackingService } from "./tracking-service.js";
import { checkArtifactPath, checkPageSize, checkStringMap, LIMITS, throwIfInvalid, toEpochMs } from "./validation.js";

/** What registering a version takes: the run and the path of its saved model; the rest is optional. */
export interface CreateVersionInput {
  readonly name: string;
  readonly runId: string;
  /** Default `model/model.json` (where `run.logModel` saves). */
  readonly artifactPath?: string;
  /** Default: the `signature.json` saved beside the model by `run.logModel`, when there is one. */
  readonly signature?: ModelSignature;
  readonly inputExample?: unknown;
  /** Default: the run's latest metric values. */
  readonly metrics?: Readonly<Record<string, number>>;
  readonly description?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** Which version an alias pointed to at an instant, with the move that put it there. */
export interface ResolvedAlias {
  readonly modelName: string;
  readonly alias: string;
  readonly version: number;
  /** The instant asked about (now when none was given). */
  readonly at: Date;
  readonly move: AliasMove;
  /** The version itself; null when it has since been deleted. */
  readonly modelVersion: ModelVersion | null;
}

const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const ALIAS = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Checks a registered model name: letters, digits, _ . - (it appears in URLs), at most 128 characters. */
export function checkModelName(name: unknown, field = "name"): string {
  throwIfInvalid(
    "Invalid model name",
    typeof name === "string" && MODEL_NAME.test(name)
      ? []
      : [{ field, reason: "must be 1-128 letters, digits, _ . - starting with a letter or digit" }],
  );
  return name as string;
}

/** Checks an alias: a letter then letters, digits, _ or -, at most 64 characters (production, staging, champion…). */
export function checkAlias(alias: unknown, field = "alias"): string {
  throwIfInvalid(
    "Invalid alias",
    typeof alias === "string" && ALIAS.test(alias)
      ? []
      : [{ field, reason: "must be a letter then up to 63 letters, digits, _ or -" }],
  );
  return alias as string;
}

function checkVersion(version: unknown): number {
  throwIfInvalid(
    "Invalid version",
    typeof version === "number" && Number.isSafeInteger(version) && version >= 1
      ? []
      : [{ field: "version", reason: "must be an integer ≥ 1" }],
  );
  return version as number;
}

function checkReason(reason: unknown): string {
  throwIfInvalid(
    "Invalid reason",
    reason === undefined || (typeof reason === "string" && reason.length <= 2000)
      ? []
      : [{ field: "reason", reason: "must be a string of at most 2000 characters" }],
  );
  return (reason as string | undefined) ?? "";
}

/** The model registry: models, numbered versions made from runs' saved models, and aliases with their history. */
export class RegistryService {
  private readonly registry: RegistryRepository;
  private readonly aliases: AliasRepository;

  constructor(
    database: Database,
    private readonly tracking: TrackingService,
    private readonly clock: Clock = systemClock,
  ) {
    this.registry = new RegistryRepository(database);
    this.aliases = new AliasRepository(database);
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  async createModel(
    input: { name: string; description?: string; tags?: Record<string, string> },
    by: string,
  ): Promise<RegisteredModel> {
    const description = input.description ?? "";
    if (typeof description !== "string" || description.length > LIMITS.description)
      throwIfInvalid("Invalid model", [
        { field: "description", reason: `must be at most ${LIMITS.description} characters` },
      ]);
    return this.registry.createModel(
      { name: checkModelName(input.name), description, tags: checkStringMap("tags", input.tags) },
      this.now(),
      by,
    );
  }

  async getModel(name: string): Promise<RegisteredModel> {
    const model = await this.registry.getModel(checkModelName(name));
    if (!model) throw new AppError("NOT_FOUND", `No registered model ${name}`);
    return model;
  }

  async listModels(options: { pageSize?: number; pageToken?: string } = {}): Promise<Page<RegisteredModel>> {
    return this.registry.listModels(checkPageSize(options.pageSize), options.pageToken);
  }

  async updateModel(
    name: string,
    patch: { description?: string; tags?: Record<string, string> },
  ): Promise<RegisteredModel> {
    return this.registry.updateModel(
      checkModelName(name),
      {
        ...(patch.description === undefined ? {} : { description: String(patch.description) }),
        ...(patch.tags === undefined ? {} : { tags: checkStringMap("tags", patch.tags) }),
      },
      this.now(),
    );
  }

  async deleteModel(name: string): Promise<void> {
    return this.registry.deleteModel(checkModelName(name), this.now());
  }

  /**
   * Registers the saved model of a run as the next version: the artifact must exist in the run (its sha256 is
   * recorded, so the version keeps exactly these bytes); signature, input example and metrics default to what the
   * run logged.
   */
  async createVersion(input: CreateVersionInput, by: string): Promise<ModelVersion> {
    const name = checkModelName(input.name);
    const artifactPath = checkArtifactPath(input.artifactPath ?? "model/model.json", "artifactPath");
    const run = await this.tracking.getRun(String(input.runId));
    const artifact = await this.tracking.getArtifact(run.id, artifactPath);
    let signature = input.signature === undefined ? null : checkSignature(input.signature);
    let inputExample = input.inputExample;
    if (signature === null || inputExample === undefined) {
      const saved = await this.savedSignature(run.id, artifactPath);
      signature ??= saved?.signature ?? null;
      inputExample ??= saved?.inputExample;
    }
    const metrics = input.metrics ?? Object.fromEntries(Object.entries(run.metrics).map(([k, m]) => [k, m.value]));
    for (const [k, v] of Object.entries(metrics))
      if (typeof v !== "number" || !Number.isFinite(v))
        throwIfInvalid("Invalid metrics", [{ field: `metrics.${k}`, reason: "must be a finite number" }]);
    await this.getModel(name);
    return this.registry.createVersion(
      name,
      {
        runId: run.id,
        artifactPath,
        artifactSha256: artifact.sha256,
        artifactSize: artifact.size,
        signature,
        inputExample,
        metrics,
        description: input.description === undefined ? "" : String(input.description),
        tags: checkStringMap("tags", input.tags),
      },
      this.now(),
      by,
    );
  }

  /** The `signature.json` that run.logModel writes beside the model, if any. */
  private async savedSignature(
    runId: string,
    artifactPath: string,
  ): Promise<{ signature: ModelSignature | null; inputExample: unknown } | undefined> {
    const dir = artifactPath.includes("/") ? artifactPath.slice(0, artifactPath.lastIndexOf("/") + 1) : "";
    try {
      const { bytes } = await this.tracking.readArtifact(runId, `${dir}signature.json`);
      const saved = JSON.parse(bytes.toString("utf8")) as { signature?: unknown; inputExample?: unknown };
      return {
        signature: saved.signature ? checkSignature(saved.signature) : null,
        inputExample: saved.inputExample,
      };
    } catch (error) {
      if (error instanceof AppError && error.code === "NOT_FOUND") return undefined;
      throw error;
    }
  }

  async getVersion(name: string, version: number): Promise<ModelVersion> {
    const found = await this.registry.getVersion(checkModelName(name), checkVersion(version));
    if (!found) throw new AppError("NOT_FOUND", `No version ${version} of model ${name}`);
    return found;
  }

  async listVersions(
    name: string,
    options: { pageSize?: number; pageToken?: string } = {},
  ): Promise<Page<ModelVersion>> {
    await this.getModel(name);
    return this.registry.listVersions(name, checkPageSize(options.pageSize), options.pageToken);
  }

  async updateVersion(
    name: string,
    version: number,
    patch: { description?: string; tags?: Record<string, string> },
  ): Promise<ModelVersion> {
    return this.registry.updateVersion(checkModelName(name), checkVersion(version), {
      ...(patch.description === undefined ? {} : { description: String(patch.description) }),
      ...(patch.tags === undefined ? {} : { tags: checkStringMap("tags", patch.tags) }),
    });
  }

  /** Deletes a version; CONFLICT while an alias points to it. */
  async deleteVersion(name: string, version: number): Promise<void> {
    return this.registry.deleteVersion(checkModelName(name), checkVersion(version), this.now());
  }

  /** The saved model's bytes of a version, checked against the sha256 recorded at registration. */
  async readModel(name: string, version: number): Promise<{ version: ModelVersion; bytes: Buffer }> {
    const found = await this.getVersion(name, version);
    return { version: found, bytes: await this.tracking.content.get(found.artifactSha256) };
  }

  /**
   * Points an alias at a version, recording who, when and why (rollback is the same call with the older version).
   * Answers the recorded move, or undefined when the alias already pointed there.
   */
  async setAlias(
    name: string,
    alias: string,
    version: number,
    reason: string | undefined,
    by: string,
  ): Promise<AliasMove | undefined> {
    return this.aliases.set(checkModelName(name), checkAlias(alias), checkVersion(version), {
      now: this.now(),
      by,
      reason: checkReason(reason),
    });
  }

  async deleteAlias(name: string, alias: string, reason: string | undefined, by: string): Promise<AliasMove> {
    return this.aliases.remove(checkModelName(name), checkAlias(alias), {
      now: this.now(),
      by,
      reason: checkReason(reason),
    });
  }

  /** Which version an alias points to now, or pointed to at `at`; NOT_FOUND when it pointed nowhere then. */
  async resolve(name: string, alias: string, at?: Date | string | number): Promise<ResolvedAlias> {
    checkModelName(name);
    checkAlias(alias);
    const instant = at === undefined ? this.now() : toEpochMs(at);
    if (instant === undefined)
      throwIfInvalid("Invalid instant", [{ field: "at", reason: "must be an ISO date or epoch ms" }]);
    await this.getModel(name);
    const found = await this.aliases.resolve(name, alias, at === undefined ? undefined : instant);
    if (!found)
      throw new AppError(
        "NOT_FOUND",
        at === undefined
          ? `Model ${name} has no alias ${alias}`
          : `Alias ${alias} of ${name} pointed to no version at ${new Date(instant!).toISOString()}`,
      );
    return {
      modelName: name,
      alias,
      version: found.version,
      at: new Date(instant!),
      move: found.move,
      modelVersion: (await this.registry.getVersion(name, found.version)) ?? null,
    };
  }

  async aliasHistory(
    name: string,
    alias: string,
    options: { pageSize?: number; pageToken?: string } = {},
  ): Promise<Page<AliasMove>> {
    await this.getModel(name);
    return this.aliases.history(name, checkAlias(alias), checkPageSize(options.pageSize), options.pageToken);
  }
}
