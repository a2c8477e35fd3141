import type { FastifyInstance, FastifyReply } from "fastify";
import { errorBody, errorResponses } from "../../api/index.js";
import type { SalesService } from "./sales-service.js";

const rawSale = {
  type: "object",
  properties: {
    year_week: { type: "integer", description: "ISO week as YYYYWW", examples: [202005] },
    vegetable: {
      type: "string",
      description: "The vegetable name as sent (any language, typos kept)",
      examples: ["Tomatto"],
    },
    sales: { type: "number", minimum: 0, examples: [70] },
  },
  required: ["year_week", "vegetable", "sales"],
} as const;

const rejectedRow = {
  type: "object",
  properties: {
    index: { type: "integer", description: "Position of the row in the posted list" },
    row: { description: "The row as posted" },
    reason: { type: "string" },
  },
} as const;

const postResult = {
  type: "object",
  properties: {
    status: { type: "string", enum: ["success", "partial"] },
    stored: { type: "integer" },
    rejected: { type: "array", items: rejectedRow },
  },
  examples: [
    {
      status: "partial",
      stored: 1,
      rejected: [
        {
          index: 1,
          row: { year_week: 202000, vegetable: "tomato", sales: 3 },
          reason: "year_week 202000: week 00 does not exist (weeks start at 01)",
        },
      ],
    },
  ],
} as const;

const removeOutliersQuery = {
  type: "object",
  properties: {
    remove_outliers: {
      type: "string",
      enum: ["true", "false", "True", "False", "1", "0"],
      default: "false",
      description: "Leave out weekly sales beyond mean ± 5 sample standard deviations of their vegetable",
    },
  },
} as const;

const monthlySale = {
  type: "object",
  properties: {
    year_month: { type: "integer", examples: [202001] },
    vegetable: { type: "string", examples: ["tomato"] },
    sales: { type: "number", examples: [50] },
  },
} as const;

function sendJson(reply: FastifyReply, body: string): FastifyReply {
  return reply.header("content-type", "application/json; charset=utf-8").send(body);
}

const isTrue = (v: string | undefined) => v === "true" || v === "True" || v === "1";

