import { type Dataset, loadDataset, readFixture } from "../../../test/fixtures/datasets.js";
import type { Estimator, Label } from "../estimator.js";
import { Matrix } from "../matrix.js";

/** Test support: the scikit-learn reference results of scripts/sklearn/trees.py and the same train/test splits. */

export interface TreeResult {
  readonly score: number;
  readonly predictions?: number[];
  readonly nodeCount?: number;
  readonly featureImportances?: number[];
  /** Held-out scores of scikit-learn with random_state 0..5 (ties between features depend on it). */
  readonly seedScores?: number[];
  /** Agreement of random_state 0's test predictions with random_state 1..5. */
  readonly seedAgreement?: number[];
  readonly oobScore?: number;
}

interface TreesFixture {
  readonly generated: { X: number[][]; yClass: number[]; yRegression: number[] };
  /** Flat indices (row * 10 + column) of the generated X that are NaN in the "_missing" sets. */
  readonly missing: number[];
  readonly splits: Record<string, number[]>;
  readonly results: Record<string, Record<string, TreeResult>>;
}

/** The data sets of the fixture. */
export type DatasetName =
  | "iris"
  | "breast_cancer"
  | "wine"
  | "generated"
  | "diabetes"
  | "generated_regression"
  | "generated_missing"
  | "generated_regression_missing";

/** Classification data sets, then regression ones. */
export const CLASSIFICATION_SETS: readonly DatasetName[] = ["iris", "breast_cancer", "wine", "generated"];
export const REGRESSION_SETS: readonly DatasetName[] = ["diabetes", "generated_regression"];

let fixture: TreesFixture | undefined;

/** The parsed fixture (read once). */
export function treesFixture(): TreesFixture {
  fixture ??= readFixture<TreesFixture>("sklearn/trees.json");
  return fixture;
}

/** Train and test parts of a data set, split exactly as the Python script did. */
export function parityData(name: DatasetName): {
  Xtrain: Matrix;
  ytrain: Label[];
  Xtest: Matrix;
  ytest: Label[];
} {
  const fx = treesFixture();
  let X: Matrix;
  let y: Label[];
  if (name.startsWith("generated")) {
    X = Matrix.fromRows(fx.generated.X);
    y = name.startsWith("generated_regression") ? fx.generated.yRegression : fx.generated.yClass;
    if (name.endsWith("_missing")) for (const p of fx.missing) X.data[p] = Number.NaN;
  } else {
    const d: Dataset = loadDataset(name as "iris" | "breast_cancer" | "wine" | "diabetes");
    X = d.X;
    y = d.y;
  }
  const test = fx.splits[name]!;
  const inTest = new Set(test);
  const train: number[] = [];
  for (let i = 0; i < X.rows; i++) if (!inTest.has(i)) train.push(i);
  return {
    Xtrain: X.selectRows(train),
    ytrain: train.map((i) => y[i]!),
    Xtest: X.selectRows(test),
    ytest: test.map((i) => y[i]!),
  };
}

/** Fits on the train split and scores on the test split. */
export function heldOutScore(
  make: () => Estimator & { score(X: Matrix, y: Label[]): number },
  name: DatasetName,
): number {
  const { Xtrain, ytrain, Xtest, ytest } = parityData(name);
  return make().fit(Xtrain, ytrain).score(Xtest, ytest);
}
