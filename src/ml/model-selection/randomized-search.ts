import { z } from "zod";
import { SeededRandom } from "../../core/index.js";
import { registerEstimator } from "../save-load.js";
import {
  BaseSearchCV,
  type EvaluateParams,
  type SearchOptions,
  type SearchParams,
  searchParamsShape,
} from "./base-search.js";
import { checkDistributions, type ParamDistributions, sampleParameters } from "./param-distributions.js";

const distributionsSchema = z.record(z.string(), z.unknown());

const paramsSchema = z
  .object({
    ...searchParamsShape,
    paramDistributions: z.union([distributionsSchema, z.array(distributionsSchema).min(1)]),
    nIter: z.number().int().min(1).default(10),
    seed: z.number().int().default(0),
  })
  .strict()
  .superRefine((p, ctx) => {
    try {
      const list = Array.isArray(p.paramDistributions) ? p.paramDistributions : [p.paramDistributions];
      for (const d of list) checkDistributions(d as ParamDistributions);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["paramDistributions"], message: (e as Error).message });
    }
  });

/** Params of RandomizedSearchCV. */
export interface RandomizedSearchCVParams extends SearchParams {
  /** Per param, a list of values or {uniform | logUniform | randint: [lo, hi]}; a list of such objects too. */
  paramDistributions: ParamDistributions | ParamDistributions[];
  nIter: number;
  seed: number;
}

/**
 * Cross-validates nIter param sets drawn from lists and distributions, like scikit-learn's RandomizedSearchCV
 * (same sampling rules as its ParameterSampler, with Atelier's seeded generator).
 */
export class RandomizedSearchCV extends BaseSearchCV<RandomizedSearchCVParams> {
  static override readonly kind = "RandomizedSearchCV";
  static override readonly version = 1;

  /** `options.onProgress` is called after each (candidate, split) task; it is not a param (not saved). */
  constructor(params: Partial<RandomizedSearchCVParams> = {}, options: SearchOptions = {}) {
    super(paramsSchema as unknown as z.ZodType<RandomizedSearchCVParams>, params, options);
  }

  private candidates(): Record<string, unknown>[] {
    return sampleParameters(this.params.paramDistributions, this.params.nIter, new SeededRandom(this.params.seed));
  }

  protected expectedCandidates(): number {
    return this.candidates().length;
  }

  protected runSearch(evaluate: EvaluateParams): void {
    evaluate(this.candidates());
  }
}

registerEstimator(RandomizedSearchCV);
