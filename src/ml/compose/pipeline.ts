import { z } from "zod";
import { AppError } from "../../core/index.js";
import { BaseEstimator, type Estimator, type Input, isEstimator, type Label, type Target } from "../estimator.js";
import type { CsrMatrix, Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { deepParams, estimatorTypeOf, type NamedChildren, setCompositeParams } from "./nested-params.js";

/** A pipeline step: an estimator, or "passthrough" to skip the step. */
export type Step = Estimator | "passthrough";

const estimatorSchema = z.custom<Estimator>((v) => isEstimator(v), { message: "expected an estimator" });

const paramsSchema = z
  .object({
    steps: z
      .array(z.tuple([z.string().min(1), z.union([z.literal("passthrough"), estimatorSchema])]))
      .min(1, "a Pipeline needs at least one step"),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    for (const [name] of p.steps) {
      if (name.includes("__"))
        ctx.addIssue({ code: "custom", path: ["steps"], message: `step name "${name}" contains "__"` });
      if (seen.has(name))
        ctx.addIssue({ code: "custom", path: ["steps"], message: `step name "${name}" is used twice` });
      seen.add(name);
    }
  });

/** Params of a Pipeline: its named steps, in order. */
export interface PipelineParams {
  steps: [string, Step][];
}

interface Fitted {
  /** Fitted copies of the steps (the steps in params stay unfitted, so clone and search can reuse them). */
  readonly steps: [string, Step][];
}

type Method = (X: Input) => unknown;

function method(est: Step | undefined, name: string): Method | undefined {
  if (est === undefined || est === "passthrough") return undefined;
  const m = (est as unknown as Record<string, unknown>)[name];
  return typeof m === "function" ? (m as Method).bind(est) : undefined;
}

function fitTransformStep(est: Estimator, X: Input, y: Target | undefined): Input {
  const ft = method(est, "fitTransform") as ((X: Input, y?: Target) => Matrix | CsrMatrix) | undefined;
  if (ft) return ft(X, y);
  est.fit(X, y);
  return method(est, "transform")!(X) as Input;
}

/**
 * A chain of transformers ending with any estimator, like scikit-learn's Pipeline: fit runs fitTransform through
 * the steps then fits the last one; predict / predictProba / transform / score send X through the fitted
 * transformers to the last step. A method exists only when the last step has it (predictProba on a regressor
 * pipeline is undefined), like scikit-learn's available_if. Params are the steps; `"clf__alpha"` sets a step's
 * param. The Pipeline is an estimator: it clones, saves and loads with its steps.
 */
export class Pipeline extends BaseEstimator<PipelineParams, Fitted> implements NamedChildren {
  static override readonly kind = "Pipeline";
  static override readonly version = 1;

  /** Accepts the params object, or the steps array directly: `new Pipeline([["scale", s], ["clf", c]])`. */
  constructor(params: Partial<PipelineParams> | [string, Step][] = {}) {
    super(paramsSchema as unknown as z.ZodType<PipelineParams>, Array.isArray(params) ? { steps: params } : params);
  }

  /** The fitted steps by name once fitted, else the steps of the params. */
  get namedSteps(): Record<string, Step> {
    return Object.fromEntries(this.fitted?.steps ?? this.params.steps);
  }

  /** The steps that are estimators, by name (for nested params). */
  namedChildren(): [string, Estimator][] {
    return this.params.steps.filter((s): s is [string, Estimator] => s[1] !== "passthrough");
  }

  /** The kind of the last step ("classifier", "regressor", "transformer"); search uses it to pick stratified folds. */
  get estimatorType(): "classifier" | "regressor" | "transformer" | undefined {
    const last = this.params.steps[this.params.steps.length - 1]![1];
    return last === "passthrough" ? "transformer" : estimatorTypeOf(last);
  }

  /** Own params, or with `{deep: true}` also every step and step param as "step__param", like scikit-learn. */
  override getParams(options: { deep?: boolean } = {}): PipelineParams {
    return options.deep ? (deepParams(this) as unknown as PipelineParams) : super.getParams();
  }

  override setParams(params: Readonly<Record<string, unknown>>): this {
    setCompositeParams(
      this.kind,
      params,
      "steps",
      () => this.params.steps,
      (own) => super.setParams(own),
    );
    return this;
  }

  fit(X: Input, y?: Target): this {
    const steps = this.params.steps.map(([name, est]): [string, Step] => [
      name,
      est === "passthrough" ? est : est.clone(),
    ]);
    let Xt = X;
    for (let k = 0; k < steps.length - 1; k++) {
      const [name, est] = steps[k]!;
      if (est === "passthrough") continue;
      if (!method(est, "transform")) {
        throw new AppError(
          "INVALID_INPUT",
          `Pipeline step "${name}" (${est.kind}) has no transform: every step but the last must be a transformer`,
        );
      }
      Xt = fitTransformStep(est, Xt, y);
    }
    const last = steps[steps.length - 1]![1];
    if (last !== "passthrough") last.fit(Xt, y);
    this.fitted = { steps };
    return this;
  }

  /** X sent through every fitted step but the last. */
  private transformUpToLast(X: Input): Input {
    const { steps } = this.requireFitted();
    let Xt = X;
    for (let k = 0; k < steps.length - 1; k++) {
      const est = steps[k]![1];
      if (est !== "passthrough") Xt = method(est, "transform")!(Xt) as Input;
    }
    return Xt;
  }

  private lastStep(): Step {
    return this.params.steps[this.params.steps.length - 1]![1];
  }

  private delegate<R>(name: string): ((X: Input) => R) | undefined {
    if (!method(this.lastStep(), name)) return undefined;
    return (X: Input): R => {
      const Xt = this.transformUpToLast(X);
      const { steps } = this.requireFitted();
      return method(steps[steps.length - 1]![1], name)!(Xt) as R;
    };
  }

  /** Predictions of the last step; undefined when the last step cannot predict. */
  get predict(): ((X: Input) => Label[] | Float64Array) | undefined {
    return this.delegate("predict");
  }

  /** Class probabilities of the last step (one column per class of `classes`); undefined when it has none. */
  get predictProba(): ((X: Input) => Matrix) | undefined {
    return this.delegate("predictProba");
  }

  /** Decision values of the last step; undefined when it has none. */
  get decisionFunction(): ((X: Input) => Matrix | Float64Array) | undefined {
    return this.delegate("decisionFunction");
  }

  /** X transformed by every step; undefined unless the last step is a transformer or "passthrough". */
  get transform(): ((X: Input) => Matrix | CsrMatrix) | undefined {
    const last = this.lastStep();
    if (last !== "passthrough" && !method(last, "transform")) return undefined;
    return (X: Input) => {
      const Xt = this.transformUpToLast(X);
      const { steps } = this.requireFitted();
      const fittedLast = steps[steps.length - 1]![1];
      return (fittedLast === "passthrough" ? Xt : method(fittedLast, "transform")!(Xt)) as Matrix | CsrMatrix;
    };
  }

  /** fit then transform, in one pass through the data. */
  get fitTransform(): ((X: Input, y?: Target) => Matrix | CsrMatrix) | undefined {
    if (!this.transform) return undefined;
    return (X: Input, y?: Target) => {
      this.fit(X, y);
      return this.transform!(X);
    };
  }

  /** The last step's score (accuracy for classifiers, R² for regressors) on X sent through the pipeline. */
  get score(): ((X: Input, y: Target) => number) | undefined {
    if (!method(this.lastStep(), "score")) return undefined;
    return (X: Input, y: Target) => {
      const Xt = this.transformUpToLast(X);
      const { steps } = this.requireFitted();
      const last = steps[steps.length - 1]![1] as unknown as { score(X: Input, y: Target): number };
      return last.score(Xt, y);
    };
  }

  /** The classes of the fitted last step. */
  get classes(): readonly Label[] {
    const { steps } = this.requireFitted();
    const last = steps[steps.length - 1]![1] as unknown as { classes?: readonly Label[] };
    if (!last || typeof last !== "object" || !("classes" in last)) {
      throw new AppError("INVALID_INPUT", "The last step of this Pipeline is not a classifier: it has no classes");
    }
    return last.classes!;
  }
}

registerEstimator(Pipeline);

/** A Pipeline whose step names are the lower-cased kinds (duplicates numbered "-1", "-2"), like make_pipeline. */
export function makePipeline(...steps: Step[]): Pipeline {
  const names = steps.map((s) => (s === "passthrough" ? "passthrough" : s.kind.toLowerCase()));
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const seen = new Map<string, number>();
  const unique = names.map((n) => {
    if (counts.get(n)! === 1) return n;
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return `${n}-${k}`;
  });
  return new Pipeline(steps.map((s, k): [string, Step] => [unique[k]!, s]));
}
