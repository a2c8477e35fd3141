import type { FastifyInstance } from "fastify";
import { errorResponses } from "../../../api/index.js";
import type { ForecastService } from "./forecast-service.js";

/** GET /api/v1/projects/sales/forecast: one item's sales for one month, from the production forecasting model. */
export function forecastRoutes(service: ForecastService) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      "/api/v1/projects/sales/forecast",
      {
        config: { auth: "viewer" },
        schema: {
          tags: ["sales"],
          summary: "Forecast an item's monthly sales with the production model",
          description:
            "Answers from sales-forecast@production (trained and promoted by `atelier forecast`). Any month of the data " +
            "after its first 15 (one step ahead, from the sales before it), or the month right after the data, for " +
            "which planned marketing, prices and stock refills are unknown: the answer lists those assumptions.",
          querystring: {
            type: "object",
            properties: {
              item_id: { type: "string", minLength: 1, examples: ["item_3"] },
              month: { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])$", examples: ["2024-01"] },
              alias: { type: "string", default: "production" },
            },
            required: ["item_id", "month"],
          },
          response: {
            200: {
              type: "object",
              properties: {
                item_id: { type: "string" },
                month: { type: "string" },
                prediction: { type: "number" },
                model: {
                  type: "object",
                  properties: { name: { type: "string" }, version: { type: "integer" }, alias: { type: "string" } },
                },
                assumptions: { type: "array", items: { type: "string" } },
              },
              examples: [
                {
                  item_id: "item_3",
                  month: "2024-01",
                  prediction: 4581.2,
                  model: { name: "sales-forecast", version: 2, alias: "production" },
                  assumptions: [
                    "2024-01 is after the data: no planned marketing, price unchanged, stock refills unknown (no stock cap)",
                  ],
                },
              ],
            },
            ...errorResponses(400, 401, 403, 404, 422, 503),
          },
        },
      },
      async (request) => {
        const q = request.query as { item_id: string; month: string; alias: string };
        const f = await service.forecast(q.item_id, q.month, q.alias);
        return {
          item_id: f.itemId,
          month: f.month,
          prediction: f.prediction,
          model: f.model,
          assumptions: f.assumptions,
        };
      },
    );
  };
}
