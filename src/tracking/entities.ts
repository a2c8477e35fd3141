/** Statuses of a run: it starts RUNNING and ends once, as FINISHED, FAILED or KILLED. */
export const RUN_STATUSES = ["RUNNING", "FINISHED", "FAILED", "KILLED"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A named group of runs (one per question, e.g. "sales-forecast"). Deleting is soft: it can be restored. */
export interface Experiment {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly deletedAt: Date | null;
}

/** A data set a run used: its name and content hash (sha256 hex, or any digest the caller computed). */
export interface DatasetRef {
  readonly name: string;
  readonly digest: string;
  readonly source?: string;
}

/** The latest point of a metric (highest step, then latest timestamp). */
export interface LatestMetric {
  readonly value: number;
  readonly step: number;
  readonly timestamp: Date;
}

/** One point of a metric's history. */
export interface MetricPoint {
  readonly key: string;
  readonly value: number;
  readonly step: number;
  readonly timestamp: Date;
}

/** One training (or evaluation, or search trial) with everything logged into it. */
export interface Run {
  readonly id: string;
  readonly experimentId: string;
  readonly name: string;
  readonly status: RunStatus;
  readonly statusMessage: string | null;
  readonly startTime: Date;
  readonly endTime: Date | null;
  readonly parentRunId: string | null;
  readonly gitCommit: string | null;
  readonly createdBy: string;
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly metrics: Readonly<Record<string, LatestMetric>>;
  readonly datasets: readonly DatasetRef[];
}

/** A file logged into a run, its bytes in the content store. */
export interface Artifact {
  readonly runId: string;
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly createdAt: Date;
}

/** A page of a listing; pass `nextPageToken` back as `pageToken` for the next one (absent on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextPageToken?: string;
}

/** The type of one input column or of the output in a model signature. */
export const COLUMN_TYPES = ["number", "integer", "string", "boolean", "datetime"] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** One input column of a signature; the optional facts document it and become checks in serving's request schema. */
export interface SignatureInput {
  readonly name: string;
  readonly type: ColumnType;
  readonly optional?: boolean;
  /** The allowed values (strings, or numbers for number and integer columns). */
  readonly enum?: readonly (string | number)[];
  /** Inclusive bounds of a number or integer column. */
  readonly minimum?: number;
  readonly maximum?: number;
  readonly description?: string;
  /** A typical value, shown in the served model's documentation. */
  readonly example?: string | number | boolean;
}

/** What a model takes and gives: named, typed input columns and an output type (serving derives its schema). */
export interface ModelSignature {
  readonly inputs: readonly SignatureInput[];
  readonly output: { readonly name?: string; readonly type: ColumnType | "array" | "object" };
}

/** A named model in the registry; its versions are numbered 1, 2, 3… */
export interface RegisteredModel {
  readonly name: string;
  readonly description: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly latestVersion: number;
  readonly aliases: Readonly<Record<string, number>>;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One version of a registered model: which run made it, its saved model, signature and metrics at registration. */
export interface ModelVersion {
  readonly modelName: string;
  readonly version: number;
  readonly runId: string | null;
  readonly artifactPath: string;
  readonly artifactSha256: string;
  readonly artifactSize: number;
  readonly signature: ModelSignature | null;
  readonly inputExample: unknown;
  readonly metrics: Readonly<Record<string, number>>;
  readonly description: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly aliases: readonly string[];
  readonly createdAt: Date;
  readonly createdBy: string;
}

/** One move of an alias: from which version to which (null when set the first time or removed), who, when, why. */
export interface AliasMove {
  readonly modelName: string;
  readonly alias: string;
  readonly seq: number;
  readonly fromVersion: number | null;
  readonly toVersion: number | null;
  readonly movedAt: Date;
  readonly movedBy: string;
  readonly reason: string;
}
