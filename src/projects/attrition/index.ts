export { type AttritionCommandDeps, registerAttritionCommand, SAMPLE_CSV } from "./attrition-command.js";
export {
  ATTRITION_THRESHOLD,
  type AttritionPrediction,
  AttritionService,
  type PredictContext,
} from "./attrition-service.js";
export {
  ALL_FIELDS,
  CATEGORICAL_FEATURES,
  type Employee,
  type EmployeeFeatures,
  type EmployeeField,
  FEATURE_FIELDS,
  FEATURE_NAMES,
  NUMERIC_FEATURES,
} from "./employee-fields.js";
export { attritionMigrations, EmployeesRepository, type UpsertCounts } from "./employees-repository.js";
export { employeesToCsv, generateEmployees } from "./generator.js";
export { type LoadReport, loadEmployeesCsv, type RejectedLine } from "./load-data.js";
export { ATTRITION_MODEL_NAME, attritionSignature, exampleEmployee } from "./model-signature.js";
export { attritionRoutes } from "./predict-routes.js";
export {
  ATTRITION_EXPERIMENT,
  employeesDigest,
  PRODUCTION,
  type TrackedTraining,
  trainAndTrack,
} from "./track-training.js";
export {
  attritionParamGrid,
  attritionPreprocessing,
  employeesFrame,
  type TrainAttritionOptions,
  type TrainedAttritionModel,
  trainAttritionModel,
} from "./train-model.js";
