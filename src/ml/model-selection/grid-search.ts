import { z } from "zod";
import { registerEstimator } from "../save-load.js";
import {
  BaseSearchCV,
  type EvaluateParams,
  type SearchOptions,
  type SearchParams,
  searchParamsShape,
} from "./base-search.js";
import { gridList, type ParamGrid, parameterGrid } from "./param-grid.js";

const gridSchema = z.record(z.string(), z.array(z.unknown()));

const paramsSchema = z
  .object({ ...searchParamsShape, paramGrid: z.union([gridSchema, z.array(gridSchema)]) })
  .strict()
  .superRefine((p, ctx) => {
    try {
      gridList(p.paramGrid as ParamGrid);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["paramGrid"], message: (e as Error).message });
    }
  });

/** Params of GridSearchCV. */
export interface GridSearchCVParams extends SearchParams {
  /** Values to try per param ("step__param" for pipelines); a list of grids explores each in turn. */
  paramGrid: ParamGrid;
}

/**
 * Exhaustive search over a param grid with cross-validation, like scikit-learn's GridSearchCV: candidates in
 * ParameterGrid order, cvResults with mean / std / rank per candidate and per split, the best refit on all data.
 */
export class GridSearchCV extends BaseSearchCV<GridSearchCVParams> {
  static override readonly kind = "GridSearchCV";
  static override readonly version = 1;

  /** `options.onProgress` is called after each (candidate, split) task; it is not a param (not saved). */
  constructor(params: Partial<GridSearchCVParams> = {}, options: SearchOptions = {}) {
    super(paramsSchema as unknown as z.ZodType<GridSearchCVParams>, params, options);
  }

  protected expectedCandidates(): number {
    return parameterGrid(this.params.paramGrid).length;
  }

  protected runSearch(evaluate: EvaluateParams): void {
    evaluate(parameterGrid(this.params.paramGrid));
  }
}

registerEstimator(GridSearchCV);
