import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestCsv } from "../../src/projects/sales/index.js";
import { http, type StoreKind, startTestServer, type TestServer } from "../support/server.js";

const COURSE_CSV = new URL("../../data/td1_sales/weekly_sales.csv", import.meta.url).pathname;

describe.each<StoreKind>(["csv", "sqlite", "postgres"])("sales service over HTTP (%s store)", (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });
  const call = (method: string, path: string, body?: unknown) => http<any>(server.url, method, path, body);

  it("stores valid rows, rejects each invalid one with its index and reason, and is idempotent", async () => {
    await call("POST", "/init_database");
    const rows = [
      { year_week: 202005, vegetable: "Tomatto", sales: 70 },
      { year_week: 202000, vegetable: "tomato", sales: 1 },
      { year_week: 202001, sales: 1 },
      { year_week: 202001, vegetable: "Tomate", sales: -5 },
      { year_week: 202001, vegetable: "tomate", sales: 30 },
    ];
    const first = await call("POST", "/post_sales", rows);
    expect(first.status).toBe(200);
    expect(first.body.stored).toBe(2);
    expect(first.body.rejected.map((r: any) => [r.index, r.reason])).toEqual([
      [1, "year_week 202000: week 00 does not exist (weeks start at 01)"],
      [2, "missing field vegetable"],
      [3, "sales must not be negative, got -5"],
    ]);
    const again = await call("POST", "/post_sales/", rows);
    expect(again.body.stored).toBe(2);
    const raw = await call("GET", "/get_raw_sales");
    expect(raw.body).toEqual([
      { year_week: 202001, vegetable: "tomate", sales: 30 },
      { year_week: 202005, vegetable: "Tomatto", sales: 70 },
    ]);
    expect((await call("GET", "/get_weekly_sales/")).body).toEqual(raw.body);
  });

  it("answers monthly sales split by ISO-week days (202005 tomato 70 → 202001: 50, 202002: 20)", async () => {
    await call("GET", "/init_database/");
    await call("POST", "/post_sales", [{ year_week: 202005, vegetable: "tomato", sales: 70 }]);
    const monthly = await call("GET", "/get_monthly_sales");
    expect(monthly.body).toEqual([
      { year_month: 202001, vegetable: "tomato", sales: 50 },
      { year_month: 202002, vegetable: "tomato", sales: 20 },
    ]);
  });

  it("adds different spellings of one vegetable in one week, and reports unknown names", async () => {
    await call("POST", "/init_database");
    await call("POST", "/post_sales", {
      data: [
        { year_week: 202010, vegetable: "Tomate", sales: 30 },
        { year_week: 202010, vegetable: "tomatoes", sales: 12 },
        { year_week: 202010, vegetable: "zanahoria", sales: 5 },
        { year_week: 202010, vegetable: "spaceship", sales: 9 },
      ],
    });
    expect((await call("GET", "/get_monthly_sales?remove_outliers=False")).body).toEqual([
      { year_month: 202003, vegetable: "carrot", sales: 5 },
      { year_month: 202003, vegetable: "tomato", sales: 42 },
    ]);
    expect((await call("GET", "/get_unknown_vegetables")).body).toEqual([
      { vegetable: "spaceship", rows: 1, sales: 9 },
    ]);
  });

  it("removes a vegetable's outlier week only with remove_outliers=true", async () => {
    await call("POST", "/init_database");
    const rows = [];
    for (let w = 1; w <= 27; w++) rows.push({ year_week: 202000 + w, vegetable: "tomato", sales: 70 });
    rows.push({ year_week: 202050, vegetable: "tomato", sales: 100000 });
    await call("POST", "/post_sales", rows);
    const dec = (q: string) =>
      call("GET", `/get_monthly_sales?remove_outliers=${q}`).then((r) =>
        r.body.filter((m: any) => m.year_month === 202012),
      );
    expect(await dec("false")).toEqual([{ year_month: 202012, vegetable: "tomato", sales: 100000 }]);
    expect(await dec("False")).toHaveLength(1);
    expect(await dec("true")).toEqual([]);
    expect(await dec("True")).toEqual([]);
    const bad = await call("GET", "/get_monthly_sales?remove_outliers=maybe");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("INVALID_INPUT");
    expect(bad.body.error.message).toMatch(/remove_outliers/);
  });

  it("answers 400 naming the problem when nothing can be stored, never a 500", async () => {
    const none = await call("POST", "/post_sales", [{ year_week: "x" }]);
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe("INVALID_INPUT");
    expect(none.body.rejected[0].index).toBe(0);
    const notJson = await call("POST", "/post_sales", "{nope");
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe("INVALID_INPUT");
    const notList = await call("POST", "/post_sales", { rows: [] });
    expect(notList.status).toBe(400);
    expect(notList.body.error.requestId).toBeTruthy();
  });

  it("ingests the course CSV with every row accounted for", async () => {
    await call("POST", "/init_database");
    const result = await ingestCsv(COURSE_CSV, { url: server.url, batchSize: 100, silent: true });
    expect(result.rows).toBe(624);
    expect(result.stored + result.rejected.length).toBe(624);
    const raw = await call("GET", "/get_raw_sales");
    expect(raw.body).toHaveLength(result.stored);
    const monthly = await call("GET", "/get_monthly_sales");
    expect(new Set(monthly.body.map((m: any) => m.vegetable))).toEqual(new Set(["brussels sprout", "pear", "tomato"]));
    expect((await call("GET", "/get_unknown_vegetables")).body).toEqual([]);
    const forecast = await call("GET", "/get_sales_forecast?vegetable=Tomate&months=3");
    expect(forecast.status).toBe(200);
    expect(forecast.body.map((f: any) => f.year_month)).toEqual([202401, 202402, 202403]);
    expect(forecast.body.every((f: any) => f.vegetable === "tomato" && f.sales > 0)).toBe(true);
    expect((await call("GET", "/get_sales_forecast?vegetable=durian")).status).toBe(404);
    expect((await call("GET", "/get_sales_forecast?vegetable=tomato&months=99")).body.error.code).toBe("INVALID_INPUT");
  });
});

