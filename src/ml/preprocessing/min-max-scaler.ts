import { z } from "zod";
import { BaseEstimator, type Input, type Target, type Transformer } from "../estimator.js";
import { Frame } from "../frame.js";
import { Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, checkWidth, toMatrix } from "../validation.js";
import { inputFeatureNames } from "./table-input.js";

const paramsSchema = z
  .object({
    featureRange: z
      .tuple([z.number(), z.number()])
      .refine(([lo, hi]) => lo < hi, "the minimum of the desired range must be smaller than its maximum")
      .default([0, 1]),
    clip: z.boolean().default(false),
  })
  .strict();

/** The params of MinMaxScaler, every default explicit. */
export type MinMaxScalerParams = z.infer<typeof paramsSchema>;

interface Fitted {
  readonly dataMin: Float64Array;
  readonly dataMax: Float64Array;
  /** (max - min of the range) / (max - min of the data); a constant column has a data range of 1. */
  readonly scale: Float64Array;
  /** rangeMin - dataMin * scale, so that x' = x * scale + min. */
  readonly min: Float64Array;
  readonly featureNamesIn: string[] | null;
  readonly nFeatures: number;
}

/** Scales each column to featureRange ([0, 1] by default) from its training minimum and maximum (scikit-learn's MinMaxScaler). */
export class MinMaxScaler extends BaseEstimator<MinMaxScalerParams, Fitted> implements Transformer<MinMaxScalerParams> {
  static override readonly kind = "MinMaxScaler";
  static override readonly version = 1;

  constructor(params: Partial<MinMaxScalerParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, _y?: Target): this {
    const m = toMatrix(X);
    checkNotEmpty(m.rows);
    const { rows, cols, data } = m;
    const dataMin = new Float64Array(cols).fill(Number.POSITIVE_INFINITY);
    const dataMax = new Float64Array(cols).fill(Number.NEGATIVE_INFINITY);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = data[i * cols + j]!;
        if (v < dataMin[j]!) dataMin[j] = v;
        if (v > dataMax[j]!) dataMax[j] = v;
      }
    }
    const [lo, hi] = this.params.featureRange;
    const scale = new Float64Array(cols);
    const min = new Float64Array(cols);
    for (let j = 0; j < cols; j++) {
      const range = dataMax[j]! - dataMin[j]!;
      // Like scikit-learn's _handle_zeros_in_scale: a (near-)constant column is not stretched.
      scale[j] = (hi - lo) / (range < 10 * Number.EPSILON ? 1 : range);
      min[j] = lo - dataMin[j]! * scale[j]!;
    }
    this.fitted = {
      dataMin,
      dataMax,
      scale,
      min,
      featureNamesIn: X instanceof Frame ? [...X.columns] : null,
      nFeatures: cols,
    };
    return this;
  }

  transform(X: Input): Matrix {
    const f = this.requireFitted();
    const m = this.input(X, f);
    const [lo, hi] = this.params.featureRange;
    const clip = this.params.clip;
    const { rows, cols } = m;
    const out = new Matrix(rows, cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        let v = m.data[i * cols + j]! * f.scale[j]! + f.min[j]!;
        if (clip) v = Math.min(Math.max(v, lo), hi);
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
    const m = this.input(X, f);
    const out = new Matrix(m.rows, m.cols);
    for (let p = 0; p < m.data.length; p++) {
      const j = p % m.cols;
      out.data[p] = (m.data[p]! - f.min[j]!) / f.scale[j]!;
    }
    return out;
  }

  /** The input names (one output column per input column). */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const f = this.requireFitted();
    return inputFeatureNames(f.featureNamesIn, f.nFeatures, inputFeatures);
  }

  get dataMin(): Float64Array {
    return this.requireFitted().dataMin.slice();
  }

  get dataMax(): Float64Array {
    return this.requireFitted().dataMax.slice();
  }

  get scale(): Float64Array {
    return this.requireFitted().scale.slice();
  }

  get min(): Float64Array {
    return this.requireFitted().min.slice();
  }

  /** A Frame is read by the column names seen at fit. */
  private input(X: Input, f: Fitted): Matrix {
    const m = toMatrix(X instanceof Frame && f.featureNamesIn ? X.select(f.featureNamesIn) : X);
    checkWidth(m.cols, f.nFeatures);
    return m;
  }
}

registerEstimator(MinMaxScaler);
