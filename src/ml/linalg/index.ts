// Public names of this area are exported here and re-exported by src/ml/index.ts.
export { cholesky, choleskySolve, solvePositiveDefinite } from "./cholesky.js";
export {
  type ConjugateGradientOptions,
  type ConjugateGradientResult,
  conjugateGradient,
  type LinearOperator,
} from "./conjugate-gradient.js";
export { CsrOperator } from "./csr-operator.js";
export { dot, matMul, matMulTransposed, matTVec, matVec } from "./dense.js";
export { type CenteredGram, centeredGram, type GramOptions, gram } from "./gram.js";
export { type LbfgsOptions, type MinimizeResult, minimizeLbfgs, type Objective } from "./lbfgs.js";
export { type LineSearchStatus, MoreThuente, type MoreThuenteOptions } from "./line-search.js";
export { type LstsqOptions, type LstsqResult, lstsq } from "./lstsq.js";
export { minimizeOwlqn } from "./owlqn.js";
export { applyQ, applyQTranspose, type HouseholderQr, householderQr, qrR } from "./qr.js";
export { csrColumnSums, csrGram, csrMatVec, csrTransposeMatVec } from "./sparse.js";
export { type Svd, svd } from "./svd.js";
