export {
  type ColumnAction,
  type ColumnSpec,
  ColumnTransformer,
  type ColumnTransformerParams,
} from "./column-transformer.js";
export { hstackDense, hstackSparse } from "./hstack.js";
export { childEstimators, deepParams, estimatorTypeOf, splitNestedParams } from "./nested-params.js";
export { makePipeline, Pipeline, type PipelineParams, type Step } from "./pipeline.js";
