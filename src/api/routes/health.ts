import type { FastifyInstance } from "fastify";

/** GET /health: liveness with uptime and memory, for load balancers and humans. */
export async function healthRoutes(
  app: FastifyInstance,
  opts: { version: string; checks?: () => Promise<Record<string, string>> },
): Promise<void> {
  app.get(
    "/health",
    {
      logLevel: "warn",
      schema: {
        tags: ["platform"],
        summary: "Liveness and resource usage",
        response: {
          200: {
            type: "object",
            properties: {
              status: { type: "string", enum: ["ok", "degraded"] },
              version: { type: "string" },
              uptimeSeconds: { type: "number" },
              memory: {
                type: "object",
                properties: { rssBytes: { type: "number" }, heapUsedBytes: { type: "number" } },
              },
              checks: { type: "object", additionalProperties: { type: "string" } },
            },
            examples: [
              {
                status: "ok",
                version: "0.1.0",
                uptimeSeconds: 12.5,
                memory: { rssBytes: 81_000_000, heapUsedBytes: 21_000_000 },
                checks: { database: "ok" },
              },
            ],
          },
        },
      },
    },
    async () => {
      const checks = opts.checks ? await opts.checks() : {};
      const memory = process.memoryUsage();
      return {
        status: Object.values(checks).every((c) => c === "ok") ? "ok" : "degraded",
        version: opts.version,
        uptimeSeconds: process.uptime(),
        memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
        checks,
      };
    },
  );
}
