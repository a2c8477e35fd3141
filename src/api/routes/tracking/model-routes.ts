import type { FastifyInstance } from "fastify";
import type { CreateVersionInput, RegistryService } from "../../../tracking/index.js";
import { errorResponses } from "../../schemas.js";
import {
  modelExample,
  modelJson,
  modelSchema,
  signatureSchema,
  versionExample,
  versionJson,
  versionSchema,
} from "./registry-schemas.js";
import { actor } from "./run-routes.js";
import { pageOf, pageQuery, RUN_ID_EXAMPLE } from "./tracking-schemas.js";

const TAGS = ["registry"];
const nameParams = {
  type: "object",
  properties: { name: { type: "string", examples: ["sales-forecast"] } },
  required: ["name"],
} as const;
const versionParams = {
  type: "object",
  properties: {
    name: { type: "string", examples: ["sales-forecast"] },
    version: { type: "integer", minimum: 1, examples: [2] },
  },
  required: ["name", "version"],
} as const;
const patchBody = {
  type: "object",
  properties: {
    description: { type: "string", maxLength: 20_000 },
    tags: { type: "object", additionalProperties: { type: "string" } },
  },
  additionalProperties: false,
  examples: [{ description: "Ridge on 8 weeks of lags" }],
} as const;

/** /api/v1/models: registered models and their versions. */
export function modelRoutes(registry: RegistryService) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post(
      "/api/v1/models",
      {
        config: { auth: "editor" },
        schema: {
          tags: TAGS,
          summary: "Register a model name",
          body: {
            type: "object",
            properties: {
              name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$" },
              description: { type: "string", maxLength: 20_000 },
              tags: { type: "object", additionalProperties: { type: "string" } },
            },
            required: ["name"],
            additionalProperties: false,
            examples: [{ name: "sales-forecast", description: "Weekly sales per vegetable" }],
          },
          response: { 201: modelSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(modelJson(await registry.createModel(request.body as { name: string }, actor(request)))),
    );

    app.get(
      "/api/v1/models",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "List registered models by name",
          querystring: { type: "object", properties: pageQuery, additionalProperties: false },
          response: { 200: pageOf(modelSchema, modelExample), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const page = await registry.listModels(request.query as object);
        return { ...page, items: page.items.map(modelJson) };
      },
    );

    app.get(
      "/api/v1/models/:name",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "A registered model with its aliases",
          params: nameParams,
          response: { 200: modelSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => modelJson(await registry.getModel((request.params as { name: string }).name)),
    );

    app.patch(
      "/api/v1/models/:name",
      {
        config: { auth: "editor" },
        schema: {
          tags: TAGS,
          summary: "Change a model's description or tags",
          params: nameParams,
          body: patchBody,
          response: { 200: modelSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        modelJson(await registry.updateModel((request.params as { name: string }).name, request.body as object)),
    );

    app.delete(
      "/api/v1/models/:name",
      {
        config: { auth: "admin" },
        schema: {
          tags: TAGS,
          summary: "Delete a model and its versions (409 while it has aliases)",
          params: nameParams,
          response: { 204: { type: "null", description: "Deleted" }, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await registry.deleteModel((request.params as { name: string }).name);
        return reply.status(204).send();
      },
    );

    app.post(
      "/api/v1/models/:name/versions",
      {
        config: { auth: "editor" },
        schema: {
          tags: TAGS,
          summary: "Register a run's saved model as the next version",
          description:
            "Versions are numbered 1, 2, 3… per model, safely under concurrent calls. The artifact (default " +
            "model/model.json) must exist in the run; its sha256 is recorded. signature and inputExample default to " +
            "the signature.json that run.logModel saves beside the model; metrics to the run's latest metrics.",
          params: nameParams,
          body: {
            type: "object",
            properties: {
              runId: { type: "string" },
              artifactPath: { type: "string" },
              signature: signatureSchema,
              inputExample: {},
              metrics: { type: "object", additionalProperties: { type: "number" } },
              description: { type: "string", maxLength: 20_000 },
              tags: { type: "object", additionalProperties: { type: "string" } },
            },
            required: ["runId"],
            additionalProperties: false,
            examples: [{ runId: RUN_ID_EXAMPLE, description: "Ridge on lagged sales" }],
          },
          response: { 201: versionSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const input = {
          ...(request.body as Omit<CreateVersionInput, "name">),
          name: (request.params as { name: string }).name,
        };
        return reply.status(201).send(versionJson(await registry.createVersion(input, actor(request))));
      },
    );

    app.get(
      "/api/v1/models/:name/versions",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "A model's versions, newest first",
          params: nameParams,
          querystring: { type: "object", properties: pageQuery, additionalProperties: false },
          response: { 200: pageOf(versionSchema, versionExample), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const page = await registry.listVersions((request.params as { name: string }).name, request.query as object);
        return { ...page, items: page.items.map(versionJson) };
      },
    );

    app.get(
      "/api/v1/models/:name/versions/:version",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "One version",
          params: versionParams,
          response: { 200: versionSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { name, version } = request.params as { name: string; version: number };
        return versionJson(await registry.getVersion(name, version));
      },
    );

    app.get(
      "/api/v1/models/:name/versions/:version/model",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "The saved model of a version (checked against the sha256 recorded at registration)",
          params: versionParams,
          response: { 200: { type: "string", format: "binary" }, ...errorResponses(400, 401, 403, 404, 503) },
        },
      },
      async (request, reply) => {
        const { name, version } = request.params as { name: string; version: number };
        const { version: found, bytes } = await registry.readModel(name, version);
        return reply
          .header(
            "content-type",
            found.artifactPath.endsWith(".json") ? "application/json" : "application/octet-stream",
          )
          .header("etag", `"${found.artifactSha256}"`)
          .send(bytes);
      },
    );

    app.patch(
      "/api/v1/models/:name/versions/:version",
      {
        config: { auth: "editor" },
        schema: {
          tags: TAGS,
          summary: "Change a version's description or tags",
          params: versionParams,
          body: patchBody,
          response: { 200: versionSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { name, version } = request.params as { name: string; version: number };
        return versionJson(await registry.updateVersion(name, version, request.body as object));
      },
    );

    app.delete(
      "/api/v1/models/:name/versions/:version",
      {
        config: { auth: "admin" },
        schema: {
          tags: TAGS,
          summary: "Delete a version (409 while an alias points to it)",
          params: versionParams,
          response: { 204: { type: "null", description: "Deleted" }, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { name, version } = request.params as { name: string; version: number };
        await registry.deleteVersion(name, version);
        return reply.status(204).send();
      },
    );
  };
}
