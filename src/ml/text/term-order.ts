import type { UnitPool } from "./feature-encoder.js";

/**
 * The order of a vocabulary by code point (Python's string order), computed with a multikey (three-way radix)
 * quicksort over one flat array of code units: several times faster than sorting the strings themselves, whose
 * comparisons dominate when many terms share prefixes.
 */

/** A UTF-16 code unit remapped so that unit order is code point order (surrogates above U+E000–U+FFFF). */
function rank(u: number): number {
  return u < 0xd800 ? u : u >= 0xe000 ? u - 0x800 : u + 0x2000;
}

const SMALL = 12;

/** The given feature indices (default: all) sorted by code point order of their texts (which must be distinct). */
export function codePointOrder(pool: UnitPool, ids?: Int32Array): Int32Array {
  const starts = pool.starts;
  const units = new Uint16Array(pool.units.length);
  for (let p = 0; p < units.length; p++) units[p] = rank(pool.units[p]!);
  const order = ids ? ids.slice() : Int32Array.from({ length: starts.length - 1 }, (_, i) => i);
  const n = order.length;
  // -1 past the end of a term: shorter terms sort first.
  const unit = (id: number, d: number): number => {
    const p = starts[id]! + d;
    return p < starts[id + 1]! ? units[p]! : -1;
  };
  const compareFrom = (a: number, b: number, d: number): number => {
    const sa = starts[a]!;
    const sb = starts[b]!;
    const la = starts[a + 1]! - sa;
    const lb = starts[b + 1]! - sb;
    const m = Math.min(la, lb);
    for (let k = d; k < m; k++) {
      const diff = units[sa + k]! - units[sb + k]!;
      if (diff !== 0) return diff;
    }
    return la - lb;
  };
  const sort = (lo: number, hi: number, d: number): void => {
    while (hi - lo > SMALL) {
      const pivot = unit(order[lo + ((hi - lo) >> 1)]!, d);
      let lt = lo;
      let gt = hi - 1;
      let i = lo;
      while (i <= gt) {
        const u = unit(order[i]!, d);
        if (u < pivot) {
          const t = order[lt]!;
          order[lt++] = order[i]!;
          order[i++] = t;
        } else if (u > pivot) {
          const t = order[gt]!;
          order[gt--] = order[i]!;
          order[i] = t;
        } else i++;
      }
      sort(lo, lt, d);
      sort(gt + 1, hi, d);
      // The middle part shares unit d: continue on the next unit (a term that ended there is alone: done).
      if (pivot < 0) return;
      lo = lt;
      hi = gt + 1;
      d++;
    }
    for (let i = lo + 1; i < hi; i++) {
      const v = order[i]!;
      let j = i;
      while (j > lo && compareFrom(order[j - 1]!, v, d) > 0) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = v;
    }
  };
  sort(0, n, 0);
  return order;
}
