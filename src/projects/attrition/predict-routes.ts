import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { errorBody, errorResponses, scopeAllows } from "../../api/index.js";
import { isAppError } from "../../core/index.js";
import type { AttritionService } from "./attrition-service.js";
import { ATTRITION_MODEL_NAME } from "./model-signature.js";
import { bodyProblems, employeeBody, employeeParams, predictionResponse } from "./predict-schemas.js";

const TAGS = ["attrition"];

/** Viewer role, or an API key scoped to the attrition model: like the platform's predict route. */
const ACCESS = {
  auth: "viewer" as const,
  authorize: (principal: Parameters<typeof scopeAllows>[0]) => scopeAllows(principal, `model:${ATTRITION_MODEL_NAME}`),
};

/**
 * 429 with Retry-After when the caller's per-model rate limit is spent, the course's `message` beside the usual error
 * (as the platform's predict route answers); other errors go to the app's handler.
 */
function rateLimited(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (!isAppError(error) || error.code !== "RATE_LIMITED") throw error;
  const { retryAfterSeconds } = error.details as { retryAfterSeconds: number };
  return reply
    .status(429)
    .header("retry-after", String(retryAfterSeconds))
    .send({ message: error.message, ...errorBody(error.code, error.message, request.id, error.details) });
}

const context = (request: FastifyRequest) => ({
  requestId: request.id,
  ...(request.principal ? { principal: request.principal } : {}),
});

/**
 * The course's model API: `POST /predict` with one employee's fields, `POST /predict/{employee_id}` for a stored
 * employee. Both answer through the platform's ModelServer, so each input and output lands in the prediction log.
 */
export function attritionRoutes(service: AttritionService) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post(
      "/predict",
      {
        config: ACCESS,
        // Validation errors are turned into our own 400 below, naming unknown fields too.
        attachValidation: true,
        schema: {
          tags: TAGS,
          summary: "Predict whether an employee will leave",
          description:
            "The employee's fields by name (types, allowed values and ranges below; docs/attrition.md). The " +
            "`attrition` model version behind the `production` alias answers the probability of leaving and the " +
            "decision at the threshold. Every bad field is listed in one 400; 503 MODEL_NOT_READY until a model " +
            "is promoted. The inputs and the output are recorded in the prediction log under `request_id` " +
            "(GET /api/v1/predictions).",
          body: employeeBody,
          response: { 200: predictionResponse, ...errorResponses(400, 401, 403, 429, 503) },
        },
      },
      async (request, reply) => {
        if (request.validationError) {
          const details = bodyProblems(
            (request.validationError as unknown as { validation?: Parameters<typeof bodyProblems>[0] }).validation ??
              [],
          );
          const message = `Invalid employee: ${details.map((d) => `${d.field} ${d.reason}`).join("; ")}`;
          return (reply as FastifyReply).status(400).send(errorBody("INVALID_INPUT", message, request.id, details));
        }
        try {
          return await service.predict(request.body as Record<string, unknown>, context(request));
        } catch (error) {
          return rateLimited(error, request, reply);
        }
      },
    );

    app.post(
      "/predict/:employee_id",
      {
        config: ACCESS,
        schema: {
          tags: TAGS,
          summary: "Predict whether a stored employee will leave",
          description:
            "Predicts the employee of attrition_employees with this id (loaded by `atelier attrition load-data`), " +
            "exactly as POST /predict would with its fields; logged the same way. 404 when the id is not stored.",
          params: employeeParams,
          response: { 200: predictionResponse, ...errorResponses(400, 401, 403, 404, 429, 503) },
        },
      },
      async (request, reply) => {
        try {
          return await service.predictStored((request.params as { employee_id: number }).employee_id, context(request));
        } catch (error) {
          return rateLimited(error, request, reply);
        }
      },
    );
  };
}
