import { z } from "zod";
import { AppError } from "../../core/index.js";
import { deepParams, estimatorTypeOf, setChildParams, splitNestedParams } from "../compose/nested-params.js";
import { BaseEstimator, type Estimator, type Input, isEstimator, type Label, type Target } from "../estimator.js";
import type { Matrix } from "../matrix.js";
import { applyErrorScore, resolveSplits } from "./cross-validate.js";
import { type Candidate, CvEvaluator, type Progress } from "./cv-evaluator.js";
import { type TaskResult, toAppError } from "./fit-and-score.js";
import { getScorer, type ResolvedScoring, resolveScoring } from "./scorers.js";
import { buildCvResults, type CvResults } from "./search-results.js";
import { type CvSpec, isCrossValidator } from "./splitter.js";

const cvSpecSchema = z
  .object({
    kind: z.enum(["KFold", "StratifiedKFold", "TimeSeriesSplit"]),
    nSplits: z.number().int().min(2).optional(),
    shuffle: z.boolean().optional(),
    seed: z.number().int().optional(),
    maxTrainSize: z.number().int().min(1).nullable().optional(),
    testSize: z.number().int().min(1).nullable().optional(),
    gap: z.number().int().min(0).optional(),
  })
  .strict();

/** The params every search shares (scikit-learn's names and defaults; random_state is `seed` where used). */
export const searchParamsShape = {
  estimator: z.custom<Estimator>((v) => isEstimator(v), { message: "expected an estimator" }),
  /** A scorer name, several names, or null for the estimator's own score. */
  scoring: z.union([z.string(), z.array(z.string()).min(1), z.null()]).default(null),
  /** Refit the best candidate on all data; with several scorers, the name of the one that picks it. */
  refit: z.union([z.boolean(), z.string()]).default(true),
  /** Folds: a count (stratified for classifiers) or a splitter spec; splitter objects are stored as specs. */
  cv: z.union([z.number().int().min(2), cvSpecSchema]).default(5),
  nJobs: z
    .number()
    .int()
    .refine((v) => v !== 0, "nJobs must not be 0")
    .default(1),
  returnTrainScore: z.boolean().default(false),
  errorScore: z.union([z.literal("raise"), z.number(), z.nan()]).default(Number.NaN),
  workerModules: z.array(z.string()).default([]),
};

/** Params shared by the searches. */
export interface SearchParams {
  estimator: Estimator;
  scoring: string | string[] | null;
  refit: boolean | string;
  cv: number | CvSpec;
  nJobs: number;
  returnTrainScore: boolean;
  errorScore: number | "raise";
  workerModules: string[];
}

/** What a search learned. */
export interface SearchFitted {
  readonly cvResults: CvResults;
  readonly bestIndex: number | null;
  readonly bestScore: number | null;
  readonly bestParams: Record<string, unknown> | null;
  readonly bestEstimator: Estimator | null;
  readonly scorerNames: string[];
  readonly refitMetric: string;
  readonly nSplits: number;
  readonly refitTime: number;
}

/** Options of a search that are not params (not saved, not cloned). */
export interface SearchOptions {
  readonly onProgress?: (progress: Progress) => void;
}

/** Scores param sets by cross-validation (mean test score of the refit scorer, errorScore for failures). */
export type EvaluateParams = (paramSets: readonly Record<string, unknown>[]) => number[];

function cloneValue(v: unknown): unknown {
  if (isEstimator(v)) return v.clone();
  if (Array.isArray(v)) return v.map(cloneValue);
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cloneValue(x)]));
  }
  return v;
}

/** A splitter object given as cv becomes its spec, so the search stays saveable. */
function normaliseCv(params: unknown): unknown {
  if (params === null || typeof params !== "object") return params;
  const p = params as Record<string, unknown>;
  return isCrossValidator(p.cv) ? { ...p, cv: p.cv.toSpec() } : params;
}

