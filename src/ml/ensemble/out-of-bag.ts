import type { Matrix } from "../matrix.js";
import { accumulateTreeAt, type FlatTree } from "../tree/flat-tree.js";

/**
 * Out-of-bag estimates: every tree predicts the rows its bootstrap sample left out (count 0), and those predictions
 * are summed per row, like scikit-learn's oob_score.
 */
export function accumulateOutOfBag(
  tree: FlatTree,
  X: Matrix,
  counts: Float64Array,
  out: Float64Array,
  predictions: Float64Array,
): void {
  const rows = new Int32Array(X.rows);
  let n = 0;
  for (let i = 0; i < X.rows; i++) {
    if (counts[i] === 0) {
      rows[n++] = i;
      predictions[i]!++;
    }
  }
  accumulateTreeAt(tree, X.data, X.cols, rows, n, out);
}
