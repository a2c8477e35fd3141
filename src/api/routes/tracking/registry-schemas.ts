import type { AliasMove, ModelVersion, RegisteredModel, ResolvedAlias } from "../../../tracking/index.js";
import { RUN_ID_EXAMPLE } from "./tracking-schemas.js";

/** JSON schemas (with examples) and JSON forms of the registry entities; times are ISO 8601 strings. */

const stringMap = { type: "object", additionalProperties: { type: "string" } } as const;
const time = { type: "string", format: "date-time" } as const;

export const signatureSchema = {
  type: "object",
  description: "Named, typed input columns and the output type; serving derives its request schema from it",
  properties: {
    inputs: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        properties: {
          name: { type: "string" },
          type: { type: "string", enum: ["number", "integer", "string", "boolean", "datetime"] },
          optional: { type: "boolean" },
          // Items and example untyped here (checkSignature checks them against the column's type): a union type
          // would let the app's type coercion turn 1 into "1" or back.
          enum: { type: "array", description: "Allowed values: strings, or numbers for numeric columns" },
          minimum: { type: "number" },
          maximum: { type: "number" },
          description: { type: "string" },
          example: { description: "A typical value of the column's type" },
        },
        required: ["name", "type"],
        additionalProperties: false,
      },
    },
    output: {
      type: "object",
      properties: {
        name: { type: "string" },
        type: { type: "string", enum: ["number", "integer", "string", "boolean", "datetime", "array", "object"] },
      },
      required: ["type"],
      additionalProperties: false,
    },
  },
  required: ["inputs", "output"],
  additionalProperties: false,
} as const;

const signatureExample = {
  inputs: [
    { name: "year_week", type: "integer" },
    { name: "vegetable", type: "string" },
  ],
  output: { name: "sales", type: "number" },
};

export const modelExample = {
  name: "sales-forecast",
  description: "Weekly sales per vegetable",
  tags: { team: "forecasting" },
  latestVersion: 2,
  aliases: { production: 2, staging: 2 },
  createdAt: "2026-03-02T09:05:00.000Z",
  updatedAt: "2026-03-05T10:00:00.000Z",
};

export const modelSchema = {
  type: "object",
  properties: {
    name: { type: "string" },
    description: { type: "string" },
    tags: stringMap,
    latestVersion: { type: "integer" },
    aliases: { type: "object", additionalProperties: { type: "integer" }, description: "alias → version" },
    createdAt: time,
    updatedAt: time,
  },
  required: Object.keys(modelExample),
  examples: [modelExample],
} as const;

export const modelJson = (m: RegisteredModel) => ({
  ...m,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});

export const versionExample = {
  modelName: "sales-forecast",
  version: 2,
  runId: RUN_ID_EXAMPLE,
  artifactPath: "model/model.json",
  artifactSha256: "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
  artifactSize: 1834,
  signature: signatureExample,
  inputExample: [{ year_week: 202005, vegetable: "tomato" }],
  metrics: { r2: 0.87 },
  description: "Ridge on lagged sales",
  tags: {},
  aliases: ["production"],
  createdAt: "2026-03-05T09:55:00.000Z",
  createdBy: "alice",
};

export const versionSchema = {
  type: "object",
  properties: {
    modelName: { type: "string" },
    version: { type: "integer" },
    runId: { type: ["string", "null"] },
    artifactPath: { type: "string" },
    artifactSha256: { type: "string" },
    artifactSize: { type: "integer" },
    signature: { anyOf: [signatureSchema, { type: "null" }] },
    inputExample: { description: "Any JSON given at registration" },
    metrics: {
      type: "object",
      additionalProperties: { type: "number" },
      description: "The run's metrics when registered",
    },
    description: { type: "string" },
    tags: stringMap,
    aliases: { type: "array", items: { type: "string" } },
    createdAt: time,
    createdBy: { type: "string" },
  },
  required: Object.keys(versionExample),
  examples: [versionExample],
} as const;

export const versionJson = (v: ModelVersion) => ({ ...v, createdAt: v.createdAt.toISOString() });

export const moveExample = {
  modelName: "sales-forecast",
  alias: "production",
  seq: 2,
  fromVersion: 1,
  toVersion: 2,
  movedAt: "2026-03-05T10:00:00.000Z",
  movedBy: "alice",
  reason: "r2 0.87 > 0.81 on the last 8 weeks",
};

export const moveSchema = {
  type: "object",
  properties: {
    modelName: { type: "string" },
    alias: { type: "string" },
    seq: { type: "integer", description: "1 for the alias's first move, then 2, 3…" },
    fromVersion: { type: ["integer", "null"], description: "null when the alias was set for the first time" },
    toVersion: { type: ["integer", "null"], description: "null when the alias was removed" },
    movedAt: time,
    movedBy: { type: "string" },
    reason: { type: "string" },
  },
  required: Object.keys(moveExample),
  examples: [moveExample],
} as const;

export const moveJson = (m: AliasMove) => ({ ...m, movedAt: m.movedAt.toISOString() });

export const resolvedSchema = {
  type: "object",
  properties: {
    modelName: { type: "string" },
    alias: { type: "string" },
    version: { type: "integer" },
    at: time,
    move: moveSchema,
    modelVersion: { anyOf: [versionSchema, { type: "null" }], description: "null when the version was deleted since" },
  },
  required: ["modelName", "alias", "version", "at", "move", "modelVersion"],
  examples: [
    {
      modelName: "sales-forecast",
      alias: "production",
      version: 2,
      at: "2026-03-06T14:00:00.000Z",
      move: moveExample,
      modelVersion: versionExample,
    },
  ],
} as const;

export const resolvedJson = (r: ResolvedAlias) => ({
  ...r,
  at: r.at.toISOString(),
  move: moveJson(r.move),
  modelVersion: r.modelVersion ? versionJson(r.modelVersion) : null,
});
