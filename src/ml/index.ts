/**
 * atelier/ml — the learning library: scikit-learn's estimator contract in TypeScript. Pure: numbers in, numbers
 * out; no file system, database or network.
 */

export * from "./cluster/index.js";
export * from "./compose/index.js";
export * from "./ensemble/index.js";
export {
  BaseEstimator,
  type Classifier,
  type Estimator,
  type EstimatorClass,
  type Input,
  isEstimator,
  type Label,
  type Regressor,
  type SavedModel,
  type Target,
  type Transformer,
  type TransformOutput,
} from "./estimator.js";
export { type Cell, Frame } from "./frame.js";
export * from "./linalg/index.js";
export * from "./linear/index.js";
export { CsrMatrix, Matrix } from "./matrix.js";
export * from "./metrics/index.js";
export * from "./model-selection/index.js";
export * from "./naive-bayes/index.js";
export * from "./neural/index.js";
export * from "./preprocessing/index.js";
export { decodeValue, encodeValue, loadModel, registerEstimator, registeredKinds } from "./save-load.js";
export * from "./text/index.js";
export * from "./tree/index.js";
