import { z } from "zod";
import { SeededRandom } from "../../core/index.js";
import { BaseEstimator, type Classifier, type Input, type Label, type Target } from "../estimator.js";
import { Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, checkWidth, encodeLabels, toMatrix } from "../validation.js";
import { accuracyFromProba, labelsFromProba } from "./class-probabilities.js";
import { type FlatTree, impurityDecrease, leafCount, normaliseInPlace, treeDepth } from "./flat-tree.js";
import { ENTROPY, GINI } from "./split-criteria.js";
import { TreeGrower } from "./tree-grower.js";
import {
  classSampleWeights,
  classWeightSchema,
  maxFeaturesSchema,
  resolveMaxDepth,
  resolveMaxFeatures,
} from "./tree-params.js";
import { accumulateTree, applyTree, float32Rows } from "./tree-prediction.js";
import { layoutFor, prepareTreeData } from "./tree-training-data.js";

const paramsSchema = z
  .object({
    criterion: z.enum(["gini", "entropy"]).default("gini"),
    maxDepth: z.number().int().min(1).nullable().default(null),
    minSamplesSplit: z.number().int().min(2).default(2),
    minSamplesLeaf: z.number().int().min(1).default(1),
    maxFeatures: maxFeaturesSchema.default(null),
    minImpurityDecrease: z.number().min(0).default(0),
    classWeight: classWeightSchema.default(null),
    seed: z.number().int().default(0),
  })
  .strict();

/** DecisionTreeClassifier params (scikit-learn 1.2 names in camelCase, same defaults; random_state is seed). */
export type DecisionTreeClassifierParams = z.infer<typeof paramsSchema>;

interface Fitted {
  readonly classes: Label[];
  readonly nFeatures: number;
  /** Leaf values are class probabilities. */
  readonly tree: FlatTree;
  readonly featureImportances: Float64Array;
}

/** A classification tree with scikit-learn's exact best splits (DecisionTreeClassifier). */
export class DecisionTreeClassifier
  extends BaseEstimator<DecisionTreeClassifierParams, Fitted>
  implements Classifier<DecisionTreeClassifierParams>
{
  static override readonly kind = "DecisionTreeClassifier";
  static override readonly version = 1;

  constructor(params: Partial<DecisionTreeClassifierParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, y?: Target): this {
    const m = toMatrix(X);
    checkNotEmpty(m.rows);
    const { classes, codes } = encodeLabels(y, m.rows);
    const p = this.params;
    const maxFeatures = resolveMaxFeatures(p.maxFeatures, m.cols);
    // Exact everywhere: few features per split sort ranks per node, many partition presorted rows.
    const data = prepareTreeData(
      m,
      { classes: codes, nClasses: classes.length },
      layoutFor(maxFeatures, m.cols, false),
    );
    const grower = new TreeGrower(data, {
      criterion: p.criterion === "gini" ? GINI : ENTROPY,
      maxDepth: resolveMaxDepth(p.maxDepth),
      minSamplesSplit: p.minSamplesSplit,
      minSamplesLeaf: p.minSamplesLeaf,
      maxFeatures,
      minImpurityDecrease: p.minImpurityDecrease,
    });
    const tree = grower.grow(classSampleWeights(p.classWeight, classes, codes), new SeededRandom(p.seed));
    const featureImportances = normaliseInPlace(impurityDecrease(tree, m.cols));
    this.fitted = { classes, nFeatures: m.cols, tree, featureImportances };
    return this;
  }

  predict(X: Input): Label[] {
    return labelsFromProba(this.predictProba(X), this.requireFitted().classes);
  }

  predictProba(X: Input): Matrix {
    const f = this.requireFitted();
    const m = toMatrix(X);
    checkWidth(m.cols, f.nFeatures);
    const out = new Matrix(m.rows, f.classes.length);
    accumulateTree(f.tree, float32Rows(m), m.rows, m.cols, 1, out.data);
    return out;
  }

  score(X: Input, y: Target): number {
    return accuracyFromProba(this.predictProba(X), this.requireFitted().classes, y);
  }

  /** The index of the leaf each row lands in. */
  apply(X: Input): Int32Array {
    const f = this.requireFitted();
    const m = toMatrix(X);
    checkWidth(m.cols, f.nFeatures);
    return applyTree(f.tree, float32Rows(m), m.rows, m.cols);
  }

  get classes(): readonly Label[] {
    return this.requireFitted().classes;
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

registerEstimator(DecisionTreeClassifier);
