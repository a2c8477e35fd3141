import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { errorBodySchema } from "../schemas.js";

/** OpenAPI 3 document at /openapi.json and the interactive docs page at /docs, built from the route schemas. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
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
  await app.register(swaggerUi, { routePrefix: "/docs", logLevel: "warn" });
  app.get("/openapi.json", { schema: { hide: true }, logLevel: "warn" }, async () => app.swagger());
}
