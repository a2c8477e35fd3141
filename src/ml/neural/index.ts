// Public names of this area are exported here and re-exported by src/ml/index.ts.
export type { HiddenActivation, OutputActivation } from "./activations.js";
export { MLPClassifier } from "./mlp-classifier.js";
export type { MlpParams } from "./mlp-params.js";
export { MLPRegressor } from "./mlp-regressor.js";
