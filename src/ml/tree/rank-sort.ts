/**
 * Sorting a node's rows by their precomputed rank in a feature (an integer below the row count) in linear time
 * instead of a comparison sort's log2(m) branchy passes: ranks are spread into as many buckets as there are rows
 * and a final insertion pass orders each (small) bucket. Skewed keys, where buckets would be large, fall back to a
 * least significant digit radix sort. This is what makes exact split search on small random-forest nodes cheap.
 */
export class RankSorter {
  private readonly keyBuffer: Int32Array;
  private readonly itemBuffer: Int32Array;
  private readonly counts: Int32Array;

  constructor(capacity: number) {
    this.keyBuffer = new Int32Array(capacity);
    this.itemBuffer = new Int32Array(capacity);
    this.counts = new Int32Array(Math.max(capacity, 1 << MAX_DIGIT_BITS));
  }

  /**
   * Sorts `keys[start, end)` ascending (all in [0, range]) and moves `items` along. Keys are distinct ranks, so
   * stability does not matter for the result.
   */
  sort(keys: Int32Array, items: Int32Array, start: number, end: number, range: number): void {
    const m = end - start;
    if (m <= INSERTION_LIMIT) {
      insertionSort(keys, items, start, end);
      return;
    }
    if (!this.bucketSort(keys, items, start, end, range)) this.radixSort(keys, items, start, end, range);
  }

  /** One scatter into m buckets, then insertion sort; false (nothing moved) when a bucket would be too full. */
  private bucketSort(keys: Int32Array, items: Int32Array, start: number, end: number, range: number): boolean {
    const m = end - start;
    const { counts, keyBuffer, itemBuffer } = this;
    const scale = m / (range + 1);
    counts.fill(0, 0, m);
    for (let p = start; p < end; p++) counts[(keys[p]! * scale) | 0]!++;
    let sum = 0;
    for (let b = 0; b < m; b++) {
      const c = counts[b]!;
      if (c > MAX_BUCKET) return false;
      counts[b] = sum;
      sum += c;
    }
    for (let p = start; p < end; p++) {
      const k = keys[p]!;
      const at = counts[(k * scale) | 0]!++;
      keyBuffer[at] = k;
      itemBuffer[at] = items[p]!;
    }
    for (let q = 0; q < m; q++) {
      const k = keyBuffer[q]!;
      const it = itemBuffer[q]!;
      let j = start + q - 1;
      while (j >= start && keys[j]! > k) {
        keys[j + 1] = keys[j]!;
        items[j + 1] = items[j]!;
        j--;
      }
      keys[j + 1] = k;
      items[j + 1] = it;
    }
    return true;
  }

  private radixSort(keys: Int32Array, items: Int32Array, start: number, end: number, range: number): void {
    const m = end - start;
    const bits = range > 0 ? 32 - Math.clz32(range) : 1;
    // Fewer, wider digits for big nodes; narrow digits keep the bucket array small for small nodes.
    let digitBits = Math.min(MAX_DIGIT_BITS, Math.max(4, 31 - Math.clz32(m)));
    const passes = Math.ceil(bits / digitBits);
    digitBits = Math.ceil(bits / passes);
    const buckets = 1 << digitBits;
    const mask = buckets - 1;
    const { counts } = this;
    let srcK = keys;
    let srcI = items;
    let srcOff = start;
    let dstK = this.keyBuffer;
    let dstI = this.itemBuffer;
    let dstOff = 0;
    for (let pass = 0, shift = 0; pass < passes; pass++, shift += digitBits) {
      counts.fill(0, 0, buckets);
      for (let p = srcOff; p < srcOff + m; p++) counts[(srcK[p]! >>> shift) & mask]!++;
      let sum = 0;
      for (let b = 0; b < buckets; b++) {
        const c = counts[b]!;
        counts[b] = sum;
        sum += c;
      }
      for (let p = srcOff; p < srcOff + m; p++) {
        const k = srcK[p]!;
        const at = dstOff + counts[(k >>> shift) & mask]!++;
        dstK[at] = k;
        dstI[at] = srcI[p]!;
      }
      const tk = srcK;
      const ti = srcI;
      const to = srcOff;
      srcK = dstK;
      srcI = dstI;
      srcOff = dstOff;
      dstK = tk;
      dstI = ti;
      dstOff = to;
    }
    if (srcK !== keys) {
      for (let q = 0; q < m; q++) {
        keys[start + q] = srcK[srcOff + q]!;
        items[start + q] = srcI[srcOff + q]!;
      }
    }
  }
}

const MAX_DIGIT_BITS = 11;
/** Buckets larger than this make the insertion pass quadratic: use the radix sort instead. */
const MAX_BUCKET = 16;
const INSERTION_LIMIT = 24;

function insertionSort(keys: Int32Array, items: Int32Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const k = keys[i]!;
    const it = items[i]!;
    let j = i - 1;
    while (j >= start && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      items[j + 1] = items[j]!;
      j--;
    }
    keys[j + 1] = k;
    items[j + 1] = it;
  }
}

/**
 * Copies the node's rows into `items` and their ranks (at `s * stride + offset`: row-major or column-major) into
 * `keys`, minus the smallest; returns the largest minus the smallest (0: the feature is constant in the node).
 */
export function gatherRanks(
  samples: Int32Array,
  start: number,
  end: number,
  ranks: Int32Array,
  stride: number,
  offset: number,
  keys: Int32Array,
  items: Int32Array,
  lowest: Int32Array,
): number {
  let lo = 0x7fffffff;
  let hi = -1;
  for (let p = start; p < end; p++) {
    const s = samples[p]!;
    const r = ranks[s * stride + offset]!;
    keys[p] = r;
    items[p] = s;
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  lowest[0] = lo;
  return hi - lo;
}

/** keys[start, end) -= by. */
export function shiftKeys(keys: Int32Array, start: number, end: number, by: number): void {
  for (let p = start; p < end; p++) keys[p]! -= by;
}
