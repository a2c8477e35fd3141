import { BaseEstimator, type Input } from "../estimator.js";
import { Matrix } from "../matrix.js";
import { checkWidth, toMatrix } from "../validation.js";
import type { HiddenActivation, OutputActivation } from "./activations.js";
import { networkLayout, predictOutputs } from "./mlp-network.js";
import { type MlpParams, mlpParamsSchema } from "./mlp-params.js";
import type { TrainingResult } from "./mlp-training.js";

/** What an MLP keeps after fit: the layer sizes, all weights packed in one vector, and the training history. */
export interface MlpFitted {
  /** Layer sizes: inputs, hidden layers, outputs. */
  readonly units: number[];
  /** Per layer: the units[l]×units[l+1] row-major weights, then the units[l+1] biases. */
  readonly params: Float64Array;
  readonly activation: HiddenActivation;
  readonly outActivation: OutputActivation;
  readonly nIter: number;
  readonly t: number;
  readonly loss: number;
  readonly lossCurve: Float64Array;
  readonly bestLoss: number | null;
  readonly validationScores: Float64Array | null;
  readonly bestValidationScore: number | null;
}

/** The fitted state of a training run. */
export function mlpFitted(
  units: number[],
  activation: HiddenActivation,
  outActivation: OutputActivation,
  r: TrainingResult,
): MlpFitted {
  return {
    units,
    params: r.params,
    activation,
    outActivation,
    nIter: r.nIter,
    t: r.t,
    loss: r.loss,
    lossCurve: r.lossCurve,
    bestLoss: r.bestLoss,
    validationScores: r.validationScores,
    bestValidationScore: r.bestValidationScore,
  };
}

/** What MLPClassifier and MLPRegressor share: params, the forward pass at predict time, fitted attributes. */
export abstract class MlpBase<F extends MlpFitted> extends BaseEstimator<MlpParams, F> {
  protected constructor(params: Partial<MlpParams>) {
    super(mlpParamsSchema, params);
  }

  /** Weights of each layer (units[l] × units[l+1]), like scikit-learn's coefs_ (copies). */
  get coefs(): Matrix[] {
    const f = this.requireFitted();
    const layout = networkLayout(f.units);
    return layout.coefOffsets.map(
      (start, l) => new Matrix(f.units[l]!, f.units[l + 1]!, f.params.slice(start, layout.biasOffsets[l]!)),
    );
  }

  /** Biases of each layer, like scikit-learn's intercepts_ (copies). */
  get intercepts(): Float64Array[] {
    const f = this.requireFitted();
    const layout = networkLayout(f.units);
    return layout.biasOffsets.map((start, l) => f.params.slice(start, start + f.units[l + 1]!));
  }

  /** Training loss after each epoch. */
  get lossCurve(): Float64Array {
    return this.requireFitted().lossCurve.slice();
  }

  /** Training loss of the last epoch. */
  get loss(): number {
    return this.requireFitted().loss;
  }

  /** Lowest training loss; null when early stopping (which tracks validation scores instead). */
  get bestLoss(): number | null {
    return this.requireFitted().bestLoss;
  }

  /** Validation score of each epoch with early stopping (accuracy or R²), else null. */
  get validationScores(): Float64Array | null {
    return this.requireFitted().validationScores?.slice() ?? null;
  }

  /** Best validation score with early stopping, else null. */
  get bestValidationScore(): number | null {
    return this.requireFitted().bestValidationScore;
  }

  /** Epochs run. */
  get nIter(): number {
    return this.requireFitted().nIter;
  }

  /** Training samples seen by the solver. */
  get t(): number {
    return this.requireFitted().t;
  }

  /** Layers including input and output. */
  get nLayers(): number {
    return this.requireFitted().units.length;
  }

  /** Output units. */
  get nOutputs(): number {
    const units = this.requireFitted().units;
    return units[units.length - 1]!;
  }

  /** The output activation ("softmax", "logistic" or "identity"). */
  get outActivation(): OutputActivation {
    return this.requireFitted().outActivation;
  }

  /** The network's output for each row (n × nOutputs). */
  protected networkOutputs(X: Input): Matrix {
    const f = this.requireFitted();
    const m = toMatrix(X);
    checkWidth(m.cols, f.units[0]!);
    const nOut = f.units[f.units.length - 1]!;
    const out = predictOutputs(networkLayout(f.units), f.params, f.activation, f.outActivation, m.data, m.rows);
    return new Matrix(m.rows, nOut, out);
  }
}
