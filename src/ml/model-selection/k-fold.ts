import { AppError, SeededRandom } from "../../core/index.js";
import type { Input, Target } from "../estimator.js";
import { type CrossValidator, type CvSpec, checkInteger, complement, type Split, sampleCount } from "./splitter.js";

/** Options of {@link KFold}. */
export interface KFoldOptions {
  readonly nSplits?: number;
  readonly shuffle?: boolean;
  /** Seed of the shuffle (used only when shuffle is true). */
  readonly seed?: number;
}

/**
 * K consecutive folds (the first n % k folds one row larger), like scikit-learn's KFold; without shuffle the
 * indices are exactly scikit-learn's. Train and test indices are ascending.
 */
export class KFold implements CrossValidator {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly seed: number;

  constructor(options: KFoldOptions = {}) {
    this.nSplits = checkInteger("nSplits", options.nSplits ?? 5, 2);
    this.shuffle = options.shuffle ?? false;
    this.seed = options.seed ?? 0;
  }

  split(X: Input | number, _y?: Target): Split[] {
    const n = sampleCount(X);
    if (this.nSplits > n) {
      throw new AppError("INVALID_INPUT", `Cannot have nSplits=${this.nSplits} greater than the number of rows: ${n}`);
    }
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (this.shuffle) new SeededRandom(this.seed).shuffle(order);
    const splits: Split[] = [];
    let start = 0;
    for (let f = 0; f < this.nSplits; f++) {
      const size = Math.floor(n / this.nSplits) + (f < n % this.nSplits ? 1 : 0);
      const test = order.slice(start, start + size).sort();
      splits.push({ train: complement(n, test), test });
      start += size;
    }
    return splits;
  }

  toSpec(): CvSpec {
    return { kind: "KFold", nSplits: this.nSplits, shuffle: this.shuffle, seed: this.seed };
  }
}
