/**
 * atelier/ml — the learning library: scikit-learn's estimator contract in TypeScript. Pure: numbers in, numbers
 * out; no file system, database or network.
 */
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
} from "./estimator.js";
export { type Cell, Frame } from "./frame.js";
export { CsrMatrix, Matrix } from "./matrix.js";
export { StandardScaler, type StandardScalerParams } from "./preprocessing/standard-scaler.js";
export { decodeValue, encodeValue, loadModel, registeredKinds, registerEstimator } from "./save-load.js";
