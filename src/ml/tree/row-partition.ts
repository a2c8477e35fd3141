/**
 * Stable partitions of a node's rows into its children (left rows stay in front, both sides keep their order).
 * Each returns where the left rows end; rows going right wait in `scratch[0, end - that)` for the caller to copy
 * back with a builtin `set` (the loops stay alone in their functions, so V8's on-stack optimisation of a long first
 * call never meets untried code after the loop).
 */

/** Rows whose rank (at `s * stride + offset`) is at most `cut` go left. */
export function splitByRank(
  samples: Int32Array,
  start: number,
  end: number,
  ranks: Int32Array,
  stride: number,
  offset: number,
  cut: number,
  scratch: Int32Array,
): number {
  let l = start;
  let r = 0;
  for (let p = start; p < end; p++) {
    const s = samples[p]!;
    if (ranks[s * stride + offset]! <= cut) samples[l++] = s;
    else scratch[r++] = s;
  }
  return l;
}

/** Rows whose bin (column-major at `offset + s`) is at most `bin` go left. */
export function splitByBin(
  samples: Int32Array,
  start: number,
  end: number,
  binned: Uint8Array,
  offset: number,
  bin: number,
  scratch: Int32Array,
): number {
  let l = start;
  let r = 0;
  for (let p = start; p < end; p++) {
    const s = samples[p]!;
    if (binned[offset + s]! <= bin) samples[l++] = s;
    else scratch[r++] = s;
  }
  return l;
}

/** Presorted segment [from, to) of rows and their ranks: rows flagged in `goLeft` go left. */
export function splitByFlag(
  idx: Int32Array,
  rk: Int32Array,
  from: number,
  to: number,
  goLeft: Uint8Array,
  scratch: Int32Array,
  scratchRanks: Int32Array,
): number {
  let l = from;
  let r = 0;
  for (let p = from; p < to; p++) {
    const s = idx[p]!;
    const v = rk[p]!;
    if (goLeft[s] === 1) {
      idx[l] = s;
      rk[l++] = v;
    } else {
      scratch[r] = s;
      scratchRanks[r++] = v;
    }
  }
  return l;
}

/** Sets goLeft[idx[p]] = flag for p in [from, to). */
export function flagRows(goLeft: Uint8Array, idx: Int32Array, from: number, to: number, flag: number): void {
  for (let p = from; p < to; p++) goLeft[idx[p]!] = flag;
}
