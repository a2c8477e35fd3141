#!/usr/bin/env node
/**
 * The composition root and the `atelier` command. `atelier serve` (what `npm start` runs) reads the config, opens
 * the store, builds the app from the platform modules and the projects, and listens; the other subcommands reuse
 * the same composition. This is the only file that imports every module.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { AccountsService, accountsMigrations, ensureAdminFromEnv, loadJwtSecret } from "./accounts/index.js";
import {
  type AppModule,
  accountsRoutes,
  buildApp,
  predictionRoutes,
  servingRoutes,
  trackingRoutes,
} from "./api/index.js";
import {
  EXIT_FAILURE,
  EXIT_USAGE,
  type LocalAccounts,
  localPredictionSource,
  registerDbCommand,
  registerExperimentsCommand,
  registerKeysCommand,
  registerModelsCommand,
  registerPredictionsCommand,
  registerRunsCommand,
  registerServeCommand,
  registerUsersCommand,
} from "./cli/index.js";
import { type Config, createLogger, isAppError, type Logger, loadConfig } from "./core/index.js";
import { PredictionLog, predictionLogMigrations } from "./monitoring/index.js";
import {
  AttritionService,
  attritionMigrations,
  attritionRoutes,
  EmployeesRepository,
  registerAttritionCommand,
} from "./projects/attrition/index.js";
import {
  ForecastService,
  forecastRoutes,
  openSalesRepository,
  registerForecastCommand,
  registerIngestCommand,
  SalesService,
  salesMigrations,
  salesRoutes,
} from "./projects/sales/index.js";
import { ModelServer, servingMigrations } from "./serving/index.js";
import { ContentStore, type Database, migrateToLatest, openBlobStoreFromConfig, openDatabase } from "./store/index.js";
import {
  createHttpTracker,
  createLocalTracker,
  RegistryService,
  registryMigrations,
  type Tracker,
  TrackingService,
  trackingMigrations,
} from "./tracking/index.js";

export const VERSION = "0.1.0";

/** Every module's migrations; `atelier migrate` and start-up run the same list. */
export const allMigrations = {
  ...salesMigrations,
  ...accountsMigrations,
  ...trackingMigrations,
  ...registryMigrations,
  ...predictionLogMigrations,
  ...servingMigrations,
  ...attritionMigrations,
};

/** The opened platform: store, services, and how to close them. */
export interface Platform {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database;
  readonly sales: SalesService;
  readonly accounts: AccountsService;
  readonly tracking: TrackingService;
  readonly registry: RegistryService;
  /** Every prediction served, written off the request path. */
  readonly predictionLog: PredictionLog;
  /** The registry's models served by alias or version (projects call `serving.predict`). */
  readonly serving: ModelServer;
  close(): Promise<void>;
}

/** The accounts service, signing tokens with JWT_SECRET or the secret generated into DATA_DIR. */
function openAccounts(config: Config, database: Database): Promise<AccountsService> {
  return AccountsService.open(database, {
    jwtSecret: loadJwtSecret(config.JWT_SECRET, config.DATA_DIR),
    tokenTtlSeconds: config.JWT_TTL_SECONDS,
  });
}

