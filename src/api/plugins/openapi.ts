import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { errorBodySchema } from "../schemas.js";

/** An OpenAPI document as plain data. */
export type OpenApiDocument = Record<string, unknown> & { paths?: Record<string, unknown> };

/**
 * Adds to the OpenAPI document, each time it is asked for, what route schemas cannot say: e.g. one documented path
 * per served model, read from the registry. Push one onto `app.openApiExtensions`; it edits its own copy.
 */
export type OpenApiExtension = (document: OpenApiDocument) => Promise<void>;

/** The document with every extension applied (a copy; Fastify's swagger builds and caches the base once). */
async function extendedDocument(app: FastifyInstance): Promise<OpenApiDocument> {
  const base = app.swagger() as unknown as OpenApiDocument;
  if (app.openApiExtensions.length === 0) return base;
  const document = structuredClone(base);
  for (const extend of app.openApiExtensions) await extend(document);
  return document;
}

/** OpenAPI 3 document at /openapi.json and the interactive docs page at /docs, built from the route schemas. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  app.decorate("openApiExtensions", [] as OpenApiExtension[]);
  // The docs page reads /docs/json (or /docs/yaml): extended in a hook (extensions are async), handed over below.
  const extendedFor = new WeakMap<FastifyRequest, OpenApiDocument>();
  app.addSchema(errorBodySchema);
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Atelier",
        version,
        description:
          "From ingested data to a monitored model in production: data services, tracking, registry, serving.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
          apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string) ?? `def-${i}` },
  });
  await app.register(swaggerUi, {
    routePrefix: "/docs",
    logLevel: "warn",
    uiHooks: {
      preHandler: async (request: FastifyRequest) => {
        if (/\/(json|yaml)$/.test(request.url.split("?")[0]!)) extendedFor.set(request, await extendedDocument(app));
      },
    },
    transformSpecificationClone: false,
    transformSpecification: (document, request) =>
      extendedFor.get(request as FastifyRequest) ?? (document as Record<string, unknown>),
  });
  app.get("/openapi.json", { schema: { hide: true }, logLevel: "warn" }, async () => extendedDocument(app));
}

declare module "fastify" {
  interface FastifyInstance {
    /** What /openapi.json and /docs add to the route-built document at each request (see OpenApiExtension). */
    openApiExtensions: OpenApiExtension[];
  }
}
