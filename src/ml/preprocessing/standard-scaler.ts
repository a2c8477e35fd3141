import { z } from "zod";
import { BaseEstimator, type Input, type Target, type Transformer } from "../estimator.js";
import { Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, checkWidth, toMatrix } from "../validation.js";

const paramsSchema = z
  .object({
    withMean: z.boolean().default(true),
    withStd: z.boolean().default(true),
  })
  .strict();

export type StandardScalerParams = z.infer<typeof paramsSchema>;

interface Fitted {
  readonly mean: Float64Array;
  /** Population standard deviation per column; a constant column scales by 1, like scikit-learn. */
  readonly scale: Float64Array;
  readonly nFeatures: number;
}

/** Centres each column on its mean and divides it by its standard deviation (scikit-learn's StandardScaler). */
export class StandardScaler
  extends BaseEstimator<StandardScalerParams, Fitted>
  implements Transformer<StandardScalerParams>
{
  static override readonly kind = "StandardScaler";
  static override readonly version = 1;

  constructor(params: Partial<StandardScalerParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, _y?: Target): this {
    const m = toMatrix(X);
    checkNotEmpty(m.rows);
    const { rows, cols, data } = m;
    const mean = new Float64Array(cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j]!;
    for (let j = 0; j < cols; j++) mean[j] /= rows;
    // Two-pass variance: exact enough to match numpy to 1e-12 on ordinary data.
    const variance = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const d = data[i * cols + j]! - mean[j]!;
        variance[j] += d * d;
      }
    }
    const scale = new Float64Array(cols);
    for (let j = 0; j < cols; j++) {
      const s = Math.sqrt(variance[j]! / rows);
      scale[j] = s < 10 * Number.EPSILON * Math.max(1, Math.abs(mean[j]!)) ? 1 : s;
    }
    this.fitted = { mean, scale, nFeatures: cols };
    return this;
  }

  transform(X: Input): Matrix {
    const f = this.requireFitted();
    const m = toMatrix(X);
    checkWidth(m.cols, f.nFeatures);
    const { withMean, withStd } = this.params;
    const out = new Matrix(m.rows, m.cols);
    const cols = m.cols;
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < cols; j++) {
        let v = m.data[i * cols + j]!;
        if (withMean) v -= f.mean[j]!;
        if (withStd) v /= f.scale[j]!;
        out.data[i * cols + j] = v;
      }
    }
    return out;
  }

  fitTransform(X: Input, y?: Target): Matrix {
    return this.fit(X, y).transform(X);
  }

  /** Maps scaled values back to the original units. */
  inverseTransform(X: Input): Matrix {
    const f = this.requireFitted();
    const m = toMatrix(X);
    checkWidth(m.cols, f.nFeatures);
    const out = new Matrix(m.rows, m.cols);
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) {
        let v = m.data[i * m.cols + j]!;
        if (this.params.withStd) v *= f.scale[j]!;
        if (this.params.withMean) v += f.mean[j]!;
        out.data[i * m.cols + j] = v;
      }
    }
    return out;
  }

  /** The learned column means and scales (copies). */
  get mean(): Float64Array {
    return this.requireFitted().mean.slice();
  }

  get scale(): Float64Array {
    return this.requireFitted().scale.slice();
  }
}

registerEstimator(StandardScaler);