/** The accounts on the local store, for the `users` and `keys` commands. */
async function openLocalAccounts(): Promise<LocalAccounts> {
  const config = loadConfig(process.env);
  const database = await openDatabase(config.DATABASE_URL);
  try {
    await migrateToLatest(database, allMigrations);
    return { accounts: await openAccounts(config, database), close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** DATABASE_URL, migrated to the latest schema, for commands that work on the local store. */
async function openMigratedDatabase(): Promise<Database> {
  const database = await openDatabase(loadConfig(process.env).DATABASE_URL);
  try {
    await migrateToLatest(database, allMigrations);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Runs every migration not yet applied on DATABASE_URL (`atelier db create`); answers their names. */
async function migrateLocalStore(): Promise<string[]> {
  const database = await openDatabase(loadConfig(process.env).DATABASE_URL);
  try {
    return await migrateToLatest(database, allMigrations);
  } finally {
    await database.close();
  }
}

/** The local store's prediction log, for `atelier predictions` without --url. */
async function openLocalPredictions() {
  const database = await openDatabase(loadConfig(process.env).DATABASE_URL);
  try {
    await migrateToLatest(database, allMigrations);
  } catch (error) {
    await database.close();
    throw error;
  }
  const log = new PredictionLog(database);
  return localPredictionSource(log, async () => {
    await log.close();
    await database.close();
  });
}

/** Opens the store (running migrations) and the services. */
export async function openPlatform(config: Config, logger: Logger = createLogger(config.LOG_LEVEL)): Promise<Platform> {
  const database = await openDatabase(config.DATABASE_URL);
  await migrateToLatest(database, allMigrations);
  const accounts = await openAccounts(config, database);
  await ensureAdminFromEnv(
    accounts,
    { username: config.ATELIER_ADMIN_USERNAME, password: config.ATELIER_ADMIN_PASSWORD },
    logger,
  );
  const sales = await SalesService.open(await openSalesRepository(config.SALES_STORE_URL));
  const blobs = openBlobStoreFromConfig(config);
  const tracking = new TrackingService(database, new ContentStore(blobs));
  const registry = new RegistryService(database, tracking);
  const predictionLog = new PredictionLog(database, {
    capacity: config.PREDICTION_LOG_QUEUE,
    retentionDays: config.PREDICTION_RETENTION_DAYS,
    logger,
  });
  const serving = new ModelServer(
    { registry, database, log: predictionLog, logger },
    {
      pollMs: config.SERVING_POLL_MS,
      maxBatch: config.SERVING_MAX_BATCH,
      maxWaitMs: config.SERVING_MAX_WAIT_MS,
      rateLimitPerSecond: config.SERVING_RATE_LIMIT_PER_SECOND,
    },
  );
  return {
    config,
    logger,
    database,
    sales,
    accounts,
    tracking,
    registry,
    predictionLog,
    serving,
    async close() {
      // Serving first (no new predictions), then the log's last rows, then the stores they are written to.
      await serving.close();
      await predictionLog.close();
      await sales.close();
      await blobs.close();
      await database.close();
    },
  };
}

/** The HTTP app over an opened platform. */
export async function createServer(
  config: Config,
  logger?: Logger,
): Promise<{ app: Awaited<ReturnType<typeof buildApp>>; platform: Platform }> {
  const platform = await openPlatform(config, logger);
  const modules: AppModule[] = [
    { name: "accounts", routes: accountsRoutes(platform.accounts) },
    { name: "sales", routes: salesRoutes(platform.sales) },
    { name: "tracking", routes: trackingRoutes(platform) },
    { name: "serving", routes: servingRoutes(platform.serving) },
    { name: "predictions", routes: predictionRoutes(platform.predictionLog) },
    {
      name: "sales-forecast",
      routes: forecastRoutes(new ForecastService(platform.registry, config.FORECAST_DATA_DIR)),
    },
    {
      name: "attrition",
      routes: attritionRoutes(new AttritionService(platform.serving, new EmployeesRepository(platform.database))),
    },
  ];
  const app = await buildApp({
    logger: platform.logger,
    version: VERSION,
    modules,
    auth: platform.accounts,
    trustProxy: config.TRUST_PROXY,
  });
  platform.serving.metrics.registerInto(app.metrics);
  app.addHook("onClose", async () => platform.close());
  return { app, platform };
}

async function serve(options: { port?: number; host?: string }): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  const { app } = await createServer(config, logger);
  const port = options.port ?? config.PORT;
  const host = options.host ?? config.HOST;
  await app.listen({ port, host });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    await app.close();
    logger.info("stopped");
    logger.flush(() => process.exit(0));
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

/** A tracker for commands: over HTTP when a server URL is given, else on the local store (closed with it). */
async function openTracker(remote?: { url: string; token?: string }): Promise<Tracker> {
  if (remote) return createHttpTracker(remote);
  const config = loadConfig(process.env);
  const database = await openDatabase(config.DATABASE_URL);
  await migrateToLatest(database, allMigrations);
  const blobs = openBlobStoreFromConfig(config);
  const tracking = new TrackingService(database, new ContentStore(blobs));
  const registry = new RegistryService(database, tracking);
  return createLocalTracker(
    { tracking, registry },
    {
      onClose: async () => {
        await blobs.close();
        await database.close();
      },
    },
  );
}

/** The `atelier` command line. */
export function buildProgram(): Command {
  const program = new Command("atelier")
    .description("Atelier: from ingested data to a monitored model in production")
    .version(VERSION);
  program.exitOverride();
  program.configureOutput({ outputError: (str, write) => write(str) });
  const env = (() => {
    try {
      return loadConfig(process.env);
    } catch {
      return undefined;
    }
  })();
  registerServeCommand(program, serve);
  program
    .command("migrate")
    .description("create or upgrade every table of DATABASE_URL")
    .action(async () => {
      const config = loadConfig(process.env);
      const database = await openDatabase(config.DATABASE_URL);
      try {
        const applied = await migrateToLatest(database, allMigrations);
        process.stdout.write(applied.length ? `applied: ${applied.join(", ")}\n` : "already up to date\n");
      } finally {
        await database.close();
      }
    });
  registerDbCommand(program, migrateLocalStore);
  registerPredictionsCommand(program, openLocalPredictions);
  registerIngestCommand(program, `http://${env?.HOST ?? "127.0.0.1"}:${env?.PORT ?? 8000}`);
  registerForecastCommand(program, openTracker);
  registerUsersCommand(program, openLocalAccounts);
  registerKeysCommand(program, openLocalAccounts);
  registerExperimentsCommand(program, openTracker);
  registerRunsCommand(program, openTracker);
  registerModelsCommand(program, openTracker);
  registerAttritionCommand(program, { openDatabase: openMigratedDatabase, openTracker });
  return program;
}

/** Runs the command line and maps errors to exit codes (1 failure, 2 bad usage). */
export async function runCli(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    process.stderr.write(
      `error: ${isAppError(error) ? `${error.code}: ${error.message}` : (error as Error).message}\n`,
    );
    process.exitCode = isAppError(error) && error.code === "INVALID_CONFIG" ? EXIT_USAGE : EXIT_FAILURE;
  }
}

const invokedDirectly = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
})();
if (invokedDirectly) await runCli(process.argv);