/**
 * The machinery of GridSearchCV, RandomizedSearchCV and TpeSearchCV (scikit-learn's BaseSearchCV): candidates are
 * cross-validated (in this thread or on worker threads, see nJobs), ranked into cvResults, and the best is refit
 * on all the data. The search is an estimator: predict / predictProba / transform go to the refit best estimator.
 */
export abstract class BaseSearchCV<P extends SearchParams> extends BaseEstimator<P, SearchFitted> {
  /** Called after each (candidate, split) task; not a param (not saved, not cloned). */
  onProgress: ((progress: Progress) => void) | undefined;

  protected constructor(schema: z.ZodType<P>, params: unknown, options: SearchOptions = {}) {
    super(schema, normaliseCv(params));
    this.onProgress = options.onProgress;
  }

  /** How many candidates the search will evaluate (for progress totals). */
  protected abstract expectedCandidates(): number;

  /** Proposes param sets and has them scored through `evaluate`, as many times as the strategy needs. */
  protected abstract runSearch(evaluate: EvaluateParams): void;

  /** Own params, or with `{deep: true}` also "estimator__…" params, like scikit-learn. */
  override getParams(options: { deep?: boolean } = {}): P {
    return options.deep ? (deepParams(this) as unknown as P) : super.getParams();
  }

  override setParams(params: Readonly<Record<string, unknown>>): this {
    const { own, nested } = splitNestedParams(params);
    super.setParams(normaliseCv(own) as Record<string, unknown>);
    setChildParams(this.kind, [["estimator", this.params.estimator]], nested);
    return this;
  }

  /** "classifier", "regressor" or "transformer": that of the searched estimator. */
  get estimatorType(): "classifier" | "regressor" | "transformer" | undefined {
    return estimatorTypeOf(this.params.estimator);
  }

  private refitMetric(scoring: ResolvedScoring): string {
    const { refit } = this.params;
    if (typeof refit === "string") {
      if (!scoring.names.includes(refit)) {
        throw new AppError("INVALID_INPUT", `refit "${refit}" is not one of the scorers: ${scoring.names.join(", ")}`);
      }
      return refit;
    }
    if (scoring.multimetric && refit) {
      throw new AppError("INVALID_INPUT", "With several scorers, refit must be the name of the scorer to pick by");
    }
    return scoring.names[0]!;
  }

  fit(X: Input, y?: Target): this {
    const p = this.params;
    const base = p.estimator;
    const splits = resolveSplits(p.cv, base, X, y);
    const scoring = resolveScoring(p.scoring);
    const metric = this.refitMetric(scoring);
    const metricIndex = scoring.names.indexOf(metric);
    const evaluator = new CvEvaluator(X, y, splits, scoring, {
      nJobs: p.nJobs,
      returnTrainScore: p.returnTrainScore,
      workerModules: p.workerModules,
      ...(this.onProgress ? { onProgress: this.onProgress } : {}),
      totalTasks: this.expectedCandidates() * splits.length,
    });
    const candidates: Record<string, unknown>[] = [];
    const results: TaskResult[][] = [];
    const evaluate: EvaluateParams = (paramSets) => {
      const built = paramSets.map((ps): Candidate => {
        try {
          return base.clone().setParams(cloneValue(ps) as Record<string, unknown>);
        } catch (e) {
          return { failed: e };
        }
      });
      const batch = evaluator.evaluate(built);
      if (p.errorScore === "raise") {
        for (const row of batch) for (const r of row) if (r.error) throw toAppError(r.error);
      }
      candidates.push(...paramSets);
      results.push(...batch);
      return batch.map((row) => {
        let s = 0;
        for (const r of row) s += r.error ? (p.errorScore as number) : r.test[metricIndex]!;
        return s / row.length;
      });
    };
    try {
      this.runSearch(evaluate);
    } finally {
      evaluator.close();
    }
    const filled = applyErrorScore(results.flat(), scoring.names.length, p.errorScore, p.returnTrainScore);
    const rows = results.map((_row, c) => filled.slice(c * splits.length, (c + 1) * splits.length));
    const cvResults = buildCvResults(candidates, rows, scoring.names, metric, p.returnTrainScore);
    const pick = p.refit !== false || !scoring.multimetric;
    const bestIndex = pick ? cvResults.rankTestScore.indexOf(1) : null;
    const bestParams = bestIndex === null ? null : candidates[bestIndex]!;
    let bestEstimator: Estimator | null = null;
    const t0 = performance.now();
    if (p.refit !== false && bestParams) {
      bestEstimator = base.clone().setParams(cloneValue(bestParams) as Record<string, unknown>);
      bestEstimator.fit(X, y);
    }
    this.fitted = {
      cvResults,
      bestIndex,
      bestScore: bestIndex === null ? null : cvResults.meanTestScore[bestIndex]!,
      bestParams,
      bestEstimator,
      scorerNames: scoring.names,
      refitMetric: metric,
      nSplits: splits.length,
      refitTime: bestEstimator ? (performance.now() - t0) / 1000 : 0,
    };
    return this;
  }

