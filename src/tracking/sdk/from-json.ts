import type {
  AliasMove,
  Artifact,
  Experiment,
  LatestMetric,
  MetricPoint,
  ModelVersion,
  Page,
  RegisteredModel,
  Run,
} from "../entities.js";
import type { ResolvedAlias } from "../registry-service.js";

/** The REST API's JSON (ISO strings for times) back into entities (Dates), for the HTTP tracker. */

// biome-ignore lint/suspicious/noExplicitAny: JSON from the server, shaped by its response schemas.
type Json = any;

const date = (v: string | null): Date | null => (v === null || v === undefined ? null : new Date(v));

export const experimentFromJson = (j: Json): Experiment => ({
  ...j,
  createdAt: new Date(j.createdAt),
  updatedAt: new Date(j.updatedAt),
  deletedAt: date(j.deletedAt),
});

export const runFromJson = (j: Json): Run => ({
  ...j,
  startTime: new Date(j.startTime),
  endTime: date(j.endTime),
  metrics: Object.fromEntries(
    Object.entries(j.metrics as Record<string, Json>).map(([k, m]): [string, LatestMetric] => [
      k,
      { value: m.value, step: m.step, timestamp: new Date(m.timestamp) },
    ]),
  ),
});

export const artifactFromJson = (j: Json): Artifact => ({ ...j, createdAt: new Date(j.createdAt) });
export const metricPointFromJson = (j: Json): MetricPoint => ({ ...j, timestamp: new Date(j.timestamp) });
export const modelFromJson = (j: Json): RegisteredModel => ({
  ...j,
  createdAt: new Date(j.createdAt),
  updatedAt: new Date(j.updatedAt),
});
export const versionFromJson = (j: Json): ModelVersion => ({ ...j, createdAt: new Date(j.createdAt) });
export const moveFromJson = (j: Json): AliasMove => ({ ...j, movedAt: new Date(j.movedAt) });
export const resolvedFromJson = (j: Json): ResolvedAlias => ({
  ...j,
  at: new Date(j.at),
  move: moveFromJson(j.move),
  modelVersion: j.modelVersion ? versionFromJson(j.modelVersion) : null,
});

/** A page of JSON items as a page of entities. */
export function pageFromJson<T>(j: Json, item: (x: Json) => T): Page<T> {
  return j.nextPageToken ? { items: j.items.map(item), nextPageToken: j.nextPageToken } : { items: j.items.map(item) };
}
