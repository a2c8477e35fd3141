/**
 * Sorting of (value, index) pairs held in two parallel typed arrays, the way scikit-learn's splitter sorts a node's
 * feature values with their sample indices. Three-way partitioning keeps columns with many repeated values fast;
 * a heapsort fallback bounds the worst case.
 */

/** Sorts `values[start, end)` ascending in place, moving `indices` along. Order among equal values is unspecified. */
export function sortPairs(values: Float64Array, indices: Int32Array, start: number, end: number): void {
  if (end - start < 2) return;
  introsort(values, indices, start, end, 2 * Math.floor(Math.log2(end - start)));
}

const INSERTION_LIMIT = 16;

function introsort(v: Float64Array, s: Int32Array, lo: number, hi: number, depthLimit: number): void {
  while (hi - lo > INSERTION_LIMIT) {
    if (depthLimit-- === 0) {
      heapsort(v, s, lo, hi);
      return;
    }
    const a = v[lo]!;
    const b = v[(lo + hi) >>> 1]!;
    const c = v[hi - 1]!;
    const pivot = medianOfThree(a, b, c);
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i < gt) {
      const x = v[i]!;
      if (x < pivot) {
        const xs = s[i]!;
        v[i] = v[lt]!;
        s[i] = s[lt]!;
        v[lt] = x;
        s[lt] = xs;
        lt++;
        i++;
      } else if (x > pivot) {
        gt--;
        const xs = s[i]!;
        v[i] = v[gt]!;
        s[i] = s[gt]!;
        v[gt] = x;
        s[gt] = xs;
      } else i++;
    }
    // Recurse into the smaller side so the stack stays logarithmic.
    if (lt - lo < hi - gt) {
      introsort(v, s, lo, lt, depthLimit);
      lo = gt;
    } else {
      introsort(v, s, gt, hi, depthLimit);
      hi = lt;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const x = v[i]!;
    const xs = s[i]!;
    let j = i - 1;
    while (j >= lo && v[j]! > x) {
      v[j + 1] = v[j]!;
      s[j + 1] = s[j]!;
      j--;
    }
    v[j + 1] = x;
    s[j + 1] = xs;
  }
}

function heapsort(v: Float64Array, s: Int32Array, lo: number, hi: number): void {
  const n = hi - lo;
  for (let root = (n >>> 1) - 1; root >= 0; root--) siftDown(v, s, lo, root, n);
  for (let last = n - 1; last > 0; last--) {
    const x = v[lo]!;
    const xs = s[lo]!;
    v[lo] = v[lo + last]!;
    s[lo] = s[lo + last]!;
    v[lo + last] = x;
    s[lo + last] = xs;
    siftDown(v, s, lo, 0, last);
  }
}

function siftDown(v: Float64Array, s: Int32Array, lo: number, root: number, n: number): void {
  for (;;) {
    let child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && v[lo + child + 1]! > v[lo + child]!) child++;
    if (v[lo + root]! >= v[lo + child]!) return;
    const x = v[lo + root]!;
    const xs = s[lo + root]!;
    v[lo + root] = v[lo + child]!;
    s[lo + root] = s[lo + child]!;
    v[lo + child] = x;
    s[lo + child] = xs;
    root = child;
  }
}

function medianOfThree(a: number, b: number, c: number): number {
  // max(min(a, b), min(max(a, b), c)); NaN never reaches here (inputs are finite).
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
