/**
 * numpy's default `argsort` (kind="quicksort": introsort with median-of-3 pivots, insertion sort below 16 items and a
 * heapsort fallback), reproduced step for step. It is not stable, and scikit-learn's max_features keeps the first
 * `limit` indices of `(-tf).argsort()`: only the same algorithm breaks frequency ties the same way.
 */

const SMALL_QUICKSORT = 15;

function msb(n: number): number {
  return n > 0 ? 31 - Math.clz32(n) : 0;
}

/** The permutation that sorts `v` ascending, with numpy's tie order. */
export function numpyArgsort(v: ArrayLike<number>): Int32Array {
  const num = v.length;
  const tosort = new Int32Array(num);
  for (let i = 0; i < num; i++) tosort[i] = i;
  if (num < 2) return tosort;
  const stack: number[] = [];
  const depths: number[] = [];
  let pl = 0;
  let pr = num - 1;
  let cdepth = msb(num) * 2;
  for (;;) {
    if (cdepth < 0) {
      heapsort(v, tosort, pl, pr - pl + 1);
    } else {
      while (pr - pl > SMALL_QUICKSORT) {
        const pm = pl + ((pr - pl) >> 1);
        if (v[tosort[pm]!]! < v[tosort[pl]!]!) swap(tosort, pm, pl);
        if (v[tosort[pr]!]! < v[tosort[pm]!]!) swap(tosort, pr, pm);
        if (v[tosort[pm]!]! < v[tosort[pl]!]!) swap(tosort, pm, pl);
        const vp = v[tosort[pm]!]!;
        let pi = pl;
        let pj = pr - 1;
        swap(tosort, pm, pj);
        for (;;) {
          do ++pi;
          while (v[tosort[pi]!]! < vp);
          do --pj;
          while (vp < v[tosort[pj]!]!);
          if (pi >= pj) break;
          swap(tosort, pi, pj);
        }
        swap(tosort, pi, pr - 1);
        // Push the larger partition, go on with the smaller one.
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depths.push(--cdepth);
      }
      for (let pi = pl + 1; pi <= pr; pi++) {
        const vi = tosort[pi]!;
        const vp = v[vi]!;
        let pj = pi;
        while (pj > pl && vp < v[tosort[pj - 1]!]!) {
          tosort[pj] = tosort[pj - 1]!;
          pj--;
        }
        tosort[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop()!;
    pl = stack.pop()!;
    cdepth = depths.pop()!;
  }
  return tosort;
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** numpy's aheapsort on tosort[start .. start + n), 1-based heap indexing as in the C code. */
function heapsort(v: ArrayLike<number>, tosort: Int32Array, start: number, n: number): void {
  const a = (k: number): number => tosort[start + k - 1]!;
  const set = (k: number, x: number): void => {
    tosort[start + k - 1] = x;
  };
  for (let l = n >> 1; l > 0; --l) {
    const tmp = a(l);
    let i = l;
    for (let j = l << 1; j <= n; ) {
      if (j < n && v[a(j)]! < v[a(j + 1)]!) j += 1;
      if (v[tmp]! < v[a(j)]!) {
        set(i, a(j));
        i = j;
        j += j;
      } else break;
    }
    set(i, tmp);
  }
  for (; n > 1; ) {
    const tmp = a(n);
    set(n, a(1));
    n -= 1;
    let i = 1;
    for (let j = 2; j <= n; ) {
      if (j < n && v[a(j)]! < v[a(j + 1)]!) j++;
      if (v[tmp]! < v[a(j)]!) {
        set(i, a(j));
        i = j;
        j += j;
      } else break;
    }
    set(i, tmp);
  }
}
