import type { z } from "zod";
import { AppError } from "../core/index.js";
import type { Frame } from "./frame.js";
import type { CsrMatrix, Matrix } from "./matrix.js";
import { encodeValue } from "./save-load.js";

/** A class label: numbers or strings, kept as given (classes are sorted like numpy's unique). */
export type Label = number | string;

/** What estimators accept as X; each estimator checks at run time which of these it supports. */
export type Input = Matrix | CsrMatrix | Frame | readonly string[] | readonly (readonly number[])[];

/** What estimators accept as y: numbers for regressors, labels for classifiers. */
export type Target = ArrayLike<number> | readonly Label[];

/** A model saved as data: no code, only its kind, the format version, its params and what it learned. */
export interface SavedModel {
  readonly format: "atelier-model";
  readonly kind: string;
  readonly version: number;
  readonly params: unknown;
  readonly fitted: unknown;
}

/** The scikit-learn estimator contract (see ARCHITECTURE.md). */
export interface Estimator<P extends object = object> {
  readonly kind: string;
  readonly params: Readonly<P>;
  readonly isFitted: boolean;
  fit(X: Input, y?: Target): this;
  getParams(): P;
  setParams(params: Readonly<Record<string, unknown>>): this;
  clone(): this;
  toJSON(): SavedModel;
}

export interface Regressor<P extends object = object> extends Estimator<P> {
  predict(X: Input): Float64Array;
  /** R² of the predictions. */
  score(X: Input, y: Target): number;
}

export interface Classifier<P extends object = object> extends Estimator<P> {
  readonly classes: readonly Label[];
  predict(X: Input): Label[];
  /**
   * One row per sample, one column per class in the order of `classes`. Absent on classifiers without calibrated
   * probabilities (LinearSVC), like scikit-learn's.
   */
  predictProba?(X: Input): Matrix;
  /** Accuracy of the predictions. */
  score(X: Input, y: Target): number;
}

/** A transformer's output: numbers (dense or sparse), or a table (e.g. an imputer filling string columns). */
export type TransformOutput = Matrix | CsrMatrix | Frame;

export interface Transformer<P extends object = object> extends Estimator<P> {
  transform(X: Input): TransformOutput;
  fitTransform(X: Input, y?: Target): TransformOutput;
}

/** A class of estimator: a kind name, a format version, and a constructor taking params. */
export interface EstimatorClass<E extends Estimator = Estimator> {
  readonly kind: string;
  readonly version: number;
  new (params?: never): E;
}

/**
 * The shared machinery of every estimator: validated params with explicit defaults, one `fitted` field,
 * NOT_FITTED before fit, clone, get/set params, toJSON. Subclasses define `static kind`, `static version`,
 * pass their zod params schema, and implement fit (which must assign `this.fitted`).
 */
export abstract class BaseEstimator<P extends object, F> implements Estimator<P> {
  static readonly kind: string = "BaseEstimator";
  static readonly version: number = 1;

  private currentParams: Readonly<P>;
  private readonly schema: z.ZodType<P>;
  /** Everything fit learned; undefined until fit. */
  protected fitted: F | undefined;

  protected constructor(schema: z.ZodType<P>, params: unknown) {
    this.schema = schema;
    this.currentParams = Object.freeze(parseParams(this.kind, schema, params ?? {}));
  }

  get kind(): string {
    return (this.constructor as unknown as EstimatorClass).kind;
  }

  get params(): Readonly<P> {
    return this.currentParams;
  }

  get isFitted(): boolean {
    return this.fitted !== undefined;
  }

  abstract fit(X: Input, y?: Target): this;

  getParams(): P {
    return { ...this.currentParams };
  }

  /** Replaces some params (validated); keys that are not params are INVALID_INPUT. Keeps what was fitted. */
  setParams(params: Readonly<Record<string, unknown>>): this {
    const known = Object.keys(this.currentParams);
    const unknown = Object.keys(params).filter((k) => !known.includes(k));
    if (unknown.length > 0) {
      throw new AppError(
        "INVALID_INPUT",
        `${this.kind} has no param ${unknown.join(", ")} (params: ${known.join(", ")})`,
        unknown.map((field) => ({ field, reason: "unknown param" })),
      );
    }
    this.currentParams = Object.freeze(parseParams(this.kind, this.schema, { ...this.currentParams, ...params }));
    return this;
  }

  /** A new, unfitted estimator with the same params (nested estimators are cloned too). */
  clone(): this {
    const Ctor = this.constructor as new (params: unknown) => this;
    return new Ctor(cloneParams(this.currentParams));
  }

  toJSON(): SavedModel {
    const cls = this.constructor as unknown as EstimatorClass;
    return {
      format: "atelier-model",
      kind: cls.kind,
      version: cls.version,
      params: encodeValue(this.currentParams),
      fitted: this.fitted === undefined ? null : encodeValue(this.fitted),
    };
  }

  /** Called by loadModel with the decoded `fitted` value of a saved model. */
  restoreFitted(fitted: unknown): void {
    this.fitted = fitted === null ? undefined : (fitted as F);
  }

  /** What fit learned; throws NOT_FITTED before fit. */
  protected requireFitted(): F {
    if (this.fitted === undefined) {
      throw new AppError("NOT_FITTED", `This ${this.kind} is not fitted yet: call fit before using it`);
    }
    return this.fitted;
  }
}

/** True for anything that follows the estimator contract (used by Pipeline, search and the codec). */
export function isEstimator(value: unknown): value is Estimator {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Estimator).fit === "function" &&
    typeof (value as Estimator).toJSON === "function" &&
    typeof (value as Estimator).clone === "function"
  );
}

function parseParams<P>(kind: string, schema: z.ZodType<P>, params: unknown): P {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    field: issue.path.join(".") || "(params)",
    reason: issue.message,
  }));
  throw new AppError(
    "INVALID_INPUT",
    `Invalid ${kind} params: ${details.map((d) => `${d.field}: ${d.reason}`).join("; ")}`,
    details,
  );
}

function cloneParams<P>(params: P): P {
  if (isEstimator(params)) return params.clone() as P;
  if (Array.isArray(params)) return params.map(cloneParams) as P;
  if (params !== null && typeof params === "object" && Object.getPrototypeOf(params) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(params)) out[k] = cloneParams(v);
    return out as P;
  }
  return params;
}
