import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics: request count and latency histogram per route (the route pattern, not the raw URL, so
 * cardinality stays bounded), plus the process defaults. Each app owns its registry, so several apps can run in
 * one process (tests) without clashing. Modules add their own metrics to `app.metrics`.
 */
export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests answered, by method, route and status code",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request latency in seconds, by method and route",
    labelNames: ["method", "route"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.decorate("metrics", registry);
  app.addHook("onResponse", (request, reply, done) => {
    const route = request.routeOptions.url ?? "unmatched";
    requests.inc({ method: request.method, route, status: reply.statusCode });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    done();
  });
  app.get(
    "/metrics",
    {
      schema: {
        tags: ["platform"],
        summary: "Prometheus metrics",
        description: "Prometheus text exposition format: requests, latency per route, model and log-queue metrics.",
        response: {
          200: { type: "string", examples: ['http_requests_total{method="GET",route="/health",status="200"} 3'] },
        },
      },
      logLevel: "warn",
    },
    async (_request, reply) => {
      reply.header("content-type", registry.contentType);
      return registry.metrics();
    },
  );
  return registry;
}

declare module "fastify" {
  interface FastifyInstance {
    metrics: Registry;
  }
}
