import { AppError, SeededRandom } from "../../core/index.js";
import type { Input, Label, Target } from "../estimator.js";
import { type CrossValidator, type CvSpec, checkInteger, complement, type Split, sampleCount } from "./splitter.js";

/** Options of {@link StratifiedKFold}. */
export interface StratifiedKFoldOptions {
  readonly nSplits?: number;
  readonly shuffle?: boolean;
  /** Seed of the shuffle (used only when shuffle is true). */
  readonly seed?: number;
}

/**
 * K folds keeping each class's share, like scikit-learn's StratifiedKFold: classes (in order of first
 * appearance) are dealt round-robin over the sorted labels, so each fold's class counts are exactly
 * scikit-learn's, and without shuffle the indices are identical too.
 */
export class StratifiedKFold implements CrossValidator {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly seed: number;

  constructor(options: StratifiedKFoldOptions = {}) {
    this.nSplits = checkInteger("nSplits", options.nSplits ?? 5, 2);
    this.shuffle = options.shuffle ?? false;
    this.seed = options.seed ?? 0;
  }

  split(X: Input | number, y?: Target): Split[] {
    const n = sampleCount(X);
    if (y === undefined) throw new AppError("INVALID_INPUT", "StratifiedKFold needs y to split");
    if (y.length !== n) throw new AppError("INVALID_INPUT", `y has ${y.length} values but X has ${n} rows`);
    if (this.nSplits > n) {
      throw new AppError("INVALID_INPUT", `Cannot have nSplits=${this.nSplits} greater than the number of rows: ${n}`);
    }
    const k = this.nSplits;
    // Classes numbered by first appearance, like scikit-learn's y_encoded.
    const order = new Map<Label, number>();
    const encoded = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const label = y[i] as Label;
      let c = order.get(label);
      if (c === undefined) {
        c = order.size;
        order.set(label, c);
      }
      encoded[i] = c;
    }
    const nClasses = order.size;
    const counts = new Int32Array(nClasses);
    for (let i = 0; i < n; i++) counts[encoded[i]!]!++;
    if (counts.every((c) => c < k)) {
      throw new AppError("INVALID_INPUT", `nSplits=${k} cannot be greater than the number of members in each class`);
    }
    // allocation[f][c]: how many rows of class c go to test fold f — round robin over the sorted encoded labels.
    const allocation = new Int32Array(k * nClasses);
    let p = 0;
    for (let c = 0; c < nClasses; c++) {
      for (let r = 0; r < counts[c]!; r++, p++) allocation[(p % k) * nClasses + c]!++;
    }
    const rng = new SeededRandom(this.seed);
    const testFold = new Int32Array(n);
    for (let c = 0; c < nClasses; c++) {
      const folds = new Int32Array(counts[c]!);
      let q = 0;
      for (let f = 0; f < k; f++) for (let r = 0; r < allocation[f * nClasses + c]!; r++) folds[q++] = f;
      if (this.shuffle) rng.shuffle(folds);
      q = 0;
      for (let i = 0; i < n; i++) if (encoded[i] === c) testFold[i] = folds[q++]!;
    }
    const splits: Split[] = [];
    for (let f = 0; f < k; f++) {
      const test: number[] = [];
      for (let i = 0; i < n; i++) if (testFold[i] === f) test.push(i);
      const t = Int32Array.from(test);
      splits.push({ train: complement(n, t), test: t });
    }
    return splits;
  }

  toSpec(): CvSpec {
    return { kind: "StratifiedKFold", nSplits: this.nSplits, shuffle: this.shuffle, seed: this.seed };
  }
}
