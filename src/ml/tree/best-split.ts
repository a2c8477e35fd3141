/** The best split found so far in a node, reused from node to node (no allocation per node). */
export class BestSplit {
  proxy = Number.NEGATIVE_INFINITY;
  feature = -1;
  /** Position where the right child starts in the node's rows. */
  pos = 0;
  threshold = 0;
  /** Last bin going left, for splits found on bins. */
  bin = -1;
  /** Weight, weighted target sum and sum of squares of the left child. */
  wL = 0;
  sumL = 0;
  sqL = 0;
  /** Weighted class counts of the left child. */
  readonly left: Float64Array;

  constructor(nClasses: number) {
    this.left = new Float64Array(Math.max(1, nClasses));
  }

  reset(end: number): void {
    this.proxy = Number.NEGATIVE_INFINITY;
    this.feature = -1;
    this.pos = end;
    this.bin = -1;
  }
}

/** What the split search needs to know about the node being split. */
export interface NodeTotals {
  /** Total weight, weighted target sum and sum of squares (regression). */
  wNode: number;
  sumNode: number;
  sqNode: number;
  /** Weighted class counts (classification). */
  readonly total: Float64Array;
}
