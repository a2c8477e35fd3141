import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isAppError } from "../../core/index.js";
import type { ModelServer, ServingConfig, ServingConfigInput } from "../../serving/index.js";
import { scopeAllows } from "../plugins/auth.js";
import { errorBody } from "../plugins/errors.js";
import { errorResponses } from "../schemas.js";
import { servedModelPaths } from "./serving-openapi.js";
import {
  modelParams,
  predictBody,
  predictQuery,
  predictResponse,
  RATE_LIMIT_MESSAGE,
  rateLimitedResponse,
  servingConfigBody,
  servingConfigSchema,
} from "./serving-schemas.js";

const TAGS = ["serving"];

type Row = Record<string, unknown>;

/** The records of a predict body: `{"inputs": [records]}`, or the body itself as one record. */
function recordsOf(body: Row): readonly Row[] {
  const inputs = body.inputs;
  return Array.isArray(inputs) ? (inputs as Row[]) : [body];
}

const configJson = (c: ServingConfig) => ({ ...c, updatedAt: c.updatedAt?.toISOString() ?? null });

/** The 429 body the issue asks for: the course's message beside the usual error, with Retry-After. */
function rateLimited(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (!isAppError(error) || error.code !== "RATE_LIMITED") throw error;
  const { retryAfterSeconds } = error.details as { retryAfterSeconds: number };
  return reply
    .status(429)
    .header("retry-after", String(retryAfterSeconds))
    .send({ message: RATE_LIMIT_MESSAGE, ...errorBody(error.code, error.message, request.id, error.details) });
}

/**
 * Serving: POST /api/v1/models/{name}/predict for every registered model (viewer role, or an API key scoped to
 * the model), and its serving configuration (traffic split, shadow, sticky field, rate limit). Each model's own
 * request schema is added to /openapi.json at request time.
 */
export function servingRoutes(serving: ModelServer) {
  return async (app: FastifyInstance): Promise<void> => {
    app.openApiExtensions.push((document) => servedModelPaths(document, serving));

    app.post(
      "/api/v1/models/:name/predict",
      {
        // No access-log line per prediction (two JSON lines a request cost ~10% of the throughput): each one is in
        // the prediction log under its request id, with its principal and latency. Errors are still logged.
        logLevel: "warn",
        config: {
          auth: "viewer",
          authorize: (principal, request) =>
            scopeAllows(principal, `model:${(request.params as { name: string }).name}`),
        },
        schema: {
          tags: TAGS,
          summary: "Predict with a registered model (alias production by default)",
          description:
            "The version behind the alias (or `?version=`) predicts each record; the request is checked against the " +
            "version's signature and every bad field is listed (400 INVALID_INPUT). Every prediction is recorded in " +
            "the prediction log under the answer's requestId. A traffic split configured with PUT " +
            "/api/v1/models/{name}/serving may send the request to the challenger alias (the answer says which).",
          params: modelParams,
          querystring: predictQuery,
          body: predictBody,
          response: { 200: predictResponse, 429: rateLimitedResponse, ...errorResponses(400, 404, 503) },
        },
      },
      async (request, reply) => {
        const { name } = request.params as { name: string };
        const { alias, version } = request.query as { alias?: string; version?: number };
        try {
          const result = await serving.predict(name, recordsOf(request.body as Row), {
            ...(alias === undefined ? {} : { alias }),
            ...(version === undefined ? {} : { version }),
            principal: request.principal!,
            requestId: request.id,
          });
          return {
            predictions: result.predictions,
            probabilities: result.probabilities,
            classes: result.classes,
            model: result.model,
            requestId: request.id,
          };
        } catch (error) {
          return rateLimited(error, request, reply);
        }
      },
    );

    app.get(
      "/api/v1/models/:name/serving",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "How a model is served: traffic split or shadow, sticky field, rate limit",
          params: modelParams,
          response: { 200: servingConfigSchema, ...errorResponses(400, 404) },
        },
      },
      async (request) => configJson(await serving.getConfig((request.params as { name: string }).name)),
    );

    app.put(
      "/api/v1/models/:name/serving",
      {
        config: { auth: "admin" },
        schema: {
          tags: TAGS,
          summary: "Set how a model is served (replaces the whole configuration)",
          description:
            "Applied at once by this replica and within SERVING_POLL_MS by the others. Requests go to the challenger " +
            "alias by the hash of `stickyField` in their first record (so one user stays on one arm), else of the " +
            "request id. Omitted fields take their defaults (no challenger, no sticky field, default rate limit).",
          params: modelParams,
          body: servingConfigBody,
          response: { 200: servingConfigSchema, ...errorResponses(400, 404) },
        },
      },
      async (request) =>
        configJson(
          await serving.setConfig(
            (request.params as { name: string }).name,
            request.body as ServingConfigInput,
            request.principal!.name,
          ),
        ),
    );
  };
}
