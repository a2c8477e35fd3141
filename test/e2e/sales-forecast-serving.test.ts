import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runForecast, trackForecast } from "../../src/projects/sales/index.js";
import { createLocalTracker } from "../../src/tracking/index.js";
import { http, startTestServer, type TestServer } from "../support/server.js";

const DATA = new URL("../../data/td2_forecast/", import.meta.url).pathname;
const data = Object.fromEntries(
  ["sales", "marketing", "price", "stock", "objectives"].map((f) => [f, join(DATA, `${f}.csv`)]),
);

describe("GET /api/v1/projects/sales/forecast", () => {
  let server: TestServer;
  let token: string;
  const get = (query: string, auth = true) =>
    http<any>(
      server.url,
      "GET",
      `/api/v1/projects/sales/forecast?${query}`,
      undefined,
      auth ? { authorization: `Bearer ${token}` } : {},
    );

  beforeAll(async () => {
    server = await startTestServer("sqlite", { FORECAST_DATA_DIR: DATA });
    await server.platform.accounts.createUser({ username: "analyst", password: "analyst-password", role: "viewer" });
    const res = await http<any>(server.url, "POST", "/token", { username: "analyst", password: "analyst-password" });
    token = res.body.access_token;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers 503 before any model is in production, and 401 without credentials", async () => {
    expect((await get("item_id=item_3&month=2024-01", false)).status).toBe(401);
    const none = await get("item_id=item_3&month=2024-01");
    expect(none.status).toBe(503);
    expect(none.body.error.code).toBe("MODEL_NOT_READY");
  });

  it("answers from the production model and follows a promotion at once", async () => {
    const tracker = createLocalTracker(server.platform);
    const ridge = await runForecast({ data, start_test: "2023-07-01", model: "Ridge", features: ["past_sales"] });
    expect((await trackForecast(tracker, ridge, "csv")).version).toBe(1);
    const first = await get("item_id=item_3&month=2024-01");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      item_id: "item_3",
      month: "2024-01",
      model: { name: "sales-forecast", version: 1, alias: "production" },
    });
    expect(first.body.prediction).toBeGreaterThan(0);
    expect(first.body.assumptions[0]).toMatch(/after the data/);
    // Inside the data: exactly the run's one-step-ahead forecast.
    const inside = await get("item_id=item_3&month=2023-08");
    expect(inside.body.prediction).toBe(
      ridge.rows.find((r) => r.item_id === "item_3" && r.dates === "2023-08-01")!.prediction,
    );
    expect(inside.body.assumptions).toEqual([]);

    const custom = await runForecast({ data, start_test: "2023-07-01", model: "CustomModel", features: [] });
    expect((await trackForecast(tracker, custom, "csv")).promoted).toBe(true);
    const second = await get("item_id=item_3&month=2023-08");
    expect(second.body.model.version).toBe(2);
    expect(second.body.prediction).toBe(
      custom.rows.find((r) => r.item_id === "item_3" && r.dates === "2023-08-01")!.prediction,
    );
  });

  it("names bad requests: unknown item 404, month beyond the data 422, malformed month 400", async () => {
    expect((await get("item_id=item_999&month=2024-01")).status).toBe(404);
    const far = await get("item_id=item_3&month=2025-06");
    expect(far.status).toBe(422);
    expect(far.body.error.code).toBe("MISSING_FEATURES");
    const bad = await get("item_id=item_3&month=January");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/month/);
  });
});
