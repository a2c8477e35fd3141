import type { FastifyInstance, FastifyRequest } from "fastify";
import type {
  CreateRunInput,
  LogBatchInput,
  RunStatus,
  SearchRunsInput,
  TrackingService,
} from "../../../tracking/index.js";
import { errorResponses } from "../../schemas.js";
import {
  datasetSchema,
  logBatchBody,
  metricPointJson,
  metricPointSchema,
  pageOf,
  pageQuery,
  RUN_ID_EXAMPLE,
  runExample,
  runJson,
  runSchema,
} from "./tracking-schemas.js";

const TAGS = ["tracking"];
const idParams = {
  type: "object",
  properties: { id: { type: "string", examples: [RUN_ID_EXAMPLE] } },
  required: ["id"],
} as const;

/** Who is calling, for the record ("anonymous" on a server without authentication). */
export const actor = (request: FastifyRequest): string => request.principal?.name ?? "anonymous";

/** /api/v1/runs: create, get, end, log batches, search, metric histories. */
export function runRoutes(tracking: TrackingService) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post(
      "/api/v1/runs",
      {
        config: { auth: "editor" },
        schema: {
          tags: TAGS,
          summary: "Start a run",
          description:
            "Give experimentId, or experimentName (the experiment is created when missing). parentRunId nests the " +
            "run (e.g. a search trial); datasets record the name and content hash of each data set used.",
          body: {
            type: "object",
            properties: {
              experimentId: { type: "string" },
              experimentName: { type: "string" },
              name: { type: "string", maxLength: 256 },
              parentRunId: { type: "string" },
              tags: { type: "object", additionalProperties: { type: "string" } },
              datasets: { type: "array", maxItems: 100, items: datasetSchema },
              gitCommit: { type: "string", pattern: "^[0-9a-f]{7,64}$" },
              startTime: { type: ["integer", "string"], description: "Epoch ms or ISO date; default now" },
            },
            additionalProperties: false,
            examples: [
              {
                experimentName: "sales-forecast",
                name: "ridge-alpha-1",
                tags: { model: "ridge" },
                datasets: [{ name: "weekly_sales", digest: "9f86d081884c7d65" }],
                gitCommit: "3f2a9c1e7b5d4a6c8e0f1a2b3c4d5e6f7a8b9c0d",
              },
            ],
          },
          response: { 201: runSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(runJson(await tracking.createRun(request.body as CreateRunInput, actor(request)))),
    );

    app.get(
      "/api/v1/runs/:id",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "A run with its params, tags, latest metrics and data sets",
          params: idParams,
          response: { 200: runSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => runJson(await tracking.getRun((request.params as { id: string }).id)),
    );

    app.patch(
      "/api/v1/runs/:id",
      {
        config: { auth: "editor" },
        schema: {
          tags: TAGS,
          summary: "End a run: FINISHED, FAILED or KILLED",
          description:
            "A RUNNING run ends once. Sending the status it already has again is accepted (a retry); another " +
            "status is 409. statusMessage keeps e.g. the error of a FAILED run.",
          params: idParams,
          body: {
            type: "object",
            properties: {
              status: { type: "string", enum: ["FINISHED", "FAILED", "KILLED"] },
              statusMessage: { type: "string", maxLength: 8000 },
            },
            required: ["status"],
            additionalProperties: false,
            examples: [{ status: "FAILED", statusMessage: "ValueError: X contains NaN" }],
          },
          response: { 200: runSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const body = request.body as { status: RunStatus; statusMessage?: string };
        return runJson(await tracking.endRun((request.params as { id: string }).id, body.status, body.statusMessage));
      },
    );

    app.post(
      "/api/v1/runs/:id/log-batch",
      {
        config: { auth: "editor" },
        bodyLimit: 16 * 1024 * 1024,
        schema: {
          tags: TAGS,
          summary: "Log params, metrics and tags in one atomic call",
          description:
            "All or nothing, in one transaction: a 2xx answer means every entry is stored durably; an error means " +
            "none is. Metric points already stored (same step, timestamp and value) are kept once, so a retried " +
            "batch changes nothing. Up to 10 000 metric points, 1 000 params and 1 000 tags a call.",
          params: idParams,
          body: logBatchBody,
          response: {
            200: {
              type: "object",
              properties: {
                runId: { type: "string" },
                params: { type: "integer" },
                metrics: { type: "integer" },
                tags: { type: "integer" },
              },
              examples: [{ runId: RUN_ID_EXAMPLE, params: 2, metrics: 3, tags: 1 }],
            },
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
      },
      async (request) => {
        const runId = (request.params as { id: string }).id;
        const body = request.body as LogBatchInput;
        await tracking.logBatch(runId, body);
        return {
          runId,
          params: Object.keys(body.params ?? {}).length,
          metrics: body.metrics?.length ?? 0,
          tags: Object.keys(body.tags ?? {}).length,
        };
      },
    );

    app.post(
      "/api/v1/runs/search",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "Search runs with a filter and an order",
          description:
            "filter: comparisons on metrics.KEY (numbers; the latest value), params.KEY, tags.KEY, datasets.name|digest " +
            "(quoted strings) and attributes (run_name, status, start_time, end_time, run_id, parent_run_id, " +
            "created_by, git_commit) with = != < <= > >= IN (…) NOT IN LIKE ILIKE, joined by AND / OR and parentheses. " +
            "A bad filter answers 400 with the position of the error. orderBy: fields with ASC or DESC; runs without " +
            "an ordered metric, param or tag come last. Default order: start_time DESC.",
          body: {
            type: "object",
            properties: {
              experiments: {
                type: "array",
                items: { type: "string" },
                maxItems: 100,
                description: "Experiment ids or names; every active experiment when absent",
              },
              filter: { type: "string", maxLength: 10_000 },
              orderBy: { type: "array", items: { type: "string" }, maxItems: 10 },
              ...pageQuery,
            },
            additionalProperties: false,
            examples: [
              {
                experiments: ["sales-forecast"],
                filter: "metrics.r2 > 0.8 and params.alpha = '1' and tags.model = 'ridge'",
                orderBy: ["metrics.r2 DESC"],
                pageSize: 50,
              },
            ],
          },
          response: { 200: pageOf(runSchema, runExample), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const page = await tracking.searchRuns(request.body as SearchRunsInput);
        return { ...page, items: page.items.map(runJson) };
      },
    );

    app.get(
      "/api/v1/runs/:id/metrics/:key/history",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "The full history of one metric of a run",
          description: "Points ordered by step, then timestamp; up to 10 000 a page (default 1 000).",
          params: {
            type: "object",
            properties: {
              id: { type: "string", examples: [RUN_ID_EXAMPLE] },
              key: { type: "string", examples: ["loss"] },
            },
            required: ["id", "key"],
          },
          querystring: {
            type: "object",
            properties: { ...pageQuery, pageSize: { type: "integer", minimum: 1, maximum: 10_000 } },
            additionalProperties: false,
          },
          response: {
            200: pageOf(metricPointSchema, metricPointSchema.examples[0]),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => {
        const { id, key } = request.params as { id: string; key: string };
        const page = await tracking.metricHistory(id, key, request.query as { pageSize?: number; pageToken?: string });
        return { ...page, items: page.items.map(metricPointJson) };
      },
    );
  };
}
