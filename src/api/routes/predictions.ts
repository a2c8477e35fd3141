import { Readable } from "node:stream";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError, type ErrorDetail } from "../../core/index.js";
import {
  ARMS,
  PREDICTION_PAGE,
  type PredictionFilter,
  type PredictionLog,
  type PredictionRecord,
} from "../../monitoring/index.js";
import { scopeAllows } from "../plugins/auth.js";
import { errorResponses } from "../schemas.js";

const TAGS = ["predictions"];

const filterQuery = {
  model: { type: "string", examples: ["attrition"] },
  version: { type: "integer", minimum: 1, examples: [3] },
  from: {
    type: "string",
    description: "Oldest time included: ISO 8601 or epoch milliseconds",
    examples: ["2026-03-01T00:00:00Z"],
  },
  to: { type: "string", description: "Time excluded: ISO 8601 or epoch milliseconds", examples: ["1772409600000"] },
} as const;

const recordExample = {
  id: 1042,
  requestId: "5b0c3f5e-0c1a-4f8e-9a57-0d7c2c1f9b11",
  index: 0,
  modelName: "attrition",
  modelVersion: 3,
  alias: "production",
  arm: "main",
  principal: "hr-scorer",
  inputs: { age: 41, over_time: "Yes", department: "Sales" },
  outputs: { prediction: 1, probabilities: [0.27, 0.73] },
  latencyMs: 0.41,
  timestamp: "2026-03-01T12:00:00.000Z",
  feedbackLabel: null,
  feedbackAt: null,
};

const recordSchema = {
  type: "object",
  properties: {
    id: { type: "integer" },
    requestId: { type: "string" },
    index: { type: "integer" },
    modelName: { type: "string" },
    modelVersion: { type: "integer" },
    alias: { type: ["string", "null"] },
    arm: { type: "string", enum: ARMS },
    principal: { type: ["string", "null"] },
    inputs: { type: "object", additionalProperties: true },
    outputs: {
      type: "object",
      properties: {
        prediction: { type: ["number", "string"] },
        probabilities: { type: "array", items: { type: "number" } },
      },
      required: ["prediction"],
    },
    latencyMs: { type: "number" },
    timestamp: { type: "string", format: "date-time" },
    feedbackLabel: { type: ["number", "string", "null"] },
    feedbackAt: { type: ["string", "null"], format: "date-time" },
  },
  required: Object.keys(recordExample),
  examples: [recordExample],
} as const;

const recordJson = (r: PredictionRecord) => ({
  ...r,
  timestamp: r.timestamp.toISOString(),
  feedbackAt: r.feedbackAt?.toISOString() ?? null,
});

/** ISO 8601 or epoch milliseconds → epoch ms; a detail naming the field when it is neither. */
function instant(value: string | undefined, field: string, details: ErrorDetail[]): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isSafeInteger(ms)) return ms;
  details.push({ field, reason: "must be an ISO 8601 time or epoch milliseconds" });
  return undefined;
}

type FilterQuery = { model?: string; version?: number; from?: string; to?: string };

