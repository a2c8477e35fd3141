export {
  FORECAST_MODEL_NAME,
  type Forecast,
  type ForecastConfig,
  type ForecastRow,
  ForecastService,
  forecastRoutes,
  makePredictions,
  type OpenTracker,
  rankForecastRuns,
  readForecastConfig,
  registerForecastCommand,
  runForecast,
  trackForecast,
} from "./forecast/index.js";
export { ingestCsv, registerIngestCommand } from "./ingest-command.js";
export type { MonthlySale, UnknownVegetable, WeeklySale } from "./monthly.js";
export { openSalesRepository } from "./open-sales-repository.js";
export { salesRoutes } from "./routes.js";
export type { SalesRepository } from "./sales-repository.js";
export type { RawSale } from "./sales-rows.js";
export { type PostResult, SalesService } from "./sales-service.js";
export { salesMigrations } from "./sql-sales-repository.js";
export { matchVegetable } from "./vegetable-names.js";
