// Public names of this area are exported here and re-exported by src/ml/index.ts.

export { type ClassWeight, computeClassWeight } from "./class-weight.js";
export { ElasticNet, type ElasticNetParams } from "./elastic-net.js";
export { Lasso, type LassoParams } from "./lasso.js";
export { LinearRegression, type LinearRegressionParams } from "./linear-regression.js";
export { LinearSVC, type LinearSVCParams } from "./linear-svc.js";
export { LogisticRegression, type LogisticRegressionParams } from "./logistic-regression.js";
export { Ridge, type RidgeParams } from "./ridge.js";
