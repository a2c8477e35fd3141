import { AppError } from "../../core/index.js";
import type { Label } from "../estimator.js";
import { Matrix } from "../matrix.js";
import { labelIndex, uniqueLabels } from "./labels.js";

/** Options of {@link logLoss}. */
export interface LogLossOptions {
  /**
   * Probabilities are clipped to [eps, 1 - eps]. "auto" (the default, like scikit-learn 1.2) is the float64
   * machine epsilon, 2.22e-16; scikit-learn before 1.2 used 1e-15.
   */
  readonly eps?: number | "auto";
  /** Mean loss per sample (default) or the sum. */
  readonly normalize?: boolean;
  /** The classes of the yProba columns (sorted); default the sorted labels of yTrue. */
  readonly labels?: readonly Label[];
}

/**
 * Cross-entropy of predicted probabilities, like sklearn.metrics.log_loss: `yProba` has one column per class in
 * sorted label order, or is the probability of the greater label of a binary problem. Rows are clipped then
 * renormalised, exactly as scikit-learn does.
 */
export function logLoss(
  yTrue: ArrayLike<Label>,
  yProba: Matrix | ArrayLike<number>,
  options: LogLossOptions = {},
): number {
  const n = yTrue.length;
  if (n === 0) throw new AppError("INVALID_INPUT", "Metrics need at least one value");
  const rows = yProba instanceof Matrix ? yProba.rows : yProba.length;
  if (rows !== n) throw new AppError("INVALID_INPUT", `yTrue has ${n} values but yProba has ${rows} rows`);
  const eps = options.eps === undefined || options.eps === "auto" ? Number.EPSILON : options.eps;
  const classes = options.labels ? uniqueLabels(options.labels) : uniqueLabels(yTrue);
  if (classes.length < 2) {
    throw new AppError(
      "INVALID_INPUT",
      options.labels
        ? "labels needs at least two labels for logLoss"
        : `yTrue contains only one label (${JSON.stringify(classes[0])}): give the labels option`,
    );
  }
  const index = labelIndex(classes);
  const proba = asProbaMatrix(yProba, eps);
  const k = proba.cols;
  if (k !== classes.length) {
    throw new AppError(
      "INVALID_INPUT",
      `There are ${classes.length} classes (${JSON.stringify(classes)}) but yProba has ${k} columns`,
    );
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = index.get(yTrue[i]!);
    if (c === undefined) {
      throw new AppError("INVALID_INPUT", `yTrue[${i}] is ${JSON.stringify(yTrue[i])}, not one of the labels`);
    }
    let rowSum = 0;
    for (let j = 0; j < k; j++) rowSum += proba.data[i * k + j]!;
    total += -Math.log(proba.data[i * k + c]! / rowSum);
  }
  return options.normalize === false ? total : total / n;
}

function asProbaMatrix(yProba: Matrix | ArrayLike<number>, eps: number): Matrix {
  const clip = (v: number, where: string): number => {
    if (!Number.isFinite(v)) throw new AppError("INVALID_INPUT", `yProba ${where} is ${v}, expected a probability`);
    return v < eps ? eps : Math.min(v, 1 - eps);
  };
  const src = yProba instanceof Matrix ? yProba : new Matrix(yProba.length, 1, Float64Array.from(yProba));
  const n = src.rows;
  if (src.cols === 1) {
    const out = new Matrix(n, 2);
    for (let i = 0; i < n; i++) {
      const p = clip(src.data[i]!, `row ${i}`);
      out.data[2 * i] = 1 - p;
      out.data[2 * i + 1] = p;
    }
    return out;
  }
  const out = new Matrix(n, src.cols);
  for (let p = 0; p < src.data.length; p++) {
    out.data[p] = clip(src.data[p]!, `row ${Math.floor(p / src.cols)}, column ${p % src.cols}`);
  }
  return out;
}
