import { createHash } from "node:crypto";
import { isAppError } from "../../core/index.js";
import { toCsv } from "../../data/index.js";
import { shouldPromote, type Tracker } from "../../tracking/index.js";
import type { Employee } from "./employee-fields.js";
import { employeesToCsv } from "./generator.js";
import { ATTRITION_MODEL_NAME, attritionSignature } from "./model-signature.js";
import {
  checkTrainable,
  type TrainAttritionOptions,
  type TrainedAttritionModel,
  trainAttritionModel,
} from "./train-model.js";

/** The tracking experiment attrition runs are logged in. */
export const ATTRITION_EXPERIMENT = "attrition";

/** The alias serving answers from. */
export const PRODUCTION = "production";

/** What a tracked training did. */
export interface TrackedTraining {
  readonly runId: string;
  readonly trained: TrainedAttritionModel;
  /** The registered version of `attrition`. */
  readonly version: number;
  readonly promoted: boolean;
  /** Production's test ROC AUC before this run (absent when nothing was in production). */
  readonly productionRocAuc?: number;
  readonly productionVersion?: number;
  /** Why production moved or not, in one sentence. */
  readonly reason: string;
}

/** The content hash of the training table as read (its rows as canonical CSV), for the run's data lineage. */
export function employeesDigest(employees: readonly Employee[]): string {
  return `sha256:${createHash("sha256").update(employeesToCsv(employees)).digest("hex")}`;
}

/** Production's version and test ROC AUC (from its version's metrics), or undefined when none is in production. */
async function currentProduction(tracker: Tracker): Promise<{ version: number; rocAuc?: number } | undefined> {
  try {
    const resolved = await tracker.resolve(ATTRITION_MODEL_NAME, PRODUCTION);
    if (!resolved.modelVersion) return undefined;
    return { version: resolved.modelVersion.version, rocAuc: resolved.modelVersion.metrics.test_roc_auc };
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return undefined;
    throw error;
  }
}

/**
 * Trains the attrition model on the given employees (read from attrition_employees) and logs it: params, the
 * search's candidates, test ROC AUC / accuracy / F1, the classification report and the table's digest as data
 * lineage; registers the pipeline as the next `attrition` version with its signature and an input example; moves
 * `production` to it when shouldPromote(test ROC AUC, production's) says so.
 */
export async function trainAndTrack(
  tracker: Tracker,
  employees: readonly Employee[],
  options: TrainAttritionOptions & { readonly source?: string } = {},
): Promise<TrackedTraining> {
  // Before the run: an empty table is a usage error, not a failed run.
  checkTrainable(employees, options.folds);
  const dataset = {
    name: "attrition_employees",
    digest: employeesDigest(employees),
    source: options.source ?? `table attrition_employees (${employees.length} rows)`,
  };
  return tracker.withRun(
    { experiment: ATTRITION_EXPERIMENT, tags: { project: "attrition" }, datasets: [dataset] },
    async (run) => {
      const trained = trainAttritionModel(employees, options);
      const { best, test, rows } = trained;
      await run.logParams({
        seed: options.seed ?? 42,
        test_size: options.testSize ?? 0.2,
        cv_folds: options.folds ?? 5,
        search: "GridSearchCV",
        scoring: "roc_auc",
        candidates: trained.candidates.length,
        classifier: best.classifier,
        ...Object.fromEntries(Object.entries(best.params).map(([k, v]) => [`clf.${k}`, v === null ? "null" : v])),
        rows_train: rows.train,
        rows_test: rows.test,
      });
      await run.logMetrics({
        test_roc_auc: test.rocAuc,
        test_accuracy: test.accuracy,
        test_f1: test.f1,
        cv_roc_auc: best.meanRocAuc,
        cv_roc_auc_std: best.stdRocAuc,
        positive_rate: rows.positiveRate,
        train_seconds: trained.seconds,
      });
      await run.setTags({ classifier: best.classifier });
      await run.logArtifact("classification_report.txt", Buffer.from(test.report));
      await run.logArtifact(
        "cv_results.csv",
        Buffer.from(
          toCsv(
            ["rank", "classifier", "params", "mean_roc_auc", "std_roc_auc"],
            trained.candidates.map((c) => ({
              rank: c.rank,
              classifier: c.classifier,
              params: JSON.stringify(c.params),
              mean_roc_auc: c.meanRocAuc,
              std_roc_auc: c.stdRocAuc,
            })),
          ),
        ),
      );
      const production = await currentProduction(tracker);
      const logged = await run.logModel(trained.model, {
        signature: attritionSignature(),
        inputExample: employees.slice(0, 3).map((e) => e.features),
        name: ATTRITION_MODEL_NAME,
        description: `${best.classifier} ${JSON.stringify(best.params)}: test ROC AUC ${test.rocAuc.toFixed(4)}`,
      });
      const version = logged.version!.version;
      const promoted = shouldPromote(test.rocAuc, production?.rocAuc);
      const score = `test ROC AUC ${test.rocAuc.toFixed(4)}`;
      const reason = !production
        ? `${score}; nothing was in production`
        : production.rocAuc === undefined
          ? `${score}; production (version ${production.version}) has no test ROC AUC`
          : promoted
            ? `${score} beats production (version ${production.version}, ${production.rocAuc.toFixed(4)}) by more than 0.01`
            : `${score} does not beat production (version ${production.version}, ${production.rocAuc.toFixed(4)}) by more than 0.01`;
      let moved = promoted;
      let why = reason;
      if (promoted) {
        try {
          await tracker.setAlias(ATTRITION_MODEL_NAME, PRODUCTION, version, reason);
        } catch (error) {
          // Registering needs editor, moving an alias admin: keep the run and the version, say why it stayed.
          if (!(isAppError(error) && error.code === "FORBIDDEN")) throw error;
          moved = false;
          why = `${reason}, but this caller may not move production (admin role needed): ${error.message}`;
        }
      }
      return {
        runId: run.id,
        trained,
        version,
        promoted: moved,
        reason: why,
        ...(production ? { productionVersion: production.version } : {}),
        ...(production?.rocAuc === undefined ? {} : { productionRocAuc: production.rocAuc }),
      };
    },
  );
}
