// Public names of this area are exported here and re-exported by src/ml/index.ts.

export type { BoostedTrees } from "./boosted-trees.js";
export {
  HistGradientBoostingClassifier,
  type HistGradientBoostingClassifierParams,
} from "./hist-gradient-boosting-classifier.js";
export {
  HistGradientBoostingRegressor,
  type HistGradientBoostingRegressorParams,
} from "./hist-gradient-boosting-regressor.js";
export { RandomForestClassifier, type RandomForestClassifierParams } from "./random-forest-classifier.js";
export { RandomForestRegressor, type RandomForestRegressorParams } from "./random-forest-regressor.js";
