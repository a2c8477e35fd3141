import { r2Score } from "atelier/ml";
import { type FeatureGroup, HISTORY_MONTHS } from "./features.js";
import { FIT_VARIANTS, type FitVariant, GenerativeModel } from "./generative-model.js";
import { type ForecastModel, RidgeForecaster, type SavedForecastModel } from "./models.js";
import type { SalesPanel } from "./panel.js";

/** A CustomModel configuration: how the generative model is fitted, and its weight in the blend with Ridge. */
export interface CustomVariant extends FitVariant {
  /** Weight of the generative model; the rest goes to Ridge on every available feature group. */
  readonly weight: number;
}

const WEIGHTS = [0, 0.25, 0.5, 0.75, 1] as const;

/** The feature groups the panel has data for (Ridge's half of the blend uses all of them). */
function availableGroups(panel: SalesPanel): FeatureGroup[] {
  const groups: FeatureGroup[] = ["past_sales"];
  if (panel.marketing) groups.push("marketing");
  if (panel.price) groups.push("price");
  if (panel.stock) groups.push("stock");
  if (panel.objectives) groups.push("objectives");
  return groups;
}

/**
 * Our model: a blend of the course's generating equation fitted by L-BFGS (GenerativeModel: it knows the shape of
 * the effects) and Ridge on every available feature (it picks up what the equation leaves out, such as stock
 * rebounds and sales objectives). The fitting variant and the blend weight are chosen by rolling-origin validation
 * on the months before the test start (selectCustomVariant), never on the test months.
 */
export class CustomModel implements ForecastModel {
  readonly name = "CustomModel" as const;
  private generative: GenerativeModel;
  private ridge: RidgeForecaster | undefined;

  constructor(readonly variant: CustomVariant = { ...FIT_VARIANTS[0]!, weight: 0.5 }) {
    this.generative = new GenerativeModel(variant);
  }

  /** A custom model from its saved form. */
  static fromJSON(saved: Extract<SavedForecastModel, { model: "CustomModel" }>): CustomModel {
    const m = new CustomModel(saved.variant);
    m.generative = GenerativeModel.fromJSON(saved.generative as Extract<SavedForecastModel, { model: "Generative" }>);
    m.ridge = saved.ridge
      ? RidgeForecaster.fromJSON(saved.ridge as Extract<SavedForecastModel, { model: "Ridge" }>)
      : undefined;
    return m;
  }

  attach(panel: SalesPanel): this {
    this.generative.attach(panel);
    this.ridge?.attach(panel);
    return this;
  }

  toJSON(): SavedForecastModel {
    return {
      model: "CustomModel",
      variant: { ...this.variant },
      generative: this.generative.toJSON(),
      ridge: this.ridge?.toJSON() ?? null,
    };
  }

  fit(panel: SalesPanel, until: number): this {
    this.generative.fit(panel, until);
    this.ridge = this.variant.weight < 1 ? new RidgeForecaster(availableGroups(panel)).fit(panel, until) : undefined;
    return this;
  }

  predict(i: number, t: number): number {
    const w = this.variant.weight;
    const g = w > 0 ? this.generative.predict(i, t) : 0;
    return w === 1 ? g : w * g + (1 - w) * this.ridge!.predict(i, t);
  }

  describe() {
    return { ...this.generative.describe(), weight: this.variant.weight };
  }
}

/** Rolling-origin score of every CustomModel variant, best first. */
export interface VariantScore {
  readonly variant: CustomVariant;
  readonly r2: number;
}

/**
 * Rolling-origin validation on the twelve months before the test start: four origins, each fitted on the months
 * before it and forecasting the next three one step ahead. Each fitting variant and Ridge are fitted once per
 * origin; blends are scored from their stored forecasts.
 */
export function selectCustomVariant(panel: SalesPanel, testStart: number): VariantScore[] {
  const origins = [12, 9, 6, 3].map((k) => testStart - k).filter((o) => o > HISTORY_MONTHS + 6);
  const truth: number[] = [];
  const generative: number[][] = FIT_VARIANTS.map(() => []);
  const ridge: number[] = [];
  for (const origin of origins) {
    const end = Math.min(origin + 3, testStart);
    const fitted = FIT_VARIANTS.map((v) => new GenerativeModel(v).fit(panel, origin));
    const r = new RidgeForecaster(availableGroups(panel)).fit(panel, origin);
    for (let i = 0; i < panel.items.length; i++) {
      for (let t = origin; t < end; t++) {
        truth.push(panel.sales[i]![t]!);
        fitted.forEach((m, k) => {
          generative[k]!.push(m.predict(i, t));
        });
        ridge.push(r.predict(i, t));
      }
    }
  }
  const scores: VariantScore[] = [];
  FIT_VARIANTS.forEach((fit, k) => {
    for (const weight of WEIGHTS) {
      // Weight 0 is Ridge alone: score it once, not once per fitting variant.
      if (weight === 0 && k > 0) continue;
      const preds = truth.map((_, n) => weight * generative[k]![n]! + (1 - weight) * ridge[n]!);
      scores.push({ variant: { ...fit, weight }, r2: truth.length ? r2Score(truth, preds) : Number.NaN });
    }
  });
  return scores.sort((a, b) => b.r2 - a.r2);
}
