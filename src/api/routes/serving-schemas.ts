/** JSON schemas (with examples) of the serving routes: predict, serving configs. */

import { CHALLENGER_MODES } from "../../serving/index.js";

const errorPart = { $ref: "ErrorBody#/properties/error" } as const;

export const RATE_LIMIT_MESSAGE = "Rate limit exceeded. Please try again later.";

export const recordExample = {
  age: 41,
  monthly_income: 5993,
  over_time: "Yes",
  department: "Sales",
  job_satisfaction: 4,
  years_at_company: 6,
};

export const modelParams = {
  type: "object",
  properties: { name: { type: "string", examples: ["attrition"] } },
  required: ["name"],
} as const;

export const predictQuery = {
  type: "object",
  properties: {
    alias: {
      type: "string",
      pattern: "^[A-Za-z][A-Za-z0-9_-]{0,63}$",
      description: "The alias to serve (default production)",
      examples: ["production"],
    },
    version: { type: "integer", minimum: 1, description: "A fixed version instead of an alias", examples: [3] },
  },
  additionalProperties: false,
} as const;

export const predictBody = {
  type: "object",
  description:
    'One record, or {"inputs": [records]}. Each model\'s own fields, types, allowed values and ranges are documented ' +
    "under its own path /api/v1/models/{that name}/predict.",
  examples: [recordExample, { inputs: [recordExample, { ...recordExample, age: 29, over_time: "No" }] }],
} as const;

export const predictResponse = {
  type: "object",
  properties: {
    predictions: { type: "array", items: { type: ["number", "string"] } },
    probabilities: {
      type: "array",
      items: { type: "array", items: { type: "number" } },
      description: "Classifiers: one row per record, one column per class of `classes`",
    },
    classes: { type: "array", items: { type: ["number", "string"] } },
    model: {
      type: "object",
      properties: {
        name: { type: "string" },
        version: { type: "integer" },
        alias: { type: ["string", "null"], description: "null when a fixed version was asked for" },
      },
      required: ["name", "version", "alias"],
    },
    requestId: {
      type: "string",
      description: "Attach ground truth later with POST /api/v1/predictions/{requestId}/feedback",
    },
  },
  required: ["predictions", "model", "requestId"],
  examples: [
    {
      predictions: [1],
      probabilities: [[0.27, 0.73]],
      classes: [0, 1],
      model: { name: "attrition", version: 3, alias: "production" },
      requestId: "5b0c3f5e-0c1a-4f8e-9a57-0d7c2c1f9b11",
    },
  ],
} as const;

export const rateLimitedResponse = {
  type: "object",
  properties: { message: { type: "string" }, error: errorPart },
  examples: [
    {
      message: RATE_LIMIT_MESSAGE,
      error: {
        code: "RATE_LIMITED",
        message: RATE_LIMIT_MESSAGE,
        details: { retryAfterSeconds: 1 },
        requestId: "5b0c3f5e-0c1a-4f8e-9a57-0d7c2c1f9b11",
      },
    },
  ],
} as const;

const challengerSchema = {
  type: ["object", "null"],
  properties: {
    alias: { type: "string" },
    percent: { type: "number", minimum: 0, maximum: 100 },
    mode: { type: "string", enum: CHALLENGER_MODES },
  },
  required: ["alias", "percent"],
  additionalProperties: false,
  description:
    "split: `percent` of the requests are answered by the challenger alias; shadow: the challenger also scores " +
    "`percent` of the requests, its answers logged (arm shadow), never returned",
} as const;

const rateLimitSchema = {
  type: ["object", "null"],
  properties: {
    perSecond: { type: "number", minimum: 0, description: "Per principal; 0: unlimited" },
    burst: { type: "number", minimum: 1, description: "Default: perSecond (at least 1)" },
  },
  required: ["perSecond"],
  additionalProperties: false,
  description: "null: the server default (SERVING_RATE_LIMIT_PER_SECOND)",
} as const;

export const servingConfigBody = {
  type: "object",
  properties: {
    mainAlias: { type: "string", description: "The alias the split applies to (default production)" },
    challenger: challengerSchema,
    stickyField: {
      type: ["string", "null"],
      description: "The record field whose value's hash picks the arm (null: the request id)",
    },
    rateLimit: rateLimitSchema,
  },
  additionalProperties: false,
  examples: [
    {
      challenger: { alias: "challenger", percent: 10, mode: "split" },
      stickyField: "employee_id",
      rateLimit: { perSecond: 100, burst: 200 },
    },
  ],
} as const;

const servingConfigExample = {
  modelName: "attrition",
  mainAlias: "production",
  challenger: { alias: "challenger", percent: 10, mode: "split" },
  stickyField: "employee_id",
  rateLimit: { perSecond: 100, burst: 200 },
  updatedAt: "2026-03-01T12:00:00.000Z",
  updatedBy: "admin",
};

export const servingConfigSchema = {
  type: "object",
  properties: {
    modelName: { type: "string" },
    mainAlias: { type: "string" },
    challenger: { ...challengerSchema, required: ["alias", "percent", "mode"] },
    stickyField: { type: ["string", "null"] },
    rateLimit: { ...rateLimitSchema, required: ["perSecond", "burst"] },
    updatedAt: { type: ["string", "null"], format: "date-time" },
    updatedBy: { type: ["string", "null"] },
  },
  required: Object.keys(servingConfigExample),
  examples: [servingConfigExample],
} as const;
