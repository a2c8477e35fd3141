/**
 * A node's weighted class counts or target sums. Each loop is a function of its own: V8 optimises a long first
 * call on-stack, and code after the loop in the same function would then deoptimise on every later call.
 */

/** Weighted class counts of rows `rowsOf[start, end)` into `total` (zeroed first); returns the total weight. */
export function classTotals(
  rowsOf: Int32Array,
  start: number,
  end: number,
  y: Int32Array,
  w: Float64Array,
  total: Float64Array,
): number {
  total.fill(0);
  let wNode = 0;
  for (let p = start; p < end; p++) {
    const s = rowsOf[p]!;
    const ws = w[s]!;
    total[y[s]!]! += ws;
    wNode += ws;
  }
  return wNode;
}

/** Weighted sum and sum of squares of the rows' targets into out[0], out[1]; returns the total weight. */
export function targetTotals(
  rowsOf: Int32Array,
  start: number,
  end: number,
  t: Float64Array,
  w: Float64Array,
  out: Float64Array,
): number {
  let wNode = 0;
  let sum = 0;
  let sq = 0;
  for (let p = start; p < end; p++) {
    const s = rowsOf[p]!;
    const ws = w[s]!;
    const v = t[s]!;
    wNode += ws;
    sum += ws * v;
    sq += ws * v * v;
  }
  out[0] = sum;
  out[1] = sq;
  return wNode;
}
