import { AppError, SeededRandom } from "../../core/index.js";
import type { Input, Label, Target } from "../estimator.js";
import { compareLabels, rowCount, takeRows, takeTarget } from "../validation.js";

/** Options of {@link trainTestSplit}. A size in (0, 1) is a fraction of the rows, an integer >= 1 a row count. */
export interface TrainTestSplitOptions {
  /** Default 0.25 when trainSize is not given either. */
  readonly testSize?: number;
  readonly trainSize?: number;
  /** Default true. */
  readonly shuffle?: boolean;
  /** Labels whose class shares both parts keep (needs shuffle). */
  readonly stratify?: Target;
  readonly seed?: number;
}

/** The two parts of a split, and the row indices each came from. */
export interface TrainTestSplitResult<Y extends Target | undefined> {
  readonly XTrain: Input;
  readonly XTest: Input;
  readonly yTrain: Y;
  readonly yTest: Y;
  readonly trainIndex: Int32Array;
  readonly testIndex: Int32Array;
}

function isFraction(v: number): boolean {
  return v > 0 && v < 1;
}

function checkSize(name: string, v: number | undefined, n: number): void {
  if (v === undefined) return;
  if (isFraction(v)) return;
  if (Number.isInteger(v) && v >= 1 && v < n) return;
  throw new AppError(
    "INVALID_INPUT",
    `${name}=${v} should be a fraction in (0, 1) or a row count in [1, ${n - 1}] (there are ${n} rows)`,
    [{ field: name, reason: "out of range" }],
  );
}

/** scikit-learn's _validate_shuffle_split: the train and test row counts. */
export function splitSizes(n: number, testSize: number | undefined, trainSize: number | undefined): [number, number] {
  const test = testSize === undefined && trainSize === undefined ? 0.25 : testSize;
  checkSize("testSize", test, n);
  checkSize("trainSize", trainSize, n);
  let nTest = test === undefined ? undefined : isFraction(test) ? Math.ceil(test * n) : test;
  let nTrain = trainSize === undefined ? undefined : isFraction(trainSize) ? Math.floor(trainSize * n) : trainSize;
  if (nTrain === undefined) nTrain = n - nTest!;
  if (nTest === undefined) nTest = n - nTrain;
  if (nTrain + nTest > n) {
    throw new AppError("INVALID_INPUT", `trainSize + testSize = ${nTrain + nTest} rows, more than the ${n} rows`);
  }
  if (nTrain === 0 || nTest === 0) {
    throw new AppError("INVALID_INPUT", `With ${n} rows and these sizes, one of the parts would be empty`);
  }
  return [nTrain, nTest];
}

/** scikit-learn's _approximate_mode: per-class draws closest to the class shares, remainders broken at random. */
function approximateMode(counts: Int32Array, draws: number, rng: SeededRandom): Int32Array {
  let total = 0;
  for (const c of counts) total += c;
  const out = new Int32Array(counts.length);
  const rest = new Float64Array(counts.length);
  let need = draws;
  for (let k = 0; k < counts.length; k++) {
    const continuous = (counts[k]! / total) * draws;
    out[k] = Math.floor(continuous);
    rest[k] = continuous - out[k]!;
    need -= out[k]!;
  }
  const values = [...new Set(rest)].sort((a, b) => b - a);
  for (const value of values) {
    if (need <= 0) break;
    const inds: number[] = [];
    for (let k = 0; k < rest.length; k++) if (rest[k] === value) inds.push(k);
    rng.shuffle(inds);
    const add = Math.min(inds.length, need);
    for (let q = 0; q < add; q++) out[inds[q]!]!++;
    need -= add;
  }
  return out;
}

function stratifiedIndices(
  labels: Target,
  n: number,
  nTrain: number,
  nTest: number,
  rng: SeededRandom,
): [Int32Array, Int32Array] {
  if (labels.length !== n) throw new AppError("INVALID_INPUT", `stratify has ${labels.length} values for ${n} rows`);
  const classes = [...new Set(Array.from(labels as ArrayLike<Label>))].sort(compareLabels);
  const index = new Map(classes.map((c, k) => [c, k]));
  const byClass: number[][] = classes.map(() => []);
  for (let i = 0; i < n; i++) byClass[index.get(labels[i] as Label)!]!.push(i);
  const counts = Int32Array.from(byClass.map((rows) => rows.length));
  if (counts.some((c) => c < 2)) {
    throw new AppError("INVALID_INPUT", "The least populated class in stratify has only 1 member; it needs 2");
  }
  if (nTrain < classes.length || nTest < classes.length) {
    throw new AppError("INVALID_INPUT", `Both parts need at least one row per class (${classes.length} classes)`);
  }
  const trainPer = approximateMode(counts, nTrain, rng);
  const left = counts.map((c, k) => c - trainPer[k]!);
  const testPer = approximateMode(left, nTest, rng);
  const train: number[] = [];
  const test: number[] = [];
  byClass.forEach((rows, k) => {
    const perm = rng.permutation(rows.length);
    for (let q = 0; q < trainPer[k]!; q++) train.push(rows[perm[q]!]!);
    for (let q = trainPer[k]!; q < trainPer[k]! + testPer[k]!; q++) test.push(rows[perm[q]!]!);
  });
  return [rng.shuffle(Int32Array.from(train)), rng.shuffle(Int32Array.from(test))];
}

/**
 * Splits X (any input) and y into random train and test parts, like scikit-learn's train_test_split: same size
 * rules (fractions round the test part up), optional stratification with scikit-learn's per-class counts, and
 * without shuffle the first rows train and the next ones test.
 */
export function trainTestSplit<Y extends Target | undefined = undefined>(
  X: Input,
  y?: Y,
  options: TrainTestSplitOptions = {},
): TrainTestSplitResult<Y> {
  const n = rowCount(X);
  if (y !== undefined && y.length !== n) {
    throw new AppError("INVALID_INPUT", `y has ${y.length} values but X has ${n} rows`);
  }
  const [nTrain, nTest] = splitSizes(n, options.testSize, options.trainSize);
  const shuffle = options.shuffle ?? true;
  const rng = new SeededRandom(options.seed ?? 0);
  let trainIndex: Int32Array;
  let testIndex: Int32Array;
  if (!shuffle) {
    if (options.stratify) throw new AppError("INVALID_INPUT", "Stratified splitting needs shuffle: true");
    trainIndex = Int32Array.from({ length: nTrain }, (_, k) => k);
    testIndex = Int32Array.from({ length: nTest }, (_, k) => nTrain + k);
  } else if (options.stratify) {
    [trainIndex, testIndex] = stratifiedIndices(options.stratify, n, nTrain, nTest, rng);
  } else {
    const perm = rng.permutation(n);
    testIndex = perm.slice(0, nTest);
    trainIndex = perm.slice(nTest, nTest + nTrain);
  }
  return {
    XTrain: takeRows(X, trainIndex),
    XTest: takeRows(X, testIndex),
    yTrain: (y === undefined ? undefined : takeTarget(y, trainIndex)) as Y,
    yTest: (y === undefined ? undefined : takeTarget(y, testIndex)) as Y,
    trainIndex,
    testIndex,
  };
}
