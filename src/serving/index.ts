export { ModelServer, type ModelServerDeps, type ModelServerOptions, type ServedModelDoc } from "./model-server.js";
export {
  type Arm,
  DEFAULT_ALIAS,
  type JsonSchema,
  type PredictOptions,
  type PredictResult,
} from "./predict-contract.js";
export { compileRecordCheck, recordExample, recordSchema, requestBodySchema } from "./request-schema.js";
export {
  CHALLENGER_MODES,
  type Challenger,
  type ChallengerMode,
  defaultServingConfig,
  type RateLimit,
  type ServingConfig,
  type ServingConfigInput,
} from "./serving-config.js";
export { servingMigrations } from "./serving-config-repository.js";
