import { z } from "zod";
import { AppError } from "./errors.js";

/**
 * Every environment variable Atelier reads, validated once at start-up. Each one is documented, with its default,
 * in .env.example (a test checks that the two list the same names).
 */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./.atelier"),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, "must start with sqlite: or postgres://")
    .default("sqlite:./.atelier/atelier.db"),
  SALES_STORE_URL: z
    .string()
    .regex(/^(csv:|sqlite:|postgres(ql)?:\/\/)/, "must start with csv:, sqlite: or postgres://")
    .optional(),
  ARTIFACT_STORE_URL: z
    .string()
    .regex(/^(file:|s3:\/\/)/, "must start with file: or s3://")
    .default("file:./.atelier/artifacts"),
  // For an s3:// artifact store; absent ones fall back to the AWS SDK's own defaults (profiles, instance roles).
  AWS_ENDPOINT_URL: z.url("must be a URL such as http://127.0.0.1:9000").optional(),
  AWS_REGION: z.string().min(1).default("us-east-1"),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("false"),
  // Behind a load balancer: "true", a number of proxy hops, or a comma-separated list of proxy addresses/CIDRs.
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((v): boolean | number | string =>
      v === "true" ? true : v === "false" ? false : /^\d+$/.test(v) ? Number(v) : v,
    ),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(604_800).default(3600),
  // The first admin, created on start when no user exists yet; both or neither.
  ATELIER_ADMIN_USERNAME: z.string().min(1).optional(),
  ATELIER_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  // Client side: the token the atelier command sends with --url (instead of --token).
  ATELIER_TOKEN: z.string().min(1).optional(),
  // Client side: the server the atelier command talks to when --url is not given (else the local store).
  ATELIER_URL: z.url("must be a URL such as http://127.0.0.1:8000").optional(),
  // The sales forecasting data the forecast route reads (sales.csv, marketing.csv, price.csv, stock.csv, objectives.csv).
  FORECAST_DATA_DIR: z.string().min(1).default("./data/td2_forecast"),
  // Model serving: how often served aliases and serving configs are re-read (ms), micro-batching, default rate limit.
  SERVING_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  SERVING_MAX_BATCH: z.coerce.number().int().min(1).max(10_000).default(32),
  SERVING_MAX_WAIT_MS: z.coerce.number().int().min(0).max(1000).default(0),
  SERVING_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).max(1_000_000).default(0),
  // The prediction log: most rows waiting to be written, and how many days rows are kept (0: forever).
  PREDICTION_LOG_QUEUE: z.coerce.number().int().min(1).max(10_000_000).default(50_000),
  PREDICTION_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
});

/** Rules across variables, on top of each variable's own. */
const checkedConfigSchema = configSchema.superRefine((c, ctx) => {
  if ((c.ATELIER_ADMIN_USERNAME === undefined) !== (c.ATELIER_ADMIN_PASSWORD === undefined))
    ctx.addIssue({
      code: "custom",
      path: [c.ATELIER_ADMIN_USERNAME === undefined ? "ATELIER_ADMIN_USERNAME" : "ATELIER_ADMIN_PASSWORD"],
      message: "set both ATELIER_ADMIN_USERNAME and ATELIER_ADMIN_PASSWORD, or neither",
    });
});

export type Config = z.infer<typeof configSchema> & { readonly SALES_STORE_URL: string };

/** Names of every variable in the schema (used by the .env.example test). */
export const CONFIG_KEYS = Object.keys(configSchema.shape) as readonly string[];

/**
 * Reads the configuration from an environment. Fails with one INVALID_CONFIG error listing every bad variable.
 * Empty strings count as unset, as they do in most .env tooling.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== "") cleaned[key] = value;
  }
  const parsed = checkedConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      field: String(issue.path[0] ?? ""),
      reason: issue.message,
    }));
    const summary = details.map((d) => `${d.field}: ${d.reason}`).join("; ");
    throw new AppError("INVALID_CONFIG", `Invalid configuration: ${summary}`, details);
  }
  return { ...parsed.data, SALES_STORE_URL: parsed.data.SALES_STORE_URL ?? parsed.data.DATABASE_URL };
}
