/**
 * Outlier tagging, per vegetable (never global: tomatoes sell ten times more than brussels sprouts, so a global
 * threshold would flag every tomato week and no sprout week). A weekly sale is an outlier when it lies beyond
 * mean ± k × sample standard deviation of the same vegetable's weekly sales (k = 5 by default).
 */

/** Mean and sample standard deviation (n - 1); the deviation is 0 for fewer than two values. */
export function meanAndSampleStd(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, std: 0 };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  if (n < 2) return { mean, std: 0 };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(ss / (n - 1)) };
}

/** One flag per value: true when the value is beyond mean ± k·std of all the values. */
export function tagOutliers(values: ArrayLike<number>, k = 5): boolean[] {
  const { mean, std } = meanAndSampleStd(values);
  const flags = new Array<boolean>(values.length);
  for (let i = 0; i < values.length; i++) flags[i] = std > 0 && Math.abs(values[i]! - mean) > k * std;
  return flags;
}
