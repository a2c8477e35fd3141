import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { AppError } from "../../../core/index.js";
import { FEATURE_GROUPS, type FeatureGroup } from "./features.js";

export const MODEL_NAMES = ["PrevMonthSale", "SameMonthLastYearSales", "Ridge", "CustomModel"] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

const BASELINES: readonly ModelName[] = ["PrevMonthSale", "SameMonthLastYearSales"];

const schema = z
  .object({
    data: z
      .object({
        sales: z.string().min(1),
        marketing: z.string().min(1).optional(),
        price: z.string().min(1).optional(),
        stock: z.string().min(1).optional(),
        objectives: z.string().min(1).optional(),
      })
      .strict(),
    start_test: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-01$/, "must be the first day of a month, YYYY-MM-01"),
    model: z.enum(MODEL_NAMES),
    features: z.array(z.enum(Object.keys(FEATURE_GROUPS) as [FeatureGroup, ...FeatureGroup[]])).default([]),
    params: z.record(z.string(), z.unknown()).default({}),
    experiment: z.string().min(1).default("sales-forecast"),
  })
  .strict();

/** A validated forecast config, with data paths resolved. */
export type ForecastConfig = z.infer<typeof schema>;

/**
 * Validates a config object; relative data paths are resolved from `baseDir` (the config file's folder).
 * Every wrong field is listed in one INVALID_CONFIG error.
 */
export function parseForecastConfig(raw: unknown, baseDir = process.cwd()): ForecastConfig {
  const parsed = schema.safeParse(raw);
  const details: { field: string; reason: string }[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      details.push({ field: issue.path.join(".") || "(config)", reason: issue.message });
  } else {
    const c = parsed.data;
    if (BASELINES.includes(c.model) && c.features.length > 0) {
      details.push({ field: "features", reason: `${c.model} is a baseline and takes no features (use [])` });
    }
    if (!BASELINES.includes(c.model) && c.model !== "CustomModel" && c.features.length === 0) {
      details.push({ field: "features", reason: `${c.model} needs at least one feature` });
    }
    const needed = new Set<string>(c.features.flatMap((f) => FEATURE_GROUPS[f].needs));
    if (c.model === "CustomModel") for (const f of ["marketing", "price", "stock"]) needed.add(f);
    for (const need of needed) {
      if (!c.data[need as keyof typeof c.data])
        details.push({
          field: `data.${need}`,
          reason: `required by ${c.model === "CustomModel" && !c.features.length ? "CustomModel" : "the chosen features"}`,
        });
    }
  }
  if (details.length > 0 || !parsed.success) {
    throw new AppError(
      "INVALID_CONFIG",
      `Invalid forecast config: ${details.map((d) => `${d.field}: ${d.reason}`).join("; ")}`,
      details,
    );
  }
  const c = parsed.data;
  const at = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const data = Object.fromEntries(
    Object.entries(c.data).map(([k, v]) => [k, at(v as string)]),
  ) as ForecastConfig["data"];
  return { ...c, data };
}

/** Reads and validates a config file (JSON); paths inside are relative to the file's folder. */
export function readForecastConfig(path: string): ForecastConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new AppError("INVALID_CONFIG", `Config file not found: ${path}`, [
      { field: "config", reason: `cannot read ${path}` },
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AppError("INVALID_CONFIG", `Config file ${path} is not valid JSON: ${(error as Error).message}`, [
      { field: "config", reason: "invalid JSON" },
    ]);
  }
  return parseForecastConfig(raw, dirname(resolve(path)));
}
