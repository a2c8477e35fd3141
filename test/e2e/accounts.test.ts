import { execFile } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, type StoreKind, startTestServer, type TestServer } from "../support/server.js";

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { "content-type": "application/x-www-form-urlencoded" };

describe.each<StoreKind>(["sqlite", "postgres"])("accounts over HTTP (%s store)", (kind) => {
  let server: TestServer;
  let adminToken: string;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    http<any>(server.url, method, path, body, headers);
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const login = async (username: string, password: string) =>
    call("POST", "/token", form({ username, password, grant_type: "password" }), FORM);

  beforeAll(async () => {
    server = await startTestServer(kind);
    await server.platform.accounts.createUser({ username: "root", password: "root-password", role: "admin" });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("POST /token takes the OAuth2 password form (or JSON) and answers a bearer token", async () => {
    const res = await login("root", "root-password");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: "bearer", expires_in: 3600 });
    adminToken = res.body.access_token;
    const json = await call("POST", "/token", { username: "root", password: "root-password" });
    expect(json.status).toBe(200);
    const me = await call("GET", "/api/v1/me", undefined, as(adminToken));
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: expect.any(String), name: "root", kind: "user", role: "admin" });
  });

  it("answers 401 with one message for an unknown user and a wrong password, 400 for a missing field", async () => {
    const wrong = await login("root", "not-the-password");
    const unknown = await login("nobody", "not-the-password");
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe("Bearer");
      expect(res.body).toMatchObject({
        detail: "Incorrect username or password",
        error: { code: "UNAUTHENTICATED", message: "Incorrect username or password" },
      });
    }
    const missing = await call("POST", "/token", form({ username: "root" }), FORM);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([{ field: "body.password", reason: "is required" }]);
  });

  it("protects the admin routes: 401 without credentials, 403 for a viewer, 200 for an admin", async () => {
    const anonymous = await call("GET", "/api/v1/users");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe("Bearer");
    expect(anonymous.body.error.code).toBe("UNAUTHENTICATED");
    expect((await call("GET", "/api/v1/me")).status).toBe(401);
    expect((await call("GET", "/api/v1/me", undefined, as("garbage"))).status).toBe(401);

    const created = await call(
      "POST",
      "/api/v1/users",
      { username: "vera", password: "vera-password" },
      as(adminToken),
    );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      username: "vera",
      role: "viewer",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      disabled: false,
    });
    const duplicate = await call("POST", "/api/v1/users", { username: "vera", password: "other-pass" }, as(adminToken));
    expect(duplicate.status).toBe(409);
    const invalid = await call("POST", "/api/v1/users", { username: "x y", password: "short" }, as(adminToken));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: any) => d.field)).toEqual(["username", "password"]);

    const vera = (await login("vera", "vera-password")).body.access_token;
    const forbidden = await call("GET", "/api/v1/users", undefined, as(vera));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("FORBIDDEN");
    expect((await call("POST", "/api/v1/keys", { name: "k" }, as(vera))).status).toBe(403);
    expect((await call("GET", "/api/v1/me", undefined, as(vera))).body.role).toBe("viewer");

    const page1 = await call("GET", "/api/v1/users?pageSize=1", undefined, as(adminToken));
    expect(page1.status).toBe(200);
    expect(page1.body.users.map((u: any) => u.username)).toEqual(["root"]);
    expect(page1.body.users[0]).not.toHaveProperty("passwordHash");
    const page2 = await call(
      "GET",
      `/api/v1/users?pageSize=1&pageToken=${page1.body.nextPageToken}`,
      undefined,
      as(adminToken),
    );
    expect(page2.body).toEqual({ users: [expect.objectContaining({ username: "vera" })] });
    expect((await call("GET", "/api/v1/users?pageToken=zzz", undefined, as(adminToken))).status).toBe(400);
  });

  it("creates an API key whose secret is shown once, accepts it, and refuses it once revoked", async () => {
    const created = await call(
      "POST",
      "/api/v1/keys",
      { name: "churn scorer", role: "viewer", scopes: ["model:churn"] },
      as(adminToken),
    );
    expect(created.status).toBe(201);
    const { secret, id } = created.body;
    expect(secret).toMatch(/^atk_[0-9a-f]{16}_[\w-]{43}$/);
    expect(created.body).toMatchObject({
      name: "churn scorer",
      role: "viewer",
      scopes: ["model:churn"],
      createdBy: "root",
    });

    const listed = await call("GET", "/api/v1/keys", undefined, as(adminToken));
    expect(listed.status).toBe(200);
    expect(listed.body.keys).toEqual([expect.objectContaining({ id, revokedAt: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(22));

    const viaHeader = await call("GET", "/api/v1/me", undefined, { "x-api-key": secret });
    expect(viaHeader.body).toEqual({
      id,
      name: "churn scorer",
      kind: "apiKey",
      role: "viewer",
      scopes: ["model:churn"],
    });
    expect((await call("GET", "/api/v1/me", undefined, as(secret))).status).toBe(200);
    expect((await call("GET", "/api/v1/keys", undefined, { "x-api-key": secret })).status).toBe(403);

    const admin = await call("POST", "/api/v1/keys", { name: "ops", role: "admin" }, as(adminToken));
    expect((await call("GET", "/api/v1/keys", undefined, { "x-api-key": admin.body.secret })).status).toBe(200);

    const revoked = await call("DELETE", `/api/v1/keys/${id}`, undefined, as(adminToken));
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const refused = await call("GET", "/api/v1/me", undefined, { "x-api-key": secret });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe("API key revoked");
    expect((await call("DELETE", "/api/v1/keys/no-such-key", undefined, as(adminToken))).status).toBe(404);
  });

  it("rate-limits wrong passwords per username: 429 with Retry-After, even for the right password", async () => {
    await server.platform.accounts.createUser({ username: "target", password: "target-password", role: "viewer" });
    for (let i = 0; i < 5; i++) expect((await login("target", "guess")).status).toBe(401);
    const limited = await login("target", "target-password");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(limited.body).toMatchObject({
      message: "Rate limit exceeded. Please try again later.",
      error: { code: "RATE_LIMITED", details: { retryAfterSeconds: expect.any(Number) } },
    });
    // Other users are not locked out by it.
    expect((await login("root", "root-password")).status).toBe(200);
  });

  it("documents the routes with their security in /openapi.json", async () => {
    const doc = (await call("GET", "/openapi.json")).body;
    expect(doc.paths["/api/v1/users"].get.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(doc.paths["/token"].post.security).toBeUndefined();
    expect(doc.paths["/token"].post.requestBody.content).toHaveProperty("application/x-www-form-urlencoded");
  });
});

describe("first start", () => {
  let server: TestServer;
  afterAll(async () => {
    await server?.close();
  });

  it("creates the admin from ATELIER_ADMIN_USERNAME/PASSWORD and a 0600 JWT secret in DATA_DIR", async () => {
    server = await startTestServer("sqlite", {
      ATELIER_ADMIN_USERNAME: "boss",
      ATELIER_ADMIN_PASSWORD: "boss-password",
    });
    const res = await http<any>(
      server.url,
      "POST",
      "/token",
      form({ username: "boss", password: "boss-password" }),
      FORM,
    );
    expect(res.status).toBe(200);
    const secretFile = join(server.platform.config.DATA_DIR, "jwt-secret");
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
  });
});

const run = (args: string[], env: Record<string, string>, stdin?: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", "src/main.ts", ...args],
      { env: { ...process.env, ...env, LOG_LEVEL: "silent" }, cwd: new URL("../..", import.meta.url).pathname },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? "");
  });

