import { AppError } from "../../core/index.js";
import type { Input, Target } from "../estimator.js";
import { type CrossValidator, type CvSpec, checkInteger, type Split, sampleCount } from "./splitter.js";

/** Options of {@link TimeSeriesSplit} (scikit-learn's names and defaults). */
export interface TimeSeriesSplitOptions {
  readonly nSplits?: number;
  /** Keep only the last maxTrainSize rows before each test fold. */
  readonly maxTrainSize?: number | null;
  /** Rows per test fold; default n / (nSplits + 1). */
  readonly testSize?: number | null;
  /** Rows left out between the end of train and the start of test. */
  readonly gap?: number;
}

/**
 * Expanding-window splits for time-ordered rows, like scikit-learn's TimeSeriesSplit: every test fold comes
 * after its train rows, with the exact same indices as scikit-learn.
 */
export class TimeSeriesSplit implements CrossValidator {
  readonly nSplits: number;
  readonly maxTrainSize: number | null;
  readonly testSize: number | null;
  readonly gap: number;

  constructor(options: TimeSeriesSplitOptions = {}) {
    this.nSplits = checkInteger("nSplits", options.nSplits ?? 5, 2);
    this.maxTrainSize = options.maxTrainSize ?? null;
    this.testSize = options.testSize ?? null;
    this.gap = checkInteger("gap", options.gap ?? 0, 0);
    if (this.maxTrainSize !== null) checkInteger("maxTrainSize", this.maxTrainSize, 1);
    if (this.testSize !== null) checkInteger("testSize", this.testSize, 1);
  }

  split(X: Input | number, _y?: Target): Split[] {
    const n = sampleCount(X);
    const nFolds = this.nSplits + 1;
    const testSize = this.testSize ?? Math.floor(n / nFolds);
    if (nFolds > n) {
      throw new AppError(
        "INVALID_INPUT",
        `Cannot have number of folds=${nFolds} greater than the number of rows: ${n}`,
      );
    }
    if (n - this.gap - testSize * this.nSplits <= 0) {
      throw new AppError(
        "INVALID_INPUT",
        `Too many splits=${this.nSplits} for number of rows=${n} with testSize=${testSize} and gap=${this.gap}`,
      );
    }
    const range = (from: number, to: number): Int32Array => {
      const out = new Int32Array(Math.max(0, to - from));
      for (let k = 0; k < out.length; k++) out[k] = from + k;
      return out;
    };
    const splits: Split[] = [];
    for (let testStart = n - this.nSplits * testSize; testStart < n; testStart += testSize) {
      const trainEnd = testStart - this.gap;
      const trainStart = this.maxTrainSize && this.maxTrainSize < trainEnd ? trainEnd - this.maxTrainSize : 0;
      splits.push({ train: range(trainStart, trainEnd), test: range(testStart, Math.min(n, testStart + testSize)) });
    }
    return splits;
  }

  toSpec(): CvSpec {
    return {
      kind: "TimeSeriesSplit",
      nSplits: this.nSplits,
      maxTrainSize: this.maxTrainSize,
      testSize: this.testSize,
      gap: this.gap,
    };
  }
}
