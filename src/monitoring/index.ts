export { ModelMetrics, type VersionMetrics } from "./model-metrics.js";
export {
  PREDICTION_CSV_COLUMNS,
  PREDICTION_PAGE,
  PredictionLog,
  type PredictionLogOptions,
} from "./prediction-log.js";
export { INSERT_CHUNK, PredictionLogRepository, type PredictionPage } from "./prediction-log-repository.js";
export { predictionLogMigrations } from "./prediction-log-tables.js";
export {
  ARMS,
  type LoggedRequest,
  type NewPrediction,
  type PredictionArm,
  type PredictionFilter,
  type PredictionRecord,
  rowsOf,
  type VersionLiveMetrics,
} from "./prediction-record.js";