/** The filter of a listing or export query, every bad field named. */
function filterOf(query: FilterQuery): PredictionFilter {
  const details: ErrorDetail[] = [];
  const from = instant(query.from, "from", details);
  const to = instant(query.to, "to", details);
  if (details.length)
    throw new AppError(
      "INVALID_INPUT",
      `Invalid query: ${details.map((d) => `${d.field} ${d.reason}`).join("; ")}`,
      details,
    );
  return {
    ...(query.model === undefined ? {} : { model: query.model }),
    ...(query.version === undefined ? {} : { version: query.version }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
}

/** Keys scoped to models read only their models' predictions (and must say which). */
const scopedToQueriedModel = (principal: NonNullable<FastifyRequest["principal"]>, request: FastifyRequest) => {
  const model = (request.query as { model?: string }).model;
  return principal.scopes === undefined || (model !== undefined && scopeAllows(principal, `model:${model}`));
};

/** The prediction log over HTTP: paged listing, CSV export, ground truth, live metrics per version. */
export function predictionRoutes(log: PredictionLog) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      "/api/v1/predictions",
      {
        config: { auth: "viewer", authorize: scopedToQueriedModel },
        schema: {
          tags: TAGS,
          summary: "Logged predictions, oldest first, a page at a time",
          description: "One item per predicted record and arm (main, challenger, shadow), with inputs and outputs.",
          querystring: {
            type: "object",
            properties: {
              ...filterQuery,
              pageSize: { type: "integer", minimum: 1, maximum: PREDICTION_PAGE.max, examples: [100] },
              pageToken: { type: "string", description: "The nextPageToken of the previous page, unchanged" },
            },
            additionalProperties: false,
          },
          response: {
            200: {
              type: "object",
              properties: { items: { type: "array", items: recordSchema }, nextPageToken: { type: "string" } },
              required: ["items"],
              examples: [{ items: [recordExample], nextPageToken: "eyJ0IjoxNzcyMzY2NDAwMDAwLCJpIjoxMDQyfQ" }],
            },
            ...errorResponses(400),
          },
        },
      },
      async (request) => {
        const query = request.query as FilterQuery & { pageSize?: number; pageToken?: string };
        const page = await log.list(filterOf(query), {
          ...(query.pageSize === undefined ? {} : { pageSize: query.pageSize }),
          ...(query.pageToken === undefined ? {} : { pageToken: query.pageToken }),
        });
        return { ...page, items: page.items.map(recordJson) };
      },
    );

    app.get(
      "/api/v1/predictions/export.csv",
      {
        config: { auth: "viewer", authorize: scopedToQueriedModel },
        schema: {
          tags: TAGS,
          summary: "Logged predictions as CSV, streamed",
          description:
            "Columns: id, timestamp, request_id, index, model, version, alias, arm, principal, latency_ms, " +
            "prediction, probabilities (JSON), inputs (JSON), feedback_label, feedback_at.",
          querystring: { type: "object", properties: filterQuery, additionalProperties: false },
          response: {
            200: {
              description: "text/csv",
              content: {
                "text/csv": {
                  schema: {
                    type: "string",
                    examples: [
                      "id,timestamp,request_id,index,model,version,alias,arm,principal,latency_ms,prediction,probabilities,inputs,feedback_label,feedback_at\n",
                    ],
                  },
                },
              },
            },
            ...errorResponses(400),
          },
        },
      },
      async (request, reply) => {
        const filter = filterOf(request.query as FilterQuery);
        reply.header("content-type", "text/csv; charset=utf-8");
        reply.header("content-disposition", 'attachment; filename="predictions.csv"');
        return reply.send(Readable.from(log.exportCsv(filter)));
      },
    );

    app.post(
      "/api/v1/predictions/:requestId/feedback",
      {
        config: { auth: "editor" },
        schema: {
          tags: TAGS,
          summary: "Attach ground truth to a logged prediction",
          description:
            "The label applies to every arm that scored the record (so a shadow challenger is scored too). `index` " +
            "is the record's position in the request; it may be left out when the request had one record.",
          params: {
            type: "object",
            properties: { requestId: { type: "string", examples: ["5b0c3f5e-0c1a-4f8e-9a57-0d7c2c1f9b11"] } },
            required: ["requestId"],
          },
          body: {
            type: "object",
            properties: {
              // Checked in the handler: a union type would let the app's type coercion turn "1" into 1.
              label: { description: "The true class (number or string), or the true value", examples: [1, "left"] },
              index: { type: "integer", minimum: 0 },
            },
            required: ["label"],
            additionalProperties: false,
            examples: [{ label: 1 }, { label: "left", index: 2 }],
          },
          response: {
            200: {
              type: "object",
              properties: {
                requestId: { type: "string" },
                index: { type: "integer" },
                updated: { type: "integer", description: "Rows labelled (one per arm)" },
                feedbackAt: { type: "string", format: "date-time" },
              },
              required: ["requestId", "index", "updated", "feedbackAt"],
              examples: [
                {
                  requestId: "5b0c3f5e-0c1a-4f8e-9a57-0d7c2c1f9b11",
                  index: 0,
                  updated: 1,
                  feedbackAt: "2026-03-08T09:00:00.000Z",
                },
              ],
            },
            ...errorResponses(400, 404),
          },
        },
      },
      async (request) => {
        const { requestId } = request.params as { requestId: string };
        const { label, index } = request.body as { label: unknown; index?: number };
        if (
          !(
            (typeof label === "number" && Number.isFinite(label)) ||
            (typeof label === "string" && label.length <= 1000)
          )
        )
          throw new AppError("INVALID_INPUT", "label must be a number or a string of at most 1000 characters", [
            { field: "label", reason: "must be a number or a string of at most 1000 characters" },
          ]);
        const done = await log.attachFeedback(requestId, label, index);
        return { requestId, index: done.index, updated: done.updated, feedbackAt: done.at.toISOString() };
      },
    );

    app.get(
      "/api/v1/models/:name/live-metrics",
      {
        config: {
          auth: "viewer",
          authorize: (principal, request) =>
            scopeAllows(principal, `model:${(request.params as { name: string }).name}`),
        },
        schema: {
          tags: TAGS,
          summary: "How each version does in production, from the labelled predictions",
          description:
            "Per version: predictions logged, how many got ground truth, and accuracy (classifiers) or mean " +
            "absolute error (regressors) over those.",
          params: {
            type: "object",
            properties: { name: { type: "string", examples: ["attrition"] } },
            required: ["name"],
          },
          response: {
            200: {
              type: "object",
              properties: {
                model: { type: "string" },
                versions: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      version: { type: "integer" },
                      predictions: { type: "integer" },
                      labelled: { type: "integer" },
                      accuracy: { type: "number" },
                      mae: { type: "number" },
                    },
                    required: ["version", "predictions", "labelled"],
                  },
                },
              },
              required: ["model", "versions"],
              examples: [
                {
                  model: "attrition",
                  versions: [
                    { version: 2, predictions: 5210, labelled: 480, accuracy: 0.86 },
                    { version: 3, predictions: 1204, labelled: 97, accuracy: 0.89 },
                  ],
                },
              ],
            },
            ...errorResponses(400),
          },
        },
      },
      async (request) => {
        const { name } = request.params as { name: string };
        return { model: name, versions: await log.liveMetrics(name) };
      },
    );
  };
}
