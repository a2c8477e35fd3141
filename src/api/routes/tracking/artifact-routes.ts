import type { FastifyInstance } from "fastify";
import type { TrackingService } from "../../../tracking/index.js";
import { errorResponses } from "../../schemas.js";
import { actor } from "./run-routes.js";
import { artifactJson, artifactSchema, pageOf, pageQuery, RUN_ID_EXAMPLE } from "./tracking-schemas.js";

const TAGS = ["tracking"];
/** Largest artifact one upload takes (the body is held in memory while its sha256 is computed). */
export const MAX_ARTIFACT_BYTES = 256 * 1024 * 1024;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  json: "application/json",
  csv: "text/csv; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  png: "image/png",
  svg: "image/svg+xml",
};

const contentType = (path: string) =>
  CONTENT_TYPES[path.slice(path.lastIndexOf(".") + 1).toLowerCase()] ?? "application/octet-stream";

const pathParams = {
  type: "object",
  properties: {
    id: { type: "string", examples: [RUN_ID_EXAMPLE] },
    "*": { type: "string", description: "The artifact path, e.g. model/model.json", examples: ["model/model.json"] },
  },
  required: ["id", "*"],
} as const;

/** /api/v1/runs/{id}/artifacts: upload (raw bytes, any content type), list by path prefix, download. */
export function artifactRoutes(tracking: TrackingService) {
  return async (app: FastifyInstance): Promise<void> => {
    // In this scope every body is raw bytes, whatever its content type: an artifact is stored exactly as sent.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: MAX_ARTIFACT_BYTES }, (_request, body, done) =>
      done(null, body),
    );

    app.put(
      "/api/v1/runs/:id/artifacts/*",
      {
        config: { auth: "editor" },
        bodyLimit: MAX_ARTIFACT_BYTES,
        schema: {
          tags: TAGS,
          summary: "Upload an artifact of a RUNNING run (the body is the file's bytes)",
          description:
            "Stored once by content (sha256) in the artifact store. The same path with the same bytes again is " +
            "accepted (a retry); with other bytes it is 409: artifacts are immutable.",
          consumes: ["application/octet-stream"],
          params: pathParams,
          response: { 201: artifactSchema, ...errorResponses(400, 401, 403, 404, 409, 503) },
        },
      },
      async (request, reply) => {
        const { id, "*": path } = request.params as { id: string; "*": string };
        const body = request.body;
        const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
        request.log.debug({ actor: actor(request), path, size: bytes.length }, "artifact upload");
        return reply.status(201).send(artifactJson(await tracking.logArtifact(id, path, bytes)));
      },
    );

    app.get(
      "/api/v1/runs/:id/artifacts",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "List a run's artifacts (all files under a path prefix)",
          params: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
          querystring: {
            type: "object",
            properties: { ...pageQuery, prefix: { type: "string", examples: ["model/"] } },
            additionalProperties: false,
          },
          response: { 200: pageOf(artifactSchema, artifactSchema.examples[0]), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const page = await tracking.listArtifacts((request.params as { id: string }).id, request.query as object);
        return { ...page, items: page.items.map(artifactJson) };
      },
    );

    app.get(
      "/api/v1/runs/:id/artifacts/*",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "Download an artifact (its bytes, checked against their sha256)",
          description:
            "The x-artifact-sha256 header and the ETag carry the sha256; 503 if the stored bytes are corrupt.",
          params: pathParams,
          response: {
            200: { type: "string", format: "binary", description: "The artifact's bytes" },
            ...errorResponses(401, 403, 404, 503),
          },
        },
      },
      async (request, reply) => {
        const { id, "*": path } = request.params as { id: string; "*": string };
        const { artifact, bytes } = await tracking.readArtifact(id, path);
        return reply
          .header("content-type", contentType(path))
          .header("x-artifact-sha256", artifact.sha256)
          .header("etag", `"${artifact.sha256}"`)
          .send(bytes);
      },
    );
  };
}
