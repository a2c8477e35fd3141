import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from "fastify";
import { type Logger, loggerOptions } from "../core/index.js";
import { AccessLogController } from "./plugins/access-log.js";
import { type AuthVerifier, registerAuth } from "./plugins/auth.js";
import { registerErrorHandling } from "./plugins/errors.js";
import { registerMetrics } from "./plugins/metrics.js";
import { registerOpenApi } from "./plugins/openapi.js";
import { healthRoutes } from "./routes/health.js";

/** A module's HTTP surface: a Fastify plugin registered after the platform plugins. */
export interface AppModule {
  readonly name: string;
  readonly routes: FastifyPluginAsync;
}

export interface BuildAppOptions {
  readonly logLevel?: string;
  /** An existing pino logger to use (its lines gain the request id); otherwise one is created. */
  readonly logger?: Logger;
  readonly version?: string;
  readonly modules?: readonly AppModule[];
  /** Extra /health checks, e.g. a database ping. */
  readonly healthChecks?: () => Promise<Record<string, string>>;
  /** Max request body in bytes (default 10 MiB). */
  readonly bodyLimit?: number;
  /**
   * Trust X-Forwarded-For from proxies (Fastify's trustProxy): true, a hop count, or addresses/CIDRs. Needed behind a
   * load balancer so per-address limits see clients, not the balancer.
   */
  readonly trustProxy?: boolean | number | string;
  /** Who is calling, for routes declaring `config.auth`; without it those routes answer 401 to everyone. */
  readonly auth?: AuthVerifier;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Trust the nearest `hops` proxies. */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/**
 * The Fastify app, plugins in the order ARCHITECTURE.md gives: request id → logging → error handler → auth →
 * (rate limit, registered by the modules that need it) → routes; plus /health, /metrics, /docs.
 */
export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const version = options.version ?? "0.1.0";
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: loggerOptions(options.logLevel ?? "info") }),
    // x-request-id in, or a new UUID; echoed back on every answer and carried by every log line.
    requestIdHeader: "x-request-id",
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logController: new AccessLogController({ requestIdLogLabel: "requestId" }),
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024,
    // Fastify takes a hop count as a function of the hop index (its typings omit the number form).
    trustProxy: typeof options.trustProxy === "number" ? trustHops(options.trustProxy) : (options.trustProxy ?? false),
    ajv: { customOptions: { allErrors: true, coerceTypes: "array", removeAdditional: false, allowUnionTypes: true } },
  }) as unknown as FastifyInstance;
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("x-request-id", request.id);
    done();
  });
  registerErrorHandling(app);
  // Before any route: the auth plugin hooks into each route with config.auth as the route is registered.
  registerAuth(app, options.auth);
  await registerOpenApi(app, version);
  registerMetrics(app);
  await app.register(healthRoutes, { version, ...(options.healthChecks ? { checks: options.healthChecks } : {}) });
  for (const module of options.modules ?? []) await app.register(module.routes);
  return app;
}
