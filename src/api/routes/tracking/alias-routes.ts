import type { FastifyInstance } from "fastify";
import type { RegistryService } from "../../../tracking/index.js";
import { errorResponses } from "../../schemas.js";
import { moveExample, moveJson, moveSchema, resolvedJson, resolvedSchema } from "./registry-schemas.js";
import { actor } from "./run-routes.js";
import { pageOf, pageQuery } from "./tracking-schemas.js";

const TAGS = ["registry"];
const aliasParams = {
  type: "object",
  properties: {
    name: { type: "string", examples: ["sales-forecast"] },
    alias: { type: "string", examples: ["production"] },
  },
  required: ["name", "alias"],
} as const;

/** /api/v1/models/{name}/aliases/{alias}: move (promote, roll back), resolve now or at an instant, history. */
export function aliasRoutes(registry: RegistryService) {
  return async (app: FastifyInstance): Promise<void> => {
    app.put(
      "/api/v1/models/:name/aliases/:alias",
      {
        config: { auth: "admin" },
        schema: {
          tags: TAGS,
          summary: "Point an alias at a version (promote, or roll back to an older one)",
          description:
            "One version per alias. Every move is recorded with who, when and why; moving the alias where it " +
            "already is records nothing (moved: false). Concurrent moves are applied one after the other.",
          params: aliasParams,
          body: {
            type: "object",
            properties: { version: { type: "integer", minimum: 1 }, reason: { type: "string", maxLength: 2000 } },
            required: ["version"],
            additionalProperties: false,
            examples: [{ version: 2, reason: "r2 0.87 > 0.81 on the last 8 weeks" }],
          },
          response: {
            200: {
              type: "object",
              properties: {
                modelName: { type: "string" },
                alias: { type: "string" },
                version: { type: "integer" },
                moved: { type: "boolean" },
                move: { anyOf: [moveSchema, { type: "null" }] },
              },
              required: ["modelName", "alias", "version", "moved", "move"],
              examples: [
                { modelName: "sales-forecast", alias: "production", version: 2, moved: true, move: moveExample },
              ],
            },
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => {
        const { name, alias } = request.params as { name: string; alias: string };
        const { version, reason } = request.body as { version: number; reason?: string };
        const move = await registry.setAlias(name, alias, version, reason, actor(request));
        return { modelName: name, alias, version, moved: move !== undefined, move: move ? moveJson(move) : null };
      },
    );

    app.get(
      "/api/v1/models/:name/aliases/:alias",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "Which version an alias points to, now or at a past instant",
          description: "With ?at=2026-03-03T14:00:00Z: the version the alias pointed to then (404 if none).",
          params: aliasParams,
          querystring: {
            type: "object",
            properties: { at: { type: "string", description: "ISO 8601 instant", examples: ["2026-03-03T14:00:00Z"] } },
            additionalProperties: false,
          },
          response: { 200: resolvedSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { name, alias } = request.params as { name: string; alias: string };
        const { at } = request.query as { at?: string };
        return resolvedJson(await registry.resolve(name, alias, at));
      },
    );

    app.delete(
      "/api/v1/models/:name/aliases/:alias",
      {
        config: { auth: "admin" },
        schema: {
          tags: TAGS,
          summary: "Remove an alias (recorded in its history as a move to no version)",
          params: aliasParams,
          querystring: {
            type: "object",
            properties: { reason: { type: "string", maxLength: 2000 } },
            additionalProperties: false,
          },
          response: { 200: moveSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { name, alias } = request.params as { name: string; alias: string };
        const { reason } = request.query as { reason?: string };
        return moveJson(await registry.deleteAlias(name, alias, reason, actor(request)));
      },
    );

    app.get(
      "/api/v1/models/:name/aliases/:alias/history",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "Every move of an alias, oldest first",
          params: aliasParams,
          querystring: { type: "object", properties: pageQuery, additionalProperties: false },
          response: { 200: pageOf(moveSchema, moveExample), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { name, alias } = request.params as { name: string; alias: string };
        const page = await registry.aliasHistory(name, alias, request.query as object);
        return { ...page, items: page.items.map(moveJson) };
      },
    );
  };
}
