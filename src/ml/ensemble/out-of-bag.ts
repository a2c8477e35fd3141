import type { FlatTree } from "../tree/flat-tree.js";
import { accumulateTreeAt } from "../tree/tree-prediction.js";

/**
 * Out-of-bag estimates: every tree predicts the rows its bootstrap sample left out (count 0), and those predictions
 * are summed per row, like scikit-learn's oob_score. X32 is the training X as float32 rows.
 */
export function accumulateOutOfBag(
  tree: FlatTree,
  X32: Float32Array,
  cols: number,
  counts: Float64Array,
  out: Float64Array,
  predictions: Float64Array,
): void {
  const rows = new Int32Array(counts.length);
  let n = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) {
      rows[n++] = i;
      predictions[i]!++;
    }
  }
  accumulateTreeAt(tree, X32, cols, rows, n, out);
}
