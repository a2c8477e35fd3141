import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestServer, type TestServer } from "../support/server.js";

describe("tracking and registry REST API", () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const call = (
    role: string | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    http<any>(server.url, method, path, body, {
      ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}),
      ...headers,
    });

  beforeAll(async () => {
    server = await startTestServer("sqlite");
    for (const role of ["viewer", "editor", "admin"] as const) {
      await server.platform.accounts.createUser({ username: `${role}-user`, password: `${role}-password`, role });
      const login = await http<any>(server.url, "POST", "/token", {
        username: `${role}-user`,
        password: `${role}-password`,
      });
      tokens[role] = login.body.access_token;
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it("asks viewer for reads, editor for writes, admin for alias moves and deletions", async () => {
    expect((await call(undefined, "GET", "/api/v1/experiments")).status).toBe(401);
    expect((await call("viewer", "GET", "/api/v1/experiments")).status).toBe(200);
    expect((await call("viewer", "POST", "/api/v1/experiments", { name: "nope" })).status).toBe(403);
    const created = await call("editor", "POST", "/api/v1/experiments", { name: "roles" });
    expect(created.status).toBe(201);
    const run = await call("editor", "POST", "/api/v1/runs", { experimentId: created.body.id });
    expect(run.body.createdBy).toBe("editor-user");
    await call("editor", "PUT", `/api/v1/runs/${run.body.id}/artifacts/model/model.json`, "{}", {
      "content-type": "application/json",
    });
    await call("editor", "POST", "/api/v1/models", { name: "roles-model" });
    const version = await call("editor", "POST", "/api/v1/models/roles-model/versions", { runId: run.body.id });
    expect(version.status).toBe(201);
    expect((await call("editor", "PUT", "/api/v1/models/roles-model/aliases/production", { version: 1 })).status).toBe(
      403,
    );
    const moved = await call("admin", "PUT", "/api/v1/models/roles-model/aliases/production", {
      version: 1,
      reason: "first",
    });
    expect(moved.body).toMatchObject({
      moved: true,
      move: { movedBy: "admin-user", reason: "first", fromVersion: null },
    });
    expect((await call("editor", "DELETE", "/api/v1/models/roles-model/versions/1")).status).toBe(403);
    const behind = await call("admin", "DELETE", "/api/v1/models/roles-model/versions/1");
    expect(behind.status).toBe(409);
    expect(behind.body.error.message).toMatch(/production/);
    expect((await call("editor", "DELETE", `/api/v1/experiments/${created.body.id}`)).status).toBe(403);
    expect((await call("admin", "DELETE", `/api/v1/experiments/${created.body.id}`)).body.deletedAt).toEqual(
      expect.any(String),
    );
    expect((await call("admin", "POST", `/api/v1/experiments/${created.body.id}/restore`)).body.deletedAt).toBeNull();
    const resolved = await call(
      "viewer",
      "GET",
      `/api/v1/models/roles-model/aliases/production?at=${encodeURIComponent(moved.body.move.movedAt)}`,
    );
    expect(resolved.body).toMatchObject({ version: 1, modelVersion: { version: 1, aliases: ["production"] } });
  });

  it("answers 400 with the position for a bad filter and names each bad field, never a 500", async () => {
    const bad = await call("viewer", "POST", "/api/v1/runs/search", {
      filter: "metrics.r2 > 0.8 and params.alpha = 1",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "INVALID_INPUT", details: [{ field: "filter", position: 36 }] });
    const run = await call("editor", "POST", "/api/v1/runs", { experimentName: "errors" });
    const batch = await call("editor", "POST", `/api/v1/runs/${run.body.id}/log-batch`, {
      metrics: [
        { key: "loss", value: "high" },
        { key: "ok", value: 1, extra: true },
      ],
    });
    expect(batch.status).toBe(400);
    expect(batch.body.error.code).toBe("INVALID_INPUT");
    expect(batch.body.error.details.map((d: any) => d.field)).toEqual(expect.arrayContaining(["body.metrics.0.value"]));
    const tooMany = Array.from({ length: 10_001 }, (_, step) => ({ key: "m", value: step, step }));
    expect((await call("editor", "POST", `/api/v1/runs/${run.body.id}/log-batch`, { metrics: tooMany })).status).toBe(
      400,
    );
    const ok = await call("editor", "POST", `/api/v1/runs/${run.body.id}/log-batch`, { metrics: tooMany.slice(1) });
    expect(ok.body).toEqual({ runId: run.body.id, params: 0, metrics: 10_000, tags: 0 });
    expect((await call("editor", "PATCH", `/api/v1/runs/${run.body.id}`, { status: "RUNNING" })).status).toBe(400);
    expect((await call("viewer", "GET", "/api/v1/runs/nope")).status).toBe(404);
    expect((await call("viewer", "GET", "/api/v1/models/roles-model/aliases/production?at=yesterday")).status).toBe(
      400,
    );
    expect((await call("viewer", "GET", "/api/v1/experiments?pageToken=zzz")).status).toBe(400);
  });

  it("stores artifacts byte for byte whatever their content type, and serves them with their sha256", async () => {
    const run = await call("editor", "POST", "/api/v1/runs", { experimentName: "bytes" });
    const body = '{ "not": "re-serialised" ,"x":1 }';
    const put = await call("editor", "PUT", `/api/v1/runs/${run.body.id}/artifacts/model/my%20model.json`, body, {
      "content-type": "application/json",
    });
    expect(put.status).toBe(201);
    const sha = createHash("sha256").update(body).digest("hex");
    expect(put.body).toMatchObject({ path: "model/my model.json", sha256: sha, size: body.length });
    const got = await fetch(`${server.url}/api/v1/runs/${run.body.id}/artifacts/model/my%20model.json`, {
      headers: { authorization: `Bearer ${tokens.viewer}` },
    });
    expect(got.headers.get("x-artifact-sha256")).toBe(sha);
    expect(got.headers.get("content-type")).toMatch(/application\/json/);
    expect(await got.text()).toBe(body);
    const listed = await call("viewer", "GET", `/api/v1/runs/${run.body.id}/artifacts?prefix=model/`);
    expect(listed.body.items.map((a: any) => a.path)).toEqual(["model/my model.json"]);
    const escaping = await call("editor", "PUT", `/api/v1/runs/${run.body.id}/artifacts/a%2F..%2Fb`, "x", {
      "content-type": "text/plain",
    });
    expect(escaping.status).toBe(400);
  });

  it("serves metric histories for keys with slashes, paged", async () => {
    const run = await call("editor", "POST", "/api/v1/runs", { experimentName: "history" });
    const metrics = Array.from({ length: 25 }, (_, step) => ({ key: "val/loss", value: 1 / (step + 1), step }));
    await call("editor", "POST", `/api/v1/runs/${run.body.id}/log-batch`, { metrics });
    const first = await call("viewer", "GET", `/api/v1/runs/${run.body.id}/metrics/val%2Floss/history?pageSize=20`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(20);
    expect(first.body.items[0]).toEqual({ key: "val/loss", value: 1, step: 0, timestamp: expect.any(String) });
    const next = await call(
      "viewer",
      "GET",
      `/api/v1/runs/${run.body.id}/metrics/val%2Floss/history?pageSize=20&pageToken=${first.body.nextPageToken}`,
    );
    expect(next.body.items.map((p: any) => p.step)).toEqual([20, 21, 22, 23, 24]);
    expect(next.body.nextPageToken).toBeUndefined();
  });

  it("documents every tracking route in OpenAPI, with examples and the security scheme", async () => {
    const doc = (await call(undefined, "GET", "/openapi.json")).body;
    const paths = Object.keys(doc.paths);
    for (const p of [
      "/api/v1/experiments",
      "/api/v1/experiments/{id}/restore",
      "/api/v1/runs",
      "/api/v1/runs/{id}",
      "/api/v1/runs/{id}/log-batch",
      "/api/v1/runs/search",
      "/api/v1/runs/{id}/metrics/{key}/history",
      "/api/v1/runs/{id}/artifacts",
      "/api/v1/runs/{id}/artifacts/{*}",
      "/api/v1/models",
      "/api/v1/models/{name}/versions/{version}",
      "/api/v1/models/{name}/aliases/{alias}",
      "/api/v1/models/{name}/aliases/{alias}/history",
    ])
      expect(paths, p).toContain(p);
    const put = doc.paths["/api/v1/models/{name}/aliases/{alias}"].put;
    expect(put.security).toBeDefined();
    expect(JSON.stringify(put.requestBody)).toContain("r2 0.87 > 0.81");
    expect(JSON.stringify(doc.paths["/api/v1/runs/search"].post.requestBody)).toContain("metrics.r2 > 0.8");
  });
});
