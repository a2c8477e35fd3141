import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, ERROR_CODES, type ErrorCode, isAppError } from "../../core/index.js";

/** The JSON body of an error answer. */
export function errorBody(
  code: ErrorCode,
  message: string,
  requestId: string,
  details?: unknown,
): Record<string, unknown> {
  const error: Record<string, unknown> = { code, message, requestId };
  if (details !== undefined) error.details = details;
  return { error };
}

/** Fastify's schema validation errors as INVALID_INPUT details, one per bad field. */
function validationDetails(error: FastifyError): { field: string; reason: string }[] {
  return (error.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const path = (v.instancePath || "").replace(/^\//, "").replace(/\//g, ".");
    const field = [error.validationContext, path, missing].filter(Boolean).join(".");
    return {
      field: field || String(error.validationContext ?? "body"),
      reason: missing ? "is required" : (v.message ?? "is invalid"),
    };
  });
}

/**
 * One error handler for the whole app: AppError → its status and code; schema validation and malformed bodies →
 * 400 INVALID_INPUT naming each field; anything else → 500 INTERNAL with no internals (the log keeps them).
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (isAppError(error)) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return reply.status(error.status).send(errorBody(error.code, error.message, request.id, error.details));
    }
    if (error.validation) {
      const details = validationDetails(error);
      const message = `Invalid request: ${details.map((d) => `${d.field} ${d.reason}`).join("; ")}`;
      return reply.status(400).send(errorBody("INVALID_INPUT", message, request.id, details));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, wrong content type, body too large…
      const code: ErrorCode =
        status === 404
          ? "NOT_FOUND"
          : status === 429
            ? "RATE_LIMITED"
            : status === 401
              ? "UNAUTHENTICATED"
              : "INVALID_INPUT";
      return reply.status(status).send(errorBody(code, error.message, request.id));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send(errorBody("INTERNAL", "Internal server error", request.id));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody("NOT_FOUND", `No route ${request.method} ${request.url}`, request.id));
  });
}

export { AppError, ERROR_CODES };
