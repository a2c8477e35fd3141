import { SeededRandom } from "../../core/index.js";
import { type FlatTree, impurityDecrease, normaliseInPlace } from "../tree/flat-tree.js";
import { type GrowOptions, TreeGrower } from "../tree/tree-grower.js";
import type { TreeTrainingData } from "../tree/tree-training-data.js";

/** How the trees of a forest are drawn. */
export interface ForestSettings {
  readonly nEstimators: number;
  readonly bootstrap: boolean;
  readonly seed: number;
}

/**
 * Grows the trees of a random forest on one shared data layout (column-major X and per-feature row orders are
 * built once, buffers are reused). Each tree gets its own generator forked from the seed, a bootstrap sample as
 * integer weights (rows drawn k times weigh k, undrawn rows weigh 0, like scikit-learn), and `weightsFor` may turn
 * those counts into final sample weights (class weights). `onTree` sees every tree with its bootstrap counts, for
 * out-of-bag estimates.
 */
export function growForest(
  data: TreeTrainingData,
  options: GrowOptions,
  settings: ForestSettings,
  weightsFor: (counts: Float64Array | null) => Float64Array | null,
  onTree?: (tree: FlatTree, counts: Float64Array | null) => void,
): FlatTree[] {
  const grower = new TreeGrower(data, options);
  const rng = new SeededRandom(settings.seed);
  const n = data.rows;
  const counts = settings.bootstrap ? new Float64Array(n) : null;
  const trees: FlatTree[] = [];
  for (let t = 0; t < settings.nEstimators; t++) {
    const treeRng = rng.fork();
    if (counts) {
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[treeRng.int(n)]!++;
    }
    const tree = grower.grow(weightsFor(counts), treeRng);
    trees.push(tree);
    onTree?.(tree, counts);
  }
  return trees;
}

/** Mean of the trees' normalised importances (trees that are a lone leaf do not count), normalised again. */
export function forestImportances(trees: readonly FlatTree[], nFeatures: number): Float64Array {
  const sum = new Float64Array(nFeatures);
  for (const tree of trees) {
    if (tree.nodeCount <= 1) continue;
    const imp = normaliseInPlace(impurityDecrease(tree, nFeatures));
    for (let f = 0; f < nFeatures; f++) sum[f]! += imp[f]!;
  }
  return normaliseInPlace(sum);
}
