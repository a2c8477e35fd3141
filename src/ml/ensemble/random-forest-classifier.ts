import { z } from "zod";
import { BaseEstimator, type Classifier, type Input, type Label, type Target } from "../estimator.js";
import { Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { accuracyFromProba, argmaxRows, labelsFromProba } from "../tree/class-probabilities.js";
import type { FlatTree } from "../tree/flat-tree.js";
import { ENTROPY, GINI } from "../tree/split-criteria.js";
import {
  classWeightSchema,
  classWeights,
  maxFeaturesSchema,
  resolveMaxDepth,
  resolveMaxFeatures,
} from "../tree/tree-params.js";
import { accumulateTree, float32Rows } from "../tree/tree-prediction.js";
import { layoutFor, prepareTreeData } from "../tree/tree-training-data.js";
import { checkNotEmpty, checkWidth, encodeLabels, toMatrix } from "../validation.js";
import { forestImportances, growForest } from "./forest-growth.js";
import { accumulateOutOfBag } from "./out-of-bag.js";

const paramsSchema = z
  .object({
    nEstimators: z.number().int().min(1).default(100),
    criterion: z.enum(["gini", "entropy"]).default("gini"),
    maxDepth: z.number().int().min(1).nullable().default(null),
    minSamplesSplit: z.number().int().min(2).default(2),
    minSamplesLeaf: z.number().int().min(1).default(1),
    maxFeatures: maxFeaturesSchema.default("sqrt"),
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
    /** As for trees, plus "balanced_subsample": balanced on each tree's bootstrap sample. */
    classWeight: z.union([classWeightSchema, z.literal("balanced_subsample")]).default(null),
    seed: z.number().int().default(0),
  })
  .strict()
  .refine((p) => !p.oobScore || p.bootstrap, { message: "oobScore needs bootstrap", path: ["oobScore"] });

/** RandomForestClassifier params (scikit-learn 1.2 names in camelCase, same defaults; plus binnedSplits). */
export type RandomForestClassifierParams = z.infer<typeof paramsSchema>;

interface Fitted {
  readonly classes: Label[];
  readonly nFeatures: number;
  /** Leaf values are class probabilities. */
  readonly trees: FlatTree[];
  readonly featureImportances: Float64Array;
  /** Accuracy of the out-of-bag predictions, when oobScore. */
  readonly oobScore: number | null;
}

/** A random forest of exact best-split classification trees on bootstrap samples (RandomForestClassifier). */
export class RandomForestClassifier
  extends BaseEstimator<RandomForestClassifierParams, Fitted>
  implements Classifier<RandomForestClassifierParams>
{
  static override readonly kind = "RandomForestClassifier";
  static override readonly version = 1;

  constructor(params: Partial<RandomForestClassifierParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, y?: Target): this {
    const m = toMatrix(X);
    checkNotEmpty(m.rows);
    const { classes, codes } = encodeLabels(y, m.rows);
    const p = this.params;
    const k = classes.length;
    const data = prepareTreeData(
      m,
      { classes: codes, nClasses: k },
      layoutFor(resolveMaxFeatures(p.maxFeatures, m.cols), m.cols, p.binnedSplits),
    );
    const fixedClassWeights =
      p.classWeight === null || p.classWeight === "balanced_subsample"
        ? null
        : classWeights(p.classWeight, classes, codes);
    const weights = new Float64Array(m.rows);
    const weightsFor = (counts: Float64Array | null): Float64Array | null => {
      if (counts === null && fixedClassWeights === null) return null;
      let perClass = fixedClassWeights;
      if (p.classWeight === "balanced_subsample") perClass = balancedOnSample(codes, counts, k);
      for (let i = 0; i < m.rows; i++) {
        weights[i] = (counts ? counts[i]! : 1) * (perClass ? perClass[codes[i]!]! : 1);
      }
      return weights;
    };
    const oob = p.oobScore ? new Matrix(m.rows, k) : null;
    const oobCounts = new Float64Array(p.oobScore ? m.rows : 0);
    const m32 = p.oobScore ? float32Rows(m) : new Float32Array(0);
    const trees = growForest(
      data,
      {
        criterion: p.criterion === "gini" ? GINI : ENTROPY,
        maxDepth: resolveMaxDepth(p.maxDepth),
        minSamplesSplit: p.minSamplesSplit,
        minSamplesLeaf: p.minSamplesLeaf,
        maxFeatures: resolveMaxFeatures(p.maxFeatures, m.cols),
        minImpurityDecrease: p.minImpurityDecrease,
      },
      { nEstimators: p.nEstimators, bootstrap: p.bootstrap, seed: p.seed },
      weightsFor,
      oob ? (tree, counts) => accumulateOutOfBag(tree, m32, m.cols, counts!, oob.data, oobCounts) : undefined,
    );
    let oobScore: number | null = null;
    if (oob) {
      const predicted = argmaxRows(oob);
      let hits = 0;
      for (let i = 0; i < m.rows; i++) if (predicted[i] === codes[i]) hits++;
      oobScore = hits / m.rows;
    }
    this.fitted = { classes, nFeatures: m.cols, trees, featureImportances: forestImportances(trees, m.cols), oobScore };
    return this;
  }

  predict(X: Input): Label[] {
    return labelsFromProba(this.predictProba(X), this.requireFitted().classes);
  }

  /** The mean of the trees' class probabilities. */
  predictProba(X: Input): Matrix {
    const f = this.requireFitted();
    const m = toMatrix(X);
    checkWidth(m.cols, f.nFeatures);
    const out = new Matrix(m.rows, f.classes.length);
    const scale = 1 / f.trees.length;
    const rows = float32Rows(m);
    for (const tree of f.trees) accumulateTree(tree, rows, m.rows, m.cols, scale, out.data);
    return out;
  }

  score(X: Input, y: Target): number {
    return accuracyFromProba(this.predictProba(X), this.requireFitted().classes, y);
  }

  get classes(): readonly Label[] {
    return this.requireFitted().classes;
  }

  /** Impurity-based importance of each feature averaged over the trees, summing to 1. */
  get featureImportances(): Float64Array {
    return this.requireFitted().featureImportances.slice();
  }

  /** Accuracy on the out-of-bag rows (needs oobScore: true). */
  get oobScore(): number | null {
    return this.requireFitted().oobScore;
  }

  /** The fitted trees' arrays (read only). */
  get trees(): readonly FlatTree[] {
    return this.requireFitted().trees;
  }
}

/** scikit-learn's "balanced_subsample": balanced class weights computed on the bootstrap sample's counts. */
function balancedOnSample(codes: Int32Array, counts: Float64Array | null, k: number): Float64Array {
  const perClass = new Float64Array(k);
  let n = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = counts ? counts[i]! : 1;
    perClass[codes[i]!]! += c;
    n += c;
  }
  for (let j = 0; j < k; j++) perClass[j] = perClass[j]! > 0 ? n / (k * perClass[j]!) : 1;
  return perClass;
}

registerEstimator(RandomForestClassifier);
