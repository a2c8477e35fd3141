// Public names of this area are exported here and re-exported by src/ml/index.ts.
export { MultinomialNB, type MultinomialNBParams } from "./multinomial-nb.js";