describe("platform routes", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await server?.close();
  });

  it("echoes x-request-id, or generates one, on every answer and error", async () => {
    const given = await http(server.url, "GET", "/health", undefined, { "x-request-id": "abc-123" });
    expect(given.headers.get("x-request-id")).toBe("abc-123");
    const missing = await http<any>(server.url, "GET", "/nope");
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: "NOT_FOUND", requestId: missing.headers.get("x-request-id") });
  });

  it("serves /health, Prometheus /metrics per route and the OpenAPI document with every route", async () => {
    const health = await http<any>(server.url, "GET", "/health");
    expect(health.body).toMatchObject({ status: "ok", version: "0.1.0" });
    expect(health.body.memory.rssBytes).toBeGreaterThan(0);
    await http(server.url, "GET", "/get_raw_sales");
    const metrics = await http<string>(server.url, "GET", "/metrics");
    expect(metrics.body).toMatch(/http_requests_total\{method="GET",route="\/get_raw_sales",status="200"\} 1/);
    expect(metrics.body).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/get_raw_sales"\}/,
    );
    const doc = await http<any>(server.url, "GET", "/openapi.json");
    for (const path of [
      "/post_sales",
      "/get_raw_sales",
      "/get_weekly_sales",
      "/get_monthly_sales",
      "/init_database",
      "/get_unknown_vegetables",
      "/health",
      "/metrics",
    ]) {
      expect(doc.body.paths[path], path).toBeDefined();
    }
    const docs = await fetch(`${server.url}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/swagger/i);
  });
});

describe("the atelier command", () => {
  it("exits 2 on bad usage and 1 when the server cannot be reached", async () => {
    const run = promisify(execFile);
    const cli = (args: string[]) =>
      run(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
        cwd: new URL("../..", import.meta.url).pathname,
      }).then(
        () => 0,
        (e: { code: number }) => e.code,
      );
    expect(await cli(["ingest"])).toBe(2);
    expect(await cli(["ingest", COURSE_CSV, "--url", "http://127.0.0.1:1"])).toBe(1);
  });
});
