import { z } from "zod";
import { SeededRandom } from "../../core/index.js";
import { BaseEstimator, type Input, type Regressor, type Target } from "../estimator.js";
import { r2Score } from "../metrics/index.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, checkWidth, toMatrix, toNumericTarget } from "../validation.js";
import { type FlatTree, impurityDecrease, leafCount, normaliseInPlace, treeDepth } from "./flat-tree.js";
import { SQUARED_ERROR } from "./split-criteria.js";
import { TreeGrower } from "./tree-grower.js";
import { maxFeaturesSchema, resolveMaxDepth, resolveMaxFeatures } from "./tree-params.js";
import { accumulateTree, applyTree, float32Rows } from "./tree-prediction.js";
import { layoutFor, prepareTreeData } from "./tree-training-data.js";

const paramsSchema = z
  .object({
    criterion: z.literal("squared_error").default("squared_error"),
    maxDepth: z.number().int().min(1).nullable().default(null),
    minSamplesSplit: z.number().int().min(2).default(2),
    minSamplesLeaf: z.number().int().min(1).default(1),
    maxFeatures: maxFeaturesSchema.default(null),
    minImpurityDecrease: z.number().min(0).default(0),
    seed: z.number().int().default(0),
  })
  .strict();

/** DecisionTreeRegressor params (scikit-learn 1.2 names in camelCase, same defaults; random_state is seed). */
export type DecisionTreeRegressorParams = z.infer<typeof paramsSchema>;

interface Fitted {
  readonly nFeatures: number;
  /** Leaf values are the mean target of the leaf. */
  readonly tree: FlatTree;
  readonly featureImportances: Float64Array;
}

/** A regression tree with scikit-learn's exact best splits on squared error (DecisionTreeRegressor). */
export class DecisionTreeRegressor
  extends BaseEstimator<DecisionTreeRegressorParams, Fitted>
  implements Regressor<DecisionTreeRegressorParams>
{
  static override readonly kind = "DecisionTreeRegressor";
  static override readonly version = 1;

  constructor(params: Partial<DecisionTreeRegressorParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, y?: Target): this {
    const m = toMatrix(X);
    checkNotEmpty(m.rows);
    const target = toNumericTarget(y, m.rows);
    const p = this.params;
    const maxFeatures = resolveMaxFeatures(p.maxFeatures, m.cols);
    // Exact everywhere: few features per split sort ranks per node, many partition presorted rows.
    const data = prepareTreeData(m, { target }, layoutFor(maxFeatures, m.cols, false));
    const grower = new TreeGrower(data, {
      criterion: SQUARED_ERROR,
      maxDepth: resolveMaxDepth(p.maxDepth),
      minSamplesSplit: p.minSamplesSplit,
      minSamplesLeaf: p.minSamplesLeaf,
      maxFeatures,
      minImpurityDecrease: p.minImpurityDecrease,
    });
    const tree = grower.grow(null, new SeededRandom(p.seed));
    const featureImportances = normaliseInPlace(impurityDecrease(tree, m.cols));
    this.fitted = { nFeatures: m.cols, tree, featureImportances };
    return this;
  }

  predict(X: Input): Float64Array {
    const f = this.requireFitted();
    const m = toMatrix(X);
    checkWidth(m.cols, f.nFeatures);
    const out = new Float64Array(m.rows);
    accumulateTree(f.tree, float32Rows(m), m.rows, m.cols, 1, out);
    return out;
  }

  score(X: Input, y: Target): number {
    const pred = this.predict(X);
    return r2Score(toNumericTarget(y, pred.length), pred);
  }

  /** The index of the leaf each row lands in. */
  apply(X: Input): Int32Array {
    const f = this.requireFitted();
    const m = toMatrix(X);
    checkWidth(m.cols, f.nFeatures);
    return applyTree(f.tree, float32Rows(m), m.rows, m.cols);
  }

  /** Impurity-based importance of each feature, summing to 1 (scikit-learn's feature_importances_). */
  get featureImportances(): Float64Array {
    return this.requireFitted().featureImportances.slice();
  }

  /** The fitted tree's arrays (read only). */
  get tree(): FlatTree {
    return this.requireFitted().tree;
  }

  getDepth(): number {
    return treeDepth(this.requireFitted().tree);
  }

  getNLeaves(): number {
    return leafCount(this.requireFitted().tree);
  }
}

registerEstimator(DecisionTreeRegressor);
