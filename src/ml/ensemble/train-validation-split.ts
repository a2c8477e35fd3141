import type { SeededRandom } from "../../core/index.js";

/**
 * The held-out share for early stopping, like scikit-learn's train_test_split(test_size=fraction): ceil(fraction·n)
 * validation rows drawn at random, per class in proportion to its size when `strata` (class codes) are given.
 * Both index lists come back sorted.
 */
export function trainValidationSplit(
  n: number,
  fraction: number,
  strata: Int32Array | null,
  rng: SeededRandom,
): { train: Int32Array; validation: Int32Array } {
  const nValidation = Math.min(n - 1, Math.max(1, Math.ceil(fraction * n)));
  const isValidation = new Uint8Array(n);
  if (strata === null) {
    const order = rng.permutation(n);
    for (let k = 0; k < nValidation; k++) isValidation[order[k]!] = 1;
  } else {
    let k = 0;
    for (let i = 0; i < n; i++) k = Math.max(k, strata[i]! + 1);
    const members: number[][] = Array.from({ length: k }, () => []);
    for (let i = 0; i < n; i++) members[strata[i]!]!.push(i);
    // Largest-remainder allocation of the validation rows to classes (scikit-learn's _approximate_mode).
    const exact = members.map((m) => (m.length * nValidation) / n);
    const take = exact.map(Math.floor);
    let left = nValidation - take.reduce((a, b) => a + b, 0);
    const byRemainder = exact.map((e, c) => ({ c, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.c - b.c);
    for (const { c } of byRemainder) {
      if (left === 0) break;
      if (take[c]! < members[c]!.length) {
        take[c]!++;
        left--;
      }
    }
    members.forEach((rows, c) => {
      const shuffled = rng.shuffle(rows.slice());
      for (let j = 0; j < take[c]!; j++) isValidation[shuffled[j]!] = 1;
    });
  }
  const train = new Int32Array(n - nValidation);
  const validation = new Int32Array(nValidation);
  let t = 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    if (isValidation[i] === 1) validation[v++] = i;
    else train[t++] = i;
  }
  return { train, validation };
}