describe("the atelier users and keys commands", () => {
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.close();
  });

  it("create the first admin from stdin and a key on the local store; the server then accepts both", async () => {
    const dir = mkdtempSync(join(tmpdir(), "atelier-cli-"));
    const env = { DATABASE_URL: `sqlite:${join(dir, "atelier.db")}`, DATA_DIR: dir };
    const created = await run(
      ["users", "create", "--admin", "--username", "chief", "--password-stdin"],
      env,
      "chief-password\n",
    );
    expect(created).toMatchObject({ code: 0, stdout: expect.stringMatching(/^created admin user chief/) });
    const key = await run(
      ["keys", "create", "--name", "ci", "--role", "editor", "--scope", "model:churn", "--json"],
      env,
    );
    expect(key.code).toBe(0);
    const { secret } = JSON.parse(key.stdout);

    server = await startTestServer("sqlite", env);
    const token = await http<any>(
      server.url,
      "POST",
      "/token",
      form({ username: "chief", password: "chief-password" }),
      FORM,
    );
    expect(token.status).toBe(200);
    const me = await http<any>(server.url, "GET", "/api/v1/me", undefined, { "x-api-key": secret });
    expect(me.body).toMatchObject({ name: "ci", role: "editor", scopes: ["model:churn"] });
  });
});
