import type { FastifyInstance } from "fastify";
import type { ExperimentView, TrackingService } from "../../../tracking/index.js";
import { errorResponses } from "../../schemas.js";
import { experimentExample, experimentJson, experimentSchema, pageOf, pageQuery } from "./tracking-schemas.js";

const TAGS = ["tracking"];
const idParams = {
  type: "object",
  properties: { id: { type: "string", examples: [experimentExample.id] } },
  required: ["id"],
} as const;
const experimentBody = {
  type: "object",
  properties: {
    name: { type: "string", minLength: 1, maxLength: 256 },
    description: { type: "string", maxLength: 20_000 },
    tags: { type: "object", additionalProperties: { type: "string" } },
  },
  additionalProperties: false,
} as const;

/** /api/v1/experiments: create, list, get, update, soft delete and restore. */
export function experimentRoutes(tracking: TrackingService) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post(
      "/api/v1/experiments",
      {
        config: { auth: "editor" },
        schema: {
          tags: TAGS,
          summary: "Create an experiment",
          description: "Names are unique (deleted experiments keep theirs until purged: restore them instead).",
          body: {
            ...experimentBody,
            required: ["name"],
            examples: [
              { name: "sales-forecast", description: "Weekly vegetable sales", tags: { team: "forecasting" } },
            ],
          },
          response: { 201: experimentSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const body = request.body as { name: string; description?: string; tags?: Record<string, string> };
        return reply.status(201).send(experimentJson(await tracking.createExperiment(body)));
      },
    );

    app.get(
      "/api/v1/experiments",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "List experiments by name",
          querystring: {
            type: "object",
            properties: {
              ...pageQuery,
              view: { type: "string", enum: ["active", "deleted", "all"], default: "active" },
              name: { type: "string", description: "Only the experiment with this exact name (deleted ones too)" },
            },
            additionalProperties: false,
          },
          response: { 200: pageOf(experimentSchema, experimentExample), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const q = request.query as { view?: ExperimentView; name?: string; pageSize?: number; pageToken?: string };
        if (q.name !== undefined) {
          const found = await tracking.getExperimentByName(q.name).catch(() => undefined);
          return { items: found ? [experimentJson(found)] : [] };
        }
        const page = await tracking.listExperiments(q);
        return { ...page, items: page.items.map(experimentJson) };
      },
    );

    app.get(
      "/api/v1/experiments/:id",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "An experiment by id",
          params: idParams,
          response: { 200: experimentSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => experimentJson(await tracking.getExperiment((request.params as { id: string }).id)),
    );

    app.patch(
      "/api/v1/experiments/:id",
      {
        config: { auth: "editor" },
        schema: {
          tags: TAGS,
          summary: "Rename an experiment or change its description or tags",
          params: idParams,
          body: { ...experimentBody, examples: [{ description: "Weekly sales, 4-week horizon" }] },
          response: { 200: experimentSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        experimentJson(await tracking.updateExperiment((request.params as { id: string }).id, request.body as object)),
    );

    app.delete(
      "/api/v1/experiments/:id",
      {
        config: { auth: "admin" },
        schema: {
          tags: TAGS,
          summary: "Delete an experiment (soft: restore brings it back)",
          description: "A deleted experiment leaves listings and searches and takes no new runs; its runs are kept.",
          params: idParams,
          response: { 200: experimentSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => experimentJson(await tracking.deleteExperiment((request.params as { id: string }).id)),
    );

    app.post(
      "/api/v1/experiments/:id/restore",
      {
        config: { auth: "admin" },
        schema: {
          tags: TAGS,
          summary: "Restore a deleted experiment",
          params: idParams,
          response: { 200: experimentSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => experimentJson(await tracking.restoreExperiment((request.params as { id: string }).id)),
    );
  };
}
