export { accuracyScore } from "./classification.js";
export { r2Score } from "./regression.js";
