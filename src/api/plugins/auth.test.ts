import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, type Principal } from "../../core/index.js";
import { type AppModule, buildApp } from "../app.js";
import { type AuthVerifier, scopeAllows } from "./auth.js";

const principals: Record<string, Principal> = {
  "viewer-token": { id: "u1", name: "vera", kind: "user", role: "viewer" },
  "editor-token": { id: "u2", name: "ed", kind: "user", role: "editor" },
  "admin-token": { id: "u3", name: "ada", kind: "user", role: "admin" },
  atk_churn: { id: "k1", name: "churn key", kind: "apiKey", role: "viewer", scopes: ["model:churn"] },
  atk_any: { id: "k2", name: "any key", kind: "apiKey", role: "editor" },
};

/** Tokens resolve synchronously, keys asynchronously: both paths of the hook are exercised. */
const verifier: AuthVerifier = {
  verifyToken(token) {
    if (token === "store-down") throw new AppError("STORE_UNAVAILABLE", "database unreachable");
    const p = principals[token];
    if (p?.kind !== "user") throw new AppError("UNAUTHENTICATED", "Invalid access token");
    return p;
  },
  async verifyApiKey(key) {
    const p = principals[key];
    if (p?.kind !== "apiKey") throw new AppError("UNAUTHENTICATED", "Invalid API key");
    return p;
  },
};

/** A tiny module declaring every kind of access, independent of any real platform module. */
const probe: AppModule = {
  name: "probe",
  routes: async (app) => {
    const who = (request: { principal?: Principal }) => ({ principal: request.principal ?? null });
    const schema = {
      tags: ["probe"],
      summary: "probe",
      response: { 200: { type: "object", additionalProperties: true } },
    };
    app.get("/open", { schema }, async (request) => who(request));
    app.get("/public", { schema, config: { auth: "public" } }, async (request) => who(request));
    app.get("/read", { schema, config: { auth: "viewer" } }, async (request) => who(request));
    app.post("/write", { schema, config: { auth: "editor" } }, async (request) => who(request));
    app.delete("/admin", { schema, config: { auth: "admin" } }, async (request) => who(request));
    app.post(
      "/models/:name/predict",
      {
        schema: { ...schema, body: { type: "object", properties: { x: { type: "number" } } } },
        config: {
          auth: "viewer",
          authorize: (p, request) => scopeAllows(p, `model:${(request.params as { name: string }).name}`),
        },
      },
      async (request) => who(request),
    );
  },
};

describe("auth plugin: config.auth on routes", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ logLevel: "silent", auth: verifier, modules: [probe] });
  });
  afterAll(async () => {
    await app.close();
  });
  const call = (method: string, url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    app.inject({
      method: method as "GET",
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as string }),
    });

  it("leaves routes without auth, and public ones, open (no principal resolved)", async () => {
    for (const url of ["/open", "/public", "/health"]) {
      const res = await call("GET", url);
      expect(res.statusCode).toBe(200);
    }
    expect((await call("GET", "/open", { authorization: "Bearer admin-token" })).json()).toEqual({ principal: null });
  });

  it("answers 401 UNAUTHENTICATED with WWW-Authenticate: Bearer without credentials", async () => {
    // The HEAD route Fastify derives from a GET is protected too (it runs the same handler).
    expect((await call("HEAD", "/read")).statusCode).toBe(401);
    const res = await call("GET", "/read", { "x-request-id": "req-1" });
    expect(res.statusCode).toBe(401);
    expect(res.headers["www-authenticate"]).toBe("Bearer");
    expect(res.headers["x-request-id"]).toBe("req-1");
    expect(res.json()).toEqual({
      error: { code: "UNAUTHENTICATED", message: expect.stringMatching(/Authentication required/), requestId: "req-1" },
    });
  });

  it("answers 401 for an invalid token, an invalid key and an unsupported scheme", async () => {
    for (const headers of <Record<string, string>[]>[
      { authorization: "Bearer nope" },
      { authorization: "bearer atk_nope" },
      { "x-api-key": "atk_nope" },
      { authorization: "Basic dTpw" },
    ]) {
      const res = await call("GET", "/read", headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(401);
      expect(res.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');
      expect(res.json().error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("answers 401 before reading the body, so a garbage body does not matter", async () => {
    const res = await call("POST", "/write", { "content-type": "application/json" }, "{not json");
    expect(res.statusCode).toBe(401);
  });

  it("answers 403 FORBIDDEN when the role is too weak, 200 with request.principal when it is enough", async () => {
    const forbidden = await call("POST", "/write", { authorization: "Bearer viewer-token" });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/editor role/) });
    expect((await call("DELETE", "/admin", { authorization: "Bearer editor-token" })).statusCode).toBe(403);
    const ok = await call("POST", "/write", { authorization: "Bearer editor-token" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().principal).toEqual(principals["editor-token"]);
    expect((await call("GET", "/read", { authorization: "Bearer admin-token" })).statusCode).toBe(200);
    expect((await call("DELETE", "/admin", { authorization: "Bearer admin-token" })).statusCode).toBe(200);
  });

  it("accepts API keys in x-api-key and as a bearer token", async () => {
    const a = await call("POST", "/write", { "x-api-key": "atk_any" });
    expect(a.statusCode).toBe(200);
    expect(a.json().principal.kind).toBe("apiKey");
    expect((await call("POST", "/write", { authorization: "Bearer atk_any" })).statusCode).toBe(200);
    expect((await call("POST", "/write", { "x-api-key": "atk_churn" })).statusCode).toBe(403);
  });

  it("runs config.authorize after the role: a key scoped to model:churn predicts churn only", async () => {
    const body = { x: 1 };
    const churn = await call("POST", "/models/churn/predict", { "x-api-key": "atk_churn" }, body);
    expect(churn.statusCode).toBe(200);
    const other = await call("POST", "/models/sales/predict", { "x-api-key": "atk_churn" }, body);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe("FORBIDDEN");
    expect((await call("POST", "/models/sales/predict", { "x-api-key": "atk_any" }, body)).statusCode).toBe(200);
    expect((await call("POST", "/models/sales/predict", {}, body)).statusCode).toBe(401);
  });

  it("passes other verifier errors to the error handler (no 401 for a store outage)", async () => {
    const res = await call("GET", "/read", { authorization: "Bearer store-down" });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe("STORE_UNAVAILABLE");
  });

  it("marks protected routes with security and 401/403 answers in the OpenAPI document, open ones not", async () => {
    const doc = (await call("GET", "/openapi.json")).json();
    expect(doc.paths["/read"].get.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(Object.keys(doc.paths["/read"].get.responses)).toEqual(expect.arrayContaining(["200", "401", "403"]));
    expect(doc.paths["/open"].get.security).toBeUndefined();
    expect(doc.paths["/public"].get.responses["401"]).toBeUndefined();
  });
});

describe("auth plugin without a verifier", () => {
  it("refuses every protected route with 401 and keeps open ones open", async () => {
    const app = await buildApp({ logLevel: "silent", modules: [probe] });
    try {
      const res = await app.inject({ method: "GET", url: "/read", headers: { authorization: "Bearer admin-token" } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toMatch(/not configured/);
      expect((await app.inject({ method: "GET", url: "/open" })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("refuses to register a route with an unknown role", async () => {
    const bad: AppModule = {
      name: "bad",
      routes: async (app) => {
        app.get("/x", { config: { auth: "root" as never } }, async () => ({}));
      },
    };
    await expect(buildApp({ logLevel: "silent", modules: [bad] })).rejects.toThrow(/unknown auth role "root"/);
  });
});
