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
import { bounds, checkDistributions, type Distribution, draw, type ParamDistributions } from "./param-distributions.js";
import { categoricalProbabilities, drawCategory, ParzenEstimator } from "./parzen.js";

const paramsSchema = z
  .object({
    ...searchParamsShape,
    paramDistributions: z.record(z.string(), z.unknown()),
    nIter: z.number().int().min(1).default(50),
    nStartup: z.number().int().min(1).default(10),
    gamma: z.number().gt(0).lt(1).default(0.25),
    nEiCandidates: z.number().int().min(1).default(24),
    seed: z.number().int().default(0),
  })
  .strict()
  .superRefine((p, ctx) => {
    try {
      checkDistributions(p.paramDistributions as ParamDistributions);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["paramDistributions"], message: (e as Error).message });
    }
  });

/** Params of TpeSearchCV. */
export interface TpeSearchCVParams extends SearchParams {
  /** Per param, a list of values (categorical) or {uniform | logUniform | randint: [lo, hi]}. */
  paramDistributions: ParamDistributions;
  /** Trials in all, the random startup ones included. */
  nIter: number;
  /** Random trials before the model takes over. */
  nStartup: number;
  /** Share of the trials counted as good. */
  gamma: number;
  /** Draws from l(x) per param among which the best l(x)/g(x) is kept. */
  nEiCandidates: number;
  seed: number;
}

interface Trial {
  readonly params: Record<string, unknown>;
  readonly score: number;
}

/**
 * Sequential model-based search with a Tree-structured Parzen Estimator (Bergstra et al. 2011, as in hyperopt):
 * after nStartup random trials, the trials are split into the best `gamma` share and the rest, a density is fitted
 * to each per param (l for good, g for bad: smoothed counts for lists, truncated Gaussian kernels for ranges, in
 * log space for logUniform), and each param's next value is the draw from l that maximises l(x)/g(x).
 */
export class TpeSearchCV extends BaseSearchCV<TpeSearchCVParams> {
  static override readonly kind = "TpeSearchCV";
  static override readonly version = 1;

  /** `options.onProgress` is called after each (candidate, split) task; it is not a param (not saved). */
  constructor(params: Partial<TpeSearchCVParams> = {}, options: SearchOptions = {}) {
    super(paramsSchema as unknown as z.ZodType<TpeSearchCVParams>, params, options);
  }

  protected expectedCandidates(): number {
    return this.params.nIter;
  }

  protected runSearch(evaluate: EvaluateParams): void {
    const { nIter, paramDistributions: dists } = this.params;
    const rng = new SeededRandom(this.params.seed);
    const keys = Object.keys(dists).sort();
    const startup = Array.from({ length: Math.min(this.params.nStartup, nIter) }, () => {
      const params: Record<string, unknown> = {};
      for (const key of keys) {
        const d = dists[key]!;
        params[key] = Array.isArray(d) ? d[rng.int(d.length)] : draw(key, d as Distribution, rng);
      }
      return params;
    });
    const trials: Trial[] = [];
    evaluate(startup).forEach((score, k) => {
      trials.push({ params: startup[k]!, score });
    });
    while (trials.length < nIter) {
      const next = this.propose(keys, trials, rng);
      trials.push({ params: next, score: evaluate([next])[0]! });
    }
  }

  private propose(keys: readonly string[], trials: readonly Trial[], rng: SeededRandom): Record<string, unknown> {
    const { paramDistributions: dists, gamma, nEiCandidates } = this.params;
    // Failed trials (NaN) count as the worst.
    const value = (t: Trial): number => (Number.isNaN(t.score) ? Number.NEGATIVE_INFINITY : t.score);
    const order = [...trials].sort((a, b) => value(b) - value(a));
    const nGood = Math.max(1, Math.ceil(gamma * trials.length));
    const good = order.slice(0, nGood);
    const bad = order.slice(nGood);
    const params: Record<string, unknown> = {};
    for (const key of keys) {
      const d = dists[key]!;
      if (Array.isArray(d)) {
        const index = (t: Trial): number => d.indexOf(t.params[key]);
        const l = categoricalProbabilities(good.map(index), d.length);
        const g = categoricalProbabilities(bad.map(index), d.length);
        let best = -1;
        let bestRatio = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < nEiCandidates; c++) {
          const j = drawCategory(l, rng);
          const ratio = Math.log(l[j]!) - Math.log(g[j]!);
          if (ratio > bestRatio) [best, bestRatio] = [j, ratio];
        }
        params[key] = d[best];
        continue;
      }
      const [kind, lo0, hi0] = bounds(key, d as Distribution);
      const isLog = kind === "logUniform";
      const isInt = kind === "randint";
      if (isInt && hi0 - lo0 === 1) {
        params[key] = lo0;
        continue;
      }
      const lo = isLog ? Math.log(lo0) : lo0;
      const hi = isLog ? Math.log(hi0) : isInt ? hi0 - 1 : hi0;
      const toSpace = (v: number): number => (isLog ? Math.log(v) : v);
      const l = new ParzenEstimator(
        good.map((t) => toSpace(t.params[key] as number)),
        lo,
        hi,
      );
      const g = new ParzenEstimator(
        bad.map((t) => toSpace(t.params[key] as number)),
        lo,
        hi,
      );
      let best = lo;
      let bestRatio = Number.NEGATIVE_INFINITY;
      for (const x of l.sample(rng, nEiCandidates)) {
        const ratio = l.logPdf(x) - g.logPdf(x);
        if (ratio > bestRatio) [best, bestRatio] = [x, ratio];
      }
      params[key] = isLog ? Math.min(hi0, Math.max(lo0, Math.exp(best))) : isInt ? Math.round(best) : best;
    }
    return params;
  }
}

registerEstimator(TpeSearchCV);
