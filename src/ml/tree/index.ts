// Public names of this area are exported here and re-exported by src/ml/index.ts.
export { DecisionTreeClassifier, type DecisionTreeClassifierParams } from "./decision-tree-classifier.js";
export { DecisionTreeRegressor, type DecisionTreeRegressorParams } from "./decision-tree-regressor.js";
export { type FlatTree, TREE_LEAF, TREE_UNDEFINED } from "./flat-tree.js";
