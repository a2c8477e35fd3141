import type { TestProject } from "vitest/node";
import { startThrowawayPostgres } from "./embedded-postgres.js";

/**
 * Starts one throwaway PostgreSQL server for the whole test run. Tests create their own databases on it through
 * test/support/postgres.ts. Set ATELIER_TEST_PG_URL to use an existing server instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.ATELIER_TEST_PG_URL) {
    project.provide("pgAdminUrl", process.env.ATELIER_TEST_PG_URL);
    return async () => {};
  }
  const pg = await startThrowawayPostgres({
    flags: ["-c", "max_connections=300", "-c", "fsync=off", "-c", "synchronous_commit=off"],
  });
  project.provide("pgAdminUrl", pg.adminUrl);
  return pg.stop;
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