/** The course's vegetable-sales routes (paths and bodies as in TD1; trailing slashes accepted). */
export function salesRoutes(service: SalesService) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post(
      "/post_sales",
      {
        schema: {
          tags: ["sales"],
          summary: "Store weekly sales",
          description:
            "Stores every valid row and rejects each invalid one with its index and reason. Idempotent: the same " +
            "(year_week, raw vegetable spelling) posted again replaces the stored row. Answers 400 only when no row " +
            'could be stored. The list may also be sent as {"data": [...]}.',
          body: {
            anyOf: [
              { type: "array", items: {}, examples: [[{ year_week: 202005, vegetable: "Tomatto", sales: 70 }]] },
              { type: "object", properties: { data: { type: "array", items: {} } }, required: ["data"] },
            ],
          },
          response: { 200: postResult, 400: { $ref: "ErrorBody#" } },
        },
      },
      async (request, reply) => {
        const body = request.body as unknown[] | { data: unknown[] };
        const rows = Array.isArray(body) ? body : body.data;
        const result = await service.post(rows);
        if (result.stored === 0 && result.rejected.length > 0) {
          const message = `No row stored: ${result.rejected.length} invalid row(s), e.g. row ${result.rejected[0]!.index}: ${result.rejected[0]!.reason}`;
          return reply.status(400).send({
            ...errorBody("INVALID_INPUT", message, request.id, result.rejected),
            stored: 0,
            rejected: result.rejected,
          });
        }
        return {
          status: result.rejected.length ? "partial" : "success",
          stored: result.stored,
          rejected: result.rejected,
        };
      },
    );

    const rawSchema = {
      tags: ["sales"],
      summary: "The stored raw rows",
      description: "Every stored row as received (raw vegetable spellings), ordered by year_week then vegetable.",
      response: {
        200: { type: "array", items: rawSale, examples: [[{ year_week: 202005, vegetable: "Tomatto", sales: 70 }]] },
      },
    };
    const raw = async (_request: unknown, reply: FastifyReply) => sendJson(reply, service.rawSalesJson());
    app.get("/get_raw_sales", { schema: rawSchema }, raw);
    app.get(
      "/get_weekly_sales",
      { schema: { ...rawSchema, summary: "The stored raw rows (alias of /get_raw_sales)" } },
      raw,
    );

    app.get(
      "/get_monthly_sales",
      {
        schema: {
          tags: ["sales"],
          summary: "Cleaned monthly sales",
          description:
            "Vegetable names cleaned to one English name; ISO weeks spread over months by their days (a week with n " +
            "days in a month gives it n/7 of its sales). Sorted by year_month then vegetable.",
          querystring: removeOutliersQuery,
          response: { 200: { type: "array", items: monthlySale }, ...errorResponses(400) },
        },
      },
      async (request, reply) => {
        const remove = isTrue((request.query as { remove_outliers?: string }).remove_outliers);
        return sendJson(reply, service.monthlyJson(remove));
      },
    );

    app.get(
      "/get_clean_weekly_sales",
      {
        schema: {
          tags: ["sales"],
          summary: "Cleaned weekly sales with outlier flags",
          querystring: removeOutliersQuery,
          response: {
            200: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  year_week: { type: "integer" },
                  vegetable: { type: "string" },
                  sales: { type: "number" },
                  is_outlier: { type: "boolean" },
                },
              },
              examples: [[{ year_week: 202005, vegetable: "tomato", sales: 70, is_outlier: false }]],
            },
          },
        },
      },
      async (request, reply) => {
        const remove = isTrue((request.query as { remove_outliers?: string }).remove_outliers);
        return sendJson(
          reply,
          service.json(`weekly:${remove}`, () =>
            JSON.stringify(
              service
                .weeklySales()
                .filter((w) => !(remove && w.isOutlier))
                .map((w) => ({
                  year_week: w.yearWeek,
                  vegetable: w.vegetable,
                  sales: w.sales,
                  is_outlier: w.isOutlier,
                })),
            ),
          ),
        );
      },
    );

    app.get(
      "/get_unknown_vegetables",
      {
        schema: {
          tags: ["sales"],
          summary: "Raw names that match no vegetable",
          description: "These rows are kept in the raw data but left out of the cleaned weekly and monthly sales.",
          response: {
            200: {
              type: "array",
              items: {
                type: "object",
                properties: { vegetable: { type: "string" }, rows: { type: "integer" }, sales: { type: "number" } },
              },
              examples: [[{ vegetable: "spaceship", rows: 2, sales: 11 }]],
            },
          },
        },
      },
      async (_request, reply) =>
        sendJson(
          reply,
          service.json("unknown", () => JSON.stringify(service.unknownVegetables())),
        ),
    );

    app.get(
      "/get_sales_forecast",
      {
        schema: {
          tags: ["sales"],
          summary: "Forecast the next months of a vegetable",
          description:
            "From the cleaned monthly sales (outliers removed, complete months only). Four methods compete — seasonal " +
            "index, growth-adjusted same month last year, mean of the last three months, same month last year — and " +
            "the one with the lowest error on one-step forecasts of the last 24 complete months is used " +
            "(docs/forecasting.md). Any known spelling of the vegetable is accepted.",
          querystring: {
            type: "object",
            properties: {
              vegetable: { type: "string", minLength: 1, examples: ["tomato"] },
              months: { type: "integer", minimum: 1, maximum: 24, default: 3 },
            },
            required: ["vegetable"],
          },
          response: {
            200: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  year_month: { type: "integer" },
                  vegetable: { type: "string" },
                  sales: { type: "number" },
                  method: { type: "string" },
                },
              },
              examples: [[{ year_month: 202401, vegetable: "tomato", sales: 2187.5, method: "seasonal-index" }]],
            },
            ...errorResponses(400, 404),
          },
        },
      },
      async (request) => {
        const { vegetable, months } = request.query as { vegetable: string; months: number };
        return service
          .forecast(vegetable, months)
          .map((f) => ({ year_month: f.yearMonth, vegetable: f.vegetable, sales: f.sales, method: f.method }));
      },
    );

    const initSchema = {
      tags: ["sales"],
      summary: "Create the sales store or empty it",
      response: {
        200: {
          type: "object",
          properties: { status: { type: "string" }, message: { type: "string" } },
          examples: [{ status: "success", message: "Sales store initialised (empty)" }],
        },
      },
    };
    const init = async () => {
      await service.reset();
      return { status: "success", message: "Sales store initialised (empty)" };
    };
    app.post("/init_database", { schema: initSchema }, init);
    app.get("/init_database", { schema: initSchema }, init);
  };
}
