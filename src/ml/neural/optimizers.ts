import type { BatchWorkspace } from "./batch-workspace.js";

/**
 * scikit-learn's stochastic optimizers (sklearn/neural_network/_stochastic_optimizers.py) over one packed vector
 * of all weights and biases, updated in place.
 */
export interface StochasticOptimizer {
  /** params += update(grads), after one mini-batch. */
  step(params: Float64Array, grads: Float64Array): void;
  /** Called after each epoch with the number of samples seen so far. */
  iterationEnds(samplesSeen: number): void;
  /** Called when the loss stopped improving: true to stop training, false if the optimizer adapted instead. */
  triggerStopping(): boolean;
}

/** Adam with scikit-learn's bias-corrected learning rate lr·√(1−β₂ᵗ)/(1−β₁ᵗ); its moments live in the workspace. */
export class AdamOptimizer implements StochasticOptimizer {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(
    private readonly ws: BatchWorkspace,
    size: number,
    private readonly learningRateInit: number,
    private readonly beta1: number,
    private readonly beta2: number,
    private readonly epsilon: number,
  ) {
    this.m = ws.alloc(size);
    this.v = ws.alloc(size);
  }

  step(params: Float64Array, grads: Float64Array): void {
    this.t += 1;
    const { beta1, beta2 } = this;
    const lr = (this.learningRateInit * Math.sqrt(1 - beta2 ** this.t)) / (1 - beta1 ** this.t);
    this.ws.adam(params, grads, this.m, this.v, lr, beta1, beta2, this.epsilon);
  }

  iterationEnds(_samplesSeen: number): void {}

  triggerStopping(): boolean {
    return true;
  }
}

/** Learning-rate schedules of the SGD solver. */
export type LearningRateSchedule = "constant" | "invscaling" | "adaptive";

/** SGD with (Nesterov) momentum and scikit-learn's learning-rate schedules. */
export class SgdOptimizer implements StochasticOptimizer {
  private readonly velocity: Float64Array;
  private learningRate: number;

  constructor(
    size: number,
    private readonly learningRateInit: number,
    private readonly schedule: LearningRateSchedule,
    private readonly momentum: number,
    private readonly nesterov: boolean,
    private readonly powerT: number,
  ) {
    this.velocity = new Float64Array(size);
    this.learningRate = learningRateInit;
  }

  step(params: Float64Array, grads: Float64Array): void {
    const { velocity, momentum, learningRate: lr, nesterov } = this;
    for (let p = 0; p < params.length; p++) {
      const g = grads[p]!;
      const vel = momentum * velocity[p]! - lr * g;
      velocity[p] = vel;
      params[p]! += nesterov ? momentum * vel - lr * g : vel;
    }
  }

  iterationEnds(samplesSeen: number): void {
    if (this.schedule === "invscaling") this.learningRate = this.learningRateInit / (samplesSeen + 1) ** this.powerT;
  }

  triggerStopping(): boolean {
    if (this.schedule !== "adaptive") return true;
    if (this.learningRate <= 1e-6) return true;
    this.learningRate /= 5;
    return false;
  }
}
