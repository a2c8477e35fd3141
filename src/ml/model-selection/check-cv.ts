import { AppError } from "../../core/index.js";
import type { Target } from "../estimator.js";
import { KFold } from "./k-fold.js";
import { type CrossValidator, type CvSpec, isCrossValidator } from "./splitter.js";
import { StratifiedKFold } from "./stratified-k-fold.js";
import { TimeSeriesSplit } from "./time-series-split.js";

/** How to cross-validate: a number of folds, a splitter, or a splitter described as data. */
export type CvOption = number | CvSpec | CrossValidator;

/** The splitter described by a spec. */
export function splitterFromSpec(spec: CvSpec): CrossValidator {
  switch (spec.kind) {
    case "KFold":
      return new KFold(spec);
    case "StratifiedKFold":
      return new StratifiedKFold(spec);
    case "TimeSeriesSplit":
      return new TimeSeriesSplit(spec);
    default:
      throw new AppError("INVALID_INPUT", `Unknown splitter kind ${JSON.stringify((spec as { kind: unknown }).kind)}`);
  }
}

/** True when y looks like class labels (strings or integers), as scikit-learn's type_of_target would say. */
function isClassTarget(y: Target): boolean {
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v === "number" && !Number.isInteger(v)) return false;
  }
  return true;
}

/**
 * scikit-learn's check_cv: a number of folds means StratifiedKFold for a classifier with class labels, else
 * KFold (neither shuffled); specs and splitters are used as given.
 */
export function checkCv(cv: CvOption | undefined, classifier: boolean, y?: Target): CrossValidator {
  const value = cv ?? 5;
  if (typeof value === "number") {
    return classifier && y !== undefined && isClassTarget(y)
      ? new StratifiedKFold({ nSplits: value })
      : new KFold({ nSplits: value });
  }
  if (isCrossValidator(value)) return value;
  return splitterFromSpec(value);
}
