import { minimizeLbfgs } from "atelier/ml";
import { buildFeatures, type FeatureTable, featureRow, rupture } from "./features.js";
import { capByStock, type ForecastModel, requireRow, type SavedForecastModel, trainingRows } from "./models.js";
import type { SalesPanel } from "./panel.js";

/** How the generative model is fitted; chosen by rolling-origin validation on the months before the test start. */
export interface FitVariant {
  /** Leave out months capped by a stock rupture and the rebound month after (they follow other rules). */
  readonly excludeRuptures: boolean;
  /** Pseudo-Huber scale relative to mean sales, or 0 for plain least squares. */
  readonly huber: number;
}

export const FIT_VARIANTS: readonly FitVariant[] = [
  { excludeRuptures: true, huber: 0 },
  { excludeRuptures: true, huber: 0.1 },
  { excludeRuptures: false, huber: 0 },
  { excludeRuptures: false, huber: 0.1 },
];

const PARAMS = ["a", "b", "c", "d", "e_next", "e_prev"] as const;

/**
 * The course's generating process, fitted by L-BFGS:
 *   v1 = a·S(M-12) + b·mean(S(M-1..M-12)) + c·S(M-12)·growth
 *   v  = v1 · (1 + d·marketing) · (1 + e_next·Δprice(M→M+1)) · (1 + e_prev·Δprice(M-1→M))
 * then capped by the stock available in M (refills are planned; stock starts at 0).
 * It is one half of CustomModel (custom-model.ts).
 */
export class GenerativeModel implements ForecastModel {
  readonly name = "CustomModel" as const;
  private panel: SalesPanel | undefined;
  private table: FeatureTable | undefined;
  private theta: Float64Array = new Float64Array(PARAMS.length);
  private cols: Record<"lag12" | "rm12" | "growth" | "mk" | "pnext" | "pprev", number> | undefined;

  constructor(readonly variant: FitVariant = FIT_VARIANTS[0]!) {}

  /** A generative model from its saved form. */
  static fromJSON(saved: { variant: FitVariant; theta: readonly number[] }): GenerativeModel {
    const m = new GenerativeModel(saved.variant);
    m.theta = Float64Array.from(saved.theta);
    return m;
  }

  attach(panel: SalesPanel): this {
    this.panel = panel;
    this.table = buildFeatures(panel, ["past_sales", "marketing", "price"]);
    const n = this.table.names;
    this.cols = {
      lag12: n.indexOf("lag_12"),
      rm12: n.indexOf("rolling_mean_12"),
      growth: n.indexOf("growth"),
      mk: n.indexOf("marketing"),
      pnext: n.indexOf("price_change_next"),
      pprev: n.indexOf("price_change_prev"),
    };
    return this;
  }

  toJSON(): SavedForecastModel {
    return {
      model: "Generative",
      variant: { excludeRuptures: this.variant.excludeRuptures, huber: this.variant.huber },
      theta: Array.from(this.theta),
    };
  }

  fit(panel: SalesPanel, until: number): this {
    this.attach(panel);
    const exclude = this.variant.excludeRuptures
      ? (i: number, t: number) => rupture(panel, i, t) || (t > 0 && rupture(panel, i, t - 1))
      : undefined;
    const rows = trainingRows(panel, this.table!, until, exclude);
    const X = rows.map(([i, t]) => this.inputs(featureRow(this.table!, i, t)));
    const y = rows.map(([i, t]) => panel.sales[i]![t]!);
    let scale = 0;
    for (const v of y) scale += v * v;
    const meanSales = y.reduce((s, v) => s + v, 0) / y.length;
    const delta = this.variant.huber * meanSales;
    const g = new Float64Array(PARAMS.length);
    // Relative loss (divided by Σy²) keeps the gradient scale near 1 whatever the sales units.
    const objective = (theta: Float64Array, grad: Float64Array): number => {
      grad.fill(0);
      let loss = 0;
      for (let r = 0; r < X.length; r++) {
        const v = this.value(theta, X[r]!, g);
        const e = v - y[r]!;
        let w: number;
        if (delta > 0) {
          const q = Math.sqrt(1 + (e / delta) ** 2);
          loss += delta * delta * (q - 1);
          w = e / q;
        } else {
          loss += 0.5 * e * e;
          w = e;
        }
        for (let k = 0; k < g.length; k++) grad[k]! += (w * g[k]!) / scale;
      }
      return loss / scale;
    };
    const result = minimizeLbfgs(objective, [0.3, 0.3, 0.3, 0, 0, 0], { gtol: 1e-10, ftol: 1e-14, maxIter: 2000 });
    this.theta = result.x;
    return this;
  }

  predict(i: number, t: number): number {
    const x = this.inputs(requireRow(this.table!, this.panel!, i, t));
    const v = this.value(this.theta, x, new Float64Array(PARAMS.length));
    return Math.max(0, this.panel!.stock ? capByStock(v, this.panel!, i, t) : v);
  }

  describe() {
    const out: Record<string, string | number> = {
      excludeRuptures: String(this.variant.excludeRuptures),
      huber: this.variant.huber,
    };
    PARAMS.forEach((p, k) => {
      out[p] = this.theta[k]!;
    });
    return out;
  }

  private inputs(row: Float64Array): Float64Array {
    const c = this.cols!;
    return Float64Array.of(row[c.lag12]!, row[c.rm12]!, row[c.growth]!, row[c.mk]!, row[c.pnext]!, row[c.pprev]!);
  }

  /** The model's value for one row; writes ∂value/∂θ into `grad`. */
  private value(theta: Float64Array, x: Float64Array, grad: Float64Array): number {
    const [lag12, rm12, growth, mk, pnext, pprev] = x as unknown as number[];
    const [a, b, c, d, en, ep] = theta as unknown as number[];
    const base = a! * lag12! + b! * rm12! + c! * lag12! * growth!;
    const fm = 1 + d! * mk!;
    const fn = 1 + en! * pnext!;
    const fp = 1 + ep! * pprev!;
    const mult = fm * fn * fp;
    grad[0] = lag12! * mult;
    grad[1] = rm12! * mult;
    grad[2] = lag12! * growth! * mult;
    grad[3] = base * mk! * fn * fp;
    grad[4] = base * fm * pnext! * fp;
    grad[5] = base * fm * fn * pprev!;
    return base * mult;
  }
}
