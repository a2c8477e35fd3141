export { CustomModel, type CustomVariant } from "./custom-model.js";
export { buildFeatures, FEATURE_GROUPS, type FeatureGroup } from "./features.js";
export { type OpenTracker, registerForecastCommand } from "./forecast-command.js";
export {
  type ForecastConfig,
  MODEL_NAMES,
  type ModelName,
  parseForecastConfig,
  readForecastConfig,
} from "./forecast-config.js";
export { forecastRoutes } from "./forecast-routes.js";
export { ForecastService, type ServedForecast } from "./forecast-service.js";
export { FORECAST_MODEL_NAME, rankForecastRuns, type TrackedForecast, trackForecast } from "./forecast-tracking.js";
export { computeGrowth, computeLag, computeRollingMean, type SalesFrameRow } from "./frame-features.js";
export { type Forecast, type ForecastRow, makePredictions, runForecast } from "./make-predictions.js";
export type { ForecastModel, SavedForecastModel } from "./models.js";
export { loadPanel, type SalesPanel } from "./panel.js";
export { extendPanel, forecastOne, loadForecastModel, type OneForecast } from "./saved-forecast-model.js";
