import { z } from "zod";
import { BaseEstimator, type Input, type Regressor, type Target } from "../estimator.js";
import { r2Score } from "../metrics/index.js";
import { registerEstimator } from "../save-load.js";
import type { FlatTree } from "../tree/flat-tree.js";
import { SQUARED_ERROR } from "../tree/split-criteria.js";
import { maxFeaturesSchema, resolveMaxDepth, resolveMaxFeatures } from "../tree/tree-params.js";
import { accumulateTree, float32Rows } from "../tree/tree-prediction.js";
import { layoutFor, prepareTreeData } from "../tree/tree-training-data.js";
import { checkNotEmpty, checkWidth, toMatrix, toNumericTarget } from "../validation.js";
import { forestImportances, growForest } from "./forest-growth.js";
import { accumulateOutOfBag } from "./out-of-bag.js";

const paramsSchema = z
  .object({
    nEstimators: z.number().int().min(1).default(100),
    criterion: z.literal("squared_error").default("squared_error"),
    maxDepth: z.number().int().min(1).nullable().default(null),
    minSamplesSplit: z.number().int().min(2).default(2),
    minSamplesLeaf: z.number().int().min(1).default(1),
    /** scikit-learn 1.2's default 1.0: every feature at every split (bagged trees). */
    maxFeatures: maxFeaturesSchema.default(1),
    minImpurityDecrease: z.number().min(0).default(0),
    bootstrap: z.boolean().default(true),
    oobScore: z.boolean().default(false),
    /**
     * Not in scikit-learn: when few features are drawn per split (maxFeatures below half the columns), nodes with
     * more than 1024 rows search their splits on 256 quantile bins per feature (histograms: several times faster,
     * thresholds only between bins); smaller nodes, and forests drawing more features, are always exact. False
     * searches every node exactly, as scikit-learn does.
     */
    binnedSplits: z.boolean().default(true),
    seed: z.number().int().default(0),
  })
  .strict()
  .refine((p) => !p.oobScore || p.bootstrap, { message: "oobScore needs bootstrap", path: ["oobScore"] });

/** RandomForestRegressor params (scikit-learn 1.2 names in camelCase, same defaults; plus binnedSplits). */
export type RandomForestRegressorParams = z.infer<typeof paramsSchema>;

interface Fitted {
  readonly nFeatures: number;
  readonly trees: FlatTree[];
  readonly featureImportances: Float64Array;
  /** R² of the out-of-bag predictions, when oobScore. */
  readonly oobScore: number | null;
}

/** A random forest of exact best-split regression trees on bootstrap samples (RandomForestRegressor). */
export class RandomForestRegressor
  extends BaseEstimator<RandomForestRegressorParams, Fitted>
  implements Regressor<RandomForestRegressorParams>
{
  static override readonly kind = "RandomForestRegressor";
  static override readonly version = 1;

  constructor(params: Partial<RandomForestRegressorParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, y?: Target): this {
    const m = toMatrix(X);
    checkNotEmpty(m.rows);
    const target = toNumericTarget(y, m.rows);
    const p = this.params;
    const data = prepareTreeData(
      m,
      { target },
      layoutFor(resolveMaxFeatures(p.maxFeatures, m.cols), m.cols, p.binnedSplits),
    );
    const oob = p.oobScore ? new Float64Array(m.rows) : null;
    const oobCounts = new Float64Array(p.oobScore ? m.rows : 0);
    const m32 = p.oobScore ? float32Rows(m) : new Float32Array(0);
    const trees = growForest(
      data,
      {
        criterion: SQUARED_ERROR,
        maxDepth: resolveMaxDepth(p.maxDepth),
        minSamplesSplit: p.minSamplesSplit,
        minSamplesLeaf: p.minSamplesLeaf,
        maxFeatures: resolveMaxFeatures(p.maxFeatures, m.cols),
        minImpurityDecrease: p.minImpurityDecrease,
      },
      { nEstimators: p.nEstimators, bootstrap: p.bootstrap, seed: p.seed },
      (counts) => counts,
      oob ? (tree, counts) => accumulateOutOfBag(tree, m32, m.cols, counts!, oob, oobCounts) : undefined,
    );
    let oobScore: number | null = null;
    if (oob) {
      // Rows no tree left out predict 0, as in scikit-learn (which warns about them).
      for (let i = 0; i < m.rows; i++) oob[i]! /= Math.max(1, oobCounts[i]!);
      oobScore = r2Score(target, oob);
    }
    this.fitted = { nFeatures: m.cols, trees, featureImportances: forestImportances(trees, m.cols), oobScore };
    return this;
  }

  /** The mean of the trees' predictions. */
  predict(X: Input): Float64Array {
    const f = this.requireFitted();
    const m = toMatrix(X);
    checkWidth(m.cols, f.nFeatures);
    const out = new Float64Array(m.rows);
    const scale = 1 / f.trees.length;
    const rows = float32Rows(m);
    for (const tree of f.trees) accumulateTree(tree, rows, m.rows, m.cols, scale, out);
    return out;
  }

  score(X: Input, y: Target): number {
    const pred = this.predict(X);
    return r2Score(toNumericTarget(y, pred.length), pred);
  }

  /** Impurity-based importance of each feature averaged over the trees, summing to 1. */
  get featureImportances(): Float64Array {
    return this.requireFitted().featureImportances.slice();
  }

  /** R² on the out-of-bag rows (needs oobScore: true). */
  get oobScore(): number | null {
    return this.requireFitted().oobScore;
  }

  /** The fitted trees' arrays (read only). */
  get trees(): readonly FlatTree[] {
    return this.requireFitted().trees;
  }
}

registerEstimator(RandomForestRegressor);
