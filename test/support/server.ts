import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { loadConfig } from "../../src/core/index.js";
import { createServer, type Platform } from "../../src/main.js";
import { createTestDatabase } from "./postgres.js";

/** The store a test server runs on. */
export type StoreKind = "csv" | "sqlite" | "postgres";

/** A real Atelier server listening on a free loopback port, over a fresh store. */
export interface TestServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly platform: Platform;
  close(): Promise<void>;
}

export async function startTestServer(
  kind: StoreKind = "sqlite",
  env: Record<string, string> = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "atelier-e2e-"));
  let databaseUrl = `sqlite:${join(dir, "atelier.db")}`;
  let salesUrl: string | undefined;
  let drop = async () => {};
  if (kind === "postgres") {
    const t = await createTestDatabase("e2e");
    databaseUrl = t.url;
    drop = t.drop;
  }
  if (kind === "csv") salesUrl = `csv:${join(dir, "sales.csv")}`;
  const config = loadConfig({
    DATA_DIR: dir,
    DATABASE_URL: databaseUrl,
    ARTIFACT_STORE_URL: `file:${join(dir, "artifacts")}`,
    LOG_LEVEL: "silent",
    PORT: "0",
    ...(salesUrl ? { SALES_STORE_URL: salesUrl } : {}),
    ...env,
  });
  const { app, platform } = await createServer(config);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    platform,
    async close() {
      await app.close();
      await drop();
    },
  };
}

/** fetch + JSON for tests. */
export async function http<T = unknown>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(new URL(path, base), {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: res.status, body: parsed as T, headers: res.headers };
}
