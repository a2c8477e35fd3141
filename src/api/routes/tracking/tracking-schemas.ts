import type { Artifact, Experiment, MetricPoint, Run } from "../../../tracking/index.js";

/** JSON schemas (with examples) and JSON forms of the tracking entities; times are ISO 8601 strings. */

export const RUN_ID_EXAMPLE = "4f1c9a2be3d84f0c9a7b6e5d4c3b2a19";
export const EXPERIMENT_ID_EXAMPLE = "9b2f0c1d7e6a4b3c8d9e0f1a2b3c4d5e";

const stringMap = { type: "object", additionalProperties: { type: "string" } } as const;
const time = { type: "string", format: "date-time" } as const;
const nullableTime = { type: ["string", "null"], format: "date-time" } as const;

export const pageQuery = {
  pageSize: { type: "integer", minimum: 1, maximum: 1000, examples: [100] },
  pageToken: { type: "string", description: "The nextPageToken of the previous page, unchanged" },
} as const;

/** A page of `item`: `items` and, when there are more, `nextPageToken`. */
export function pageOf(item: object, example: unknown) {
  return {
    type: "object",
    properties: { items: { type: "array", items: item }, nextPageToken: { type: "string" } },
    required: ["items"],
    examples: [{ items: [example], nextPageToken: "eyJvIjoxMDB9" }],
  } as const;
}

export const experimentExample = {
  id: EXPERIMENT_ID_EXAMPLE,
  name: "sales-forecast",
  description: "Weekly vegetable sales, next 4 weeks",
  tags: { team: "forecasting" },
  createdAt: "2026-03-02T09:00:00.000Z",
  updatedAt: "2026-03-02T09:00:00.000Z",
  deletedAt: null,
};

export const experimentSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    description: { type: "string" },
    tags: stringMap,
    createdAt: time,
    updatedAt: time,
    deletedAt: nullableTime,
  },
  required: ["id", "name", "description", "tags", "createdAt", "updatedAt", "deletedAt"],
  examples: [experimentExample],
} as const;

export const experimentJson = (e: Experiment) => ({
  ...e,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
  deletedAt: e.deletedAt?.toISOString() ?? null,
});

export const datasetSchema = {
  type: "object",
  properties: {
    name: { type: "string", examples: ["weekly_sales"] },
    digest: {
      type: "string",
      description: "Content hash, e.g. the sha256 of the file",
      examples: ["9f86d081884c7d65"],
    },
    source: { type: "string", examples: ["data/td1_sales/weekly_sales.csv"] },
  },
  required: ["name", "digest"],
  additionalProperties: false,
} as const;

export const runExample = {
  id: RUN_ID_EXAMPLE,
  experimentId: EXPERIMENT_ID_EXAMPLE,
  name: "ridge-alpha-1",
  status: "FINISHED",
  statusMessage: null,
  startTime: "2026-03-02T09:00:00.000Z",
  endTime: "2026-03-02T09:01:30.000Z",
  parentRunId: null,
  gitCommit: "3f2a9c1e7b5d4a6c8e0f1a2b3c4d5e6f7a8b9c0d",
  createdBy: "alice",
  params: { alpha: "1", solver: "cholesky" },
  tags: { model: "ridge" },
  metrics: { r2: { value: 0.87, step: 3, timestamp: "2026-03-02T09:01:29.000Z" } },
  datasets: [{ name: "weekly_sales", digest: "9f86d081884c7d65", source: "data/td1_sales/weekly_sales.csv" }],
};

export const runSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    experimentId: { type: "string" },
    name: { type: "string" },
    status: { type: "string", enum: ["RUNNING", "FINISHED", "FAILED", "KILLED"] },
    statusMessage: { type: ["string", "null"] },
    startTime: time,
    endTime: nullableTime,
    parentRunId: { type: ["string", "null"] },
    gitCommit: { type: ["string", "null"] },
    createdBy: { type: "string" },
    params: stringMap,
    tags: stringMap,
    metrics: {
      type: "object",
      description: "The latest point of each metric (highest step, then latest timestamp)",
      additionalProperties: {
        type: "object",
        properties: { value: { type: "number" }, step: { type: "integer" }, timestamp: time },
        required: ["value", "step", "timestamp"],
      },
    },
    datasets: { type: "array", items: datasetSchema },
  },
  required: Object.keys(runExample),
  examples: [runExample],
} as const;

export const runJson = (r: Run) => ({
  ...r,
  startTime: r.startTime.toISOString(),
  endTime: r.endTime?.toISOString() ?? null,
  metrics: Object.fromEntries(
    Object.entries(r.metrics).map(([k, m]) => [
      k,
      { value: m.value, step: m.step, timestamp: m.timestamp.toISOString() },
    ]),
  ),
});

export const metricPointSchema = {
  type: "object",
  properties: { key: { type: "string" }, value: { type: "number" }, step: { type: "integer" }, timestamp: time },
  required: ["key", "value", "step", "timestamp"],
  examples: [{ key: "loss", value: 0.42, step: 10, timestamp: "2026-03-02T09:00:10.000Z" }],
} as const;

export const metricPointJson = (p: MetricPoint) => ({ ...p, timestamp: p.timestamp.toISOString() });

export const artifactSchema = {
  type: "object",
  properties: {
    runId: { type: "string" },
    path: { type: "string" },
    sha256: { type: "string" },
    size: { type: "integer" },
    createdAt: time,
  },
  required: ["runId", "path", "sha256", "size", "createdAt"],
  examples: [
    {
      runId: RUN_ID_EXAMPLE,
      path: "model/model.json",
      sha256: "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
      size: 1834,
      createdAt: "2026-03-02T09:01:29.000Z",
    },
  ],
} as const;

export const artifactJson = (a: Artifact) => ({ ...a, createdAt: a.createdAt.toISOString() });

export const logBatchBody = {
  type: "object",
  properties: {
    params: {
      type: "object",
      additionalProperties: { type: ["string", "number", "boolean"] },
      description: "Immutable: a key logged again must keep its value (else 409, and nothing of the batch is kept)",
    },
    metrics: {
      type: "array",
      maxItems: 10_000,
      items: {
        type: "object",
        properties: {
          key: { type: "string" },
          value: { type: "number" },
          step: { type: "integer", description: "Default 0" },
          timestamp: {
            type: ["integer", "string"],
            description: "Epoch milliseconds or an ISO date; default: when the server received the batch",
          },
        },
        required: ["key", "value"],
        additionalProperties: false,
      },
    },
    tags: { ...stringMap, description: "Tags may change: a key logged again takes the new value" },
  },
  additionalProperties: false,
  examples: [
    {
      params: { alpha: 1, solver: "cholesky" },
      metrics: [
        { key: "loss", value: 0.52, step: 0 },
        { key: "loss", value: 0.41, step: 1 },
        { key: "r2", value: 0.87 },
      ],
      tags: { model: "ridge" },
    },
  ],
} as const;
