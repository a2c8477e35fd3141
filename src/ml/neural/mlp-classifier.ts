import type { Classifier, Input, Label, Target } from "../estimator.js";
import { Matrix } from "../matrix.js";
import { accuracyScore } from "../metrics/index.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, encodeLabels, labelsToCodes, toMatrix } from "../validation.js";
import { MlpBase, type MlpFitted, mlpFitted } from "./mlp-base.js";
import { networkLayout } from "./mlp-network.js";
import type { MlpParams } from "./mlp-params.js";
import { type TrainingTarget, trainStochastic } from "./mlp-training.js";

interface Fitted extends MlpFitted {
  readonly classes: Label[];
}

/**
 * Multi-layer perceptron classifier (scikit-learn's MLPClassifier): a softmax output with log-loss for several
 * classes, one logistic unit for two, trained with Adam or SGD on mini-batches.
 */
export class MLPClassifier extends MlpBase<Fitted> implements Classifier<MlpParams> {
  static override readonly kind = "MLPClassifier";
  static override readonly version = 1;

  constructor(params: Partial<MlpParams> = {}) {
    super(params);
  }

  fit(X: Input, y?: Target): this {
    const m = toMatrix(X);
    checkNotEmpty(m.rows);
    const { classes, codes } = encodeLabels(y, m.rows);
    const multiclass = classes.length > 2;
    const target: TrainingTarget = multiclass
      ? { kind: "multiclass", codes, nClasses: classes.length }
      : { kind: "binary", values: Float64Array.from(codes) };
    const units = [m.cols, ...this.params.hiddenLayerSizes, multiclass ? classes.length : 1];
    const result = trainStochastic(m.data, m.rows, networkLayout(units), target, this.params);
    const out = multiclass ? "softmax" : "logistic";
    this.fitted = { ...mlpFitted(units, this.params.activation, out, result), classes };
    return this;
  }

  /** The most probable class of each row. */
  predict(X: Input): Label[] {
    const f = this.requireFitted();
    const P = this.networkOutputs(X);
    const labels: Label[] = new Array(P.rows);
    if (f.outActivation === "softmax") {
      for (let i = 0; i < P.rows; i++) {
        const o = i * P.cols;
        let best = 0;
        for (let j = 1; j < P.cols; j++) if (P.data[o + j]! > P.data[o + best]!) best = j;
        labels[i] = f.classes[best]!;
      }
    } else {
      // Like scikit-learn's LabelBinarizer: the positive class only when strictly above one half.
      const positive = f.classes[f.classes.length - 1]!;
      for (let i = 0; i < P.rows; i++) labels[i] = P.data[i]! > 0.5 ? positive : f.classes[0]!;
    }
    return labels;
  }

  /** Class probabilities, one column per class in the order of `classes`. */
  predictProba(X: Input): Matrix {
    const f = this.requireFitted();
    const P = this.networkOutputs(X);
    if (f.outActivation === "softmax") return P;
    if (f.classes.length === 1) return new Matrix(P.rows, 1, new Float64Array(P.rows).fill(1));
    const out = new Matrix(P.rows, 2);
    for (let i = 0; i < P.rows; i++) {
      out.data[2 * i] = 1 - P.data[i]!;
      out.data[2 * i + 1] = P.data[i]!;
    }
    return out;
  }

  /** Natural log of predictProba. */
  predictLogProba(X: Input): Matrix {
    const P = this.predictProba(X);
    for (let p = 0; p < P.data.length; p++) P.data[p] = Math.log(P.data[p]!);
    return P;
  }

  /** Accuracy on (X, y); a label never seen in fit is INVALID_INPUT. */
  score(X: Input, y: Target): number {
    const f = this.requireFitted();
    labelsToCodes(y, f.classes);
    return accuracyScore(Array.from(y as ArrayLike<Label>), this.predict(toMatrix(X)));
  }

  /** The classes seen in fit, sorted like numpy.unique. */
  get classes(): readonly Label[] {
    return [...this.requireFitted().classes];
  }
}

registerEstimator(MLPClassifier);