  /** Per-candidate results, like scikit-learn's cv_results_. */
  get cvResults(): CvResults {
    return this.requireFitted().cvResults;
  }

  /** The params of the best candidate. */
  get bestParams(): Record<string, unknown> {
    return this.requireBest().bestParams!;
  }

  /** The mean cross-validated score of the best candidate. */
  get bestScore(): number {
    return this.requireBest().bestScore!;
  }

  /** The index of the best candidate in cvResults. */
  get bestIndex(): number {
    return this.requireBest().bestIndex!;
  }

  /** The best candidate refit on all the data (needs refit). */
  get bestEstimator(): Estimator {
    const f = this.requireFitted();
    if (!f.bestEstimator)
      throw new AppError("INVALID_INPUT", "This search was fitted with refit: false: no best estimator");
    return f.bestEstimator;
  }

  /** The number of cross-validation splits used. */
  get nSplits(): number {
    return this.requireFitted().nSplits;
  }

  private requireBest(): SearchFitted {
    const f = this.requireFitted();
    if (f.bestIndex === null)
      throw new AppError("INVALID_INPUT", "With several scorers and refit: false there is no best");
    return f;
  }

  private delegate<R>(name: string): ((X: Input) => R) | undefined {
    const source = this.fitted?.bestEstimator ?? this.params.estimator;
    if (typeof (source as unknown as Record<string, unknown>)[name] !== "function") return undefined;
    return (X: Input): R => {
      const best = this.bestEstimator as unknown as Record<string, (X: Input) => R>;
      return best[name]!.call(best, X);
    };
  }

  /** Predictions of the best estimator; undefined when the searched estimator cannot predict. */
  get predict(): ((X: Input) => Label[] | Float64Array) | undefined {
    return this.delegate("predict");
  }

  /** Class probabilities of the best estimator; undefined when the searched estimator has none. */
  get predictProba(): ((X: Input) => Matrix) | undefined {
    return this.delegate("predictProba");
  }

  /** Decision values of the best estimator; undefined when the searched estimator has none. */
  get decisionFunction(): ((X: Input) => Matrix | Float64Array) | undefined {
    return this.delegate("decisionFunction");
  }

  /** X transformed by the best estimator; undefined unless the searched estimator is a transformer. */
  get transform(): ((X: Input) => unknown) | undefined {
    return this.delegate("transform");
  }

  /** The classes of the best estimator. */
  get classes(): readonly Label[] {
    const classes = (this.bestEstimator as unknown as { classes?: readonly Label[] }).classes;
    if (!classes) throw new AppError("INVALID_INPUT", "The searched estimator is not a classifier: it has no classes");
    return classes;
  }

  /** The refit scorer's score of the best estimator on X, y (the estimator's own score when scoring is null). */
  score(X: Input, y: Target): number {
    const f = this.requireFitted();
    return getScorer(scorerBehind(this.params.scoring, f.refitMetric))(this.bestEstimator, X, y);
  }
}

function scorerBehind(scoring: string | string[] | null, metric: string): string {
  return scoring === null ? "score" : metric;
}
