import { existsSync } from "node:fs";
import { join } from "node:path";
import { AppError, isAppError } from "../../../core/index.js";
import type { RegistryService } from "../../../tracking/index.js";
import { FORECAST_MODEL_NAME } from "./forecast-tracking.js";
import type { ForecastModel, SavedForecastModel } from "./models.js";
import { loadPanel, type PanelFiles, type SalesPanel } from "./panel.js";
import { forecastOne, loadForecastModel, type OneForecast } from "./saved-forecast-model.js";

/** A served forecast: the answer and the registry version that made it. */
export interface ServedForecast extends OneForecast {
  readonly model: { readonly name: string; readonly version: number; readonly alias: string };
}

/**
 * Answers forecasts from the model behind `sales-forecast@production`, over the forecasting data in `dataDir`.
 * Each request resolves the alias (so a promotion is followed at once); each version is loaded once.
 */
export class ForecastService {
  private panel: Promise<SalesPanel> | undefined;
  private readonly models = new Map<number, ForecastModel>();

  constructor(
    private readonly registry: RegistryService,
    private readonly dataDir: string,
  ) {}

  async forecast(itemId: string, month: string, alias = "production"): Promise<ServedForecast> {
    let version: number;
    try {
      version = (await this.registry.resolve(FORECAST_MODEL_NAME, alias)).version;
    } catch (error) {
      if (isAppError(error) && error.code === "NOT_FOUND") {
        throw new AppError(
          "MODEL_NOT_READY",
          `No ${FORECAST_MODEL_NAME}@${alias} yet: run \`atelier forecast --config …\` to train and promote one`,
        );
      }
      throw error;
    }
    const model = await this.model(version);
    return {
      ...forecastOne(model, await this.data(), itemId, month),
      model: { name: FORECAST_MODEL_NAME, version, alias },
    };
  }

  private async model(version: number): Promise<ForecastModel> {
    let m = this.models.get(version);
    if (!m) {
      const { bytes } = await this.registry.readModel(FORECAST_MODEL_NAME, version);
      m = loadForecastModel(JSON.parse(bytes.toString("utf8")) as SavedForecastModel);
      this.models.set(version, m);
    }
    return m;
  }

  private data(): Promise<SalesPanel> {
    if (!this.panel) {
      const files: Record<string, string> = {};
      for (const name of ["sales", "marketing", "price", "stock", "objectives"]) {
        const path = join(this.dataDir, `${name}.csv`);
        if (existsSync(path)) files[name] = path;
      }
      if (!files.sales)
        throw new AppError(
          "MISSING_FEATURES",
          `No sales.csv in the forecasting data folder ${this.dataDir} (FORECAST_DATA_DIR)`,
        );
      this.panel = loadPanel(files as unknown as PanelFiles);
      this.panel.catch(() => {
        this.panel = undefined;
      });
    }
    return this.panel;
  }
}
