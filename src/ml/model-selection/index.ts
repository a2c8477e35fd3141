export { BaseSearchCV, type SearchFitted, type SearchOptions, type SearchParams } from "./base-search.js";
export { type CvOption, checkCv, splitterFromSpec } from "./check-cv.js";
export {
  type CrossValidateOptions,
  type CrossValidateResult,
  crossValidate,
  crossValScore,
  type ErrorScore,
} from "./cross-validate.js";
export type { ParallelOptions, Progress } from "./cv-evaluator.js";
export { GridSearchCV, type GridSearchCVParams } from "./grid-search.js";
export { KFold, type KFoldOptions } from "./k-fold.js";
export { type Distribution, type ParamDistributions, sampleParameters } from "./param-distributions.js";
export { type ParamGrid, parameterGrid } from "./param-grid.js";
export { RandomizedSearchCV, type RandomizedSearchCVParams } from "./randomized-search.js";
export { getScorer, type Scorer, type Scoring, scorerNames } from "./scorers.js";
export type { CvResults, MetricResults } from "./search-results.js";
export { type CrossValidator, type CvSpec, isCrossValidator, type Split } from "./splitter.js";
export { StratifiedKFold, type StratifiedKFoldOptions } from "./stratified-k-fold.js";
export { TimeSeriesSplit, type TimeSeriesSplitOptions } from "./time-series-split.js";
export { TpeSearchCV, type TpeSearchCVParams } from "./tpe-search.js";
export { type TrainTestSplitOptions, type TrainTestSplitResult, trainTestSplit } from "./train-test-split.js";
export { shutdownCvWorkers } from "./worker-pool.js";
