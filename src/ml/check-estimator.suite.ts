import { describe, expect, it } from "vitest";
import { AppError } from "../core/index.js";
import type { Estimator, Input, Target } from "./estimator.js";
import { Frame } from "./frame.js";
import { CsrMatrix, Matrix } from "./matrix.js";
import { loadModel } from "./save-load.js";

/** Data a checked estimator is fitted on. `X` numeric dense input lets the suite also check NaN and width errors. */
export interface CheckData {
  readonly X: Input;
  readonly y?: Target;
  /** Data to predict or transform; defaults to X. */
  readonly Xtest?: Input;
}

export interface CheckOptions {
  /** Checks to skip, each with the reason (kept in the test name). */
  readonly skip?: Readonly<Partial<Record<CheckName, string>>>;
}

export type CheckName =
  | "fitReturnsThis"
  | "notFitted"
  | "idempotentFit"
  | "inputsUntouched"
  | "clone"
  | "saveLoad"
  | "seedDeterminism"
  | "nanInput"
  | "wrongWidth"
  | "params";

type Outputs = Record<string, unknown>;

/** Everything an estimator can answer about Xtest, so two estimators can be compared exactly. */
function outputs(est: Estimator, X: Input): Outputs {
  const out: Outputs = {};
  const e = est as unknown as Record<string, unknown>;
  for (const method of ["predict", "predictProba", "transform", "decisionFunction"]) {
    if (typeof e[method] === "function") out[method] = plain((e[method] as (x: Input) => unknown).call(est, X));
  }
  return out;
}

function plain(v: unknown): unknown {
  if (v instanceof Matrix) return { rows: v.rows, cols: v.cols, data: Array.from(v.data) };
  if (v instanceof CsrMatrix) return plain(v.toDense());
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  return v;
}

function snapshot(v: unknown): unknown {
  if (v instanceof Matrix) return { m: Array.from(v.data), r: v.rows, c: v.cols };
  if (v instanceof CsrMatrix) return { d: Array.from(v.data), i: Array.from(v.indices), p: Array.from(v.indptr) };
  if (v instanceof Frame) return v.columns.map((c) => [...v.column(c)]);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.map(snapshot);
  return v;
}

function expectAppError(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected an AppError").toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
}

/**
 * The shared guard of every estimator (scikit-learn's check_estimator): fit returns this, NOT_FITTED before fit,
 * idempotent fit, inputs untouched, clone keeps params, exact save/load round trip, seed determinism, and clear
 * INVALID_INPUT errors on NaN and on a wrong width at predict time.
 */
export function checkEstimator(
  name: string,
  factory: () => Estimator,
  data: CheckData,
  options: CheckOptions = {},
): void {
  const Xtest = data.Xtest ?? data.X;
  const skip = options.skip ?? {};
  const check = (id: CheckName, title: string, fn: () => void): void => {
    const reason = skip[id];
    if (reason) it.skip(`${title} (skipped: ${reason})`, fn);
    else it(title, fn);
  };

  describe(`checkEstimator: ${name}`, () => {
    check("fitReturnsThis", "fit returns this", () => {
      const est = factory();
      expect(est.fit(data.X, data.y)).toBe(est);
      expect(est.isFitted).toBe(true);
    });

    check("notFitted", "predicting before fit throws NOT_FITTED", () => {
      const est = factory();
      const e = est as unknown as Record<string, unknown>;
      const methods = ["predict", "predictProba", "transform"].filter((m) => typeof e[m] === "function");
      expect(methods.length).toBeGreaterThan(0);
      for (const m of methods) expectAppError(() => (e[m] as (x: Input) => unknown).call(est, Xtest), "NOT_FITTED");
    });

    check("idempotentFit", "fitting twice gives the same model", () => {
      const est = factory().fit(data.X, data.y);
      const first = outputs(est, Xtest);
      est.fit(data.X, data.y);
      expect(outputs(est, Xtest)).toEqual(first);
    });

    check("inputsUntouched", "fit and predict never mutate their inputs", () => {
      const beforeX = snapshot(data.X);
      const beforeY = snapshot(data.y);
      const beforeT = snapshot(Xtest);
      const est = factory().fit(data.X, data.y);
      outputs(est, Xtest);
      expect(snapshot(data.X)).toEqual(beforeX);
      expect(snapshot(data.y)).toEqual(beforeY);
      expect(snapshot(Xtest)).toEqual(beforeT);
    });

    check("clone", "clone keeps params, is unfitted and independent", () => {
      const est = factory().fit(data.X, data.y);
      const copy = est.clone();
      expect(copy).not.toBe(est);
      expect(copy.kind).toBe(est.kind);
      expect(JSON.stringify(copy.toJSON().params)).toBe(JSON.stringify(est.toJSON().params));
      expect(copy.isFitted).toBe(false);
      copy.fit(data.X, data.y);
      expect(outputs(copy, Xtest)).toEqual(outputs(est, Xtest));
    });

    check("saveLoad", "toJSON / loadModel round trip gives identical outputs", () => {
      const est = factory().fit(data.X, data.y);
      const text = JSON.stringify(est.toJSON());
      expect(text).not.toMatch(/function|=>/);
      const loaded = loadModel(text);
      expect(loaded.kind).toBe(est.kind);
      expect(loaded.isFitted).toBe(true);
      expect(outputs(loaded, Xtest)).toEqual(outputs(est, Xtest));
      const unfitted = loadModel(JSON.stringify(factory().toJSON()));
      expect(unfitted.isFitted).toBe(false);
    });

    check("seedDeterminism", "the same seed gives the same model", () => {
      const a = factory();
      if (!("seed" in a.params)) return;
      const b = factory();
      expect(outputs(a.fit(data.X, data.y), Xtest)).toEqual(outputs(b.fit(data.X, data.y), Xtest));
    });

    check("nanInput", "NaN and infinite input are INVALID_INPUT naming the row", () => {
      if (!(data.X instanceof Matrix)) return;
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
        const X = data.X.clone();
        X.data[Math.min(3, X.rows - 1) * X.cols] = bad;
        let caught: unknown;
        try {
          factory().fit(X, data.y);
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(AppError);
        expect((caught as AppError).code).toBe("INVALID_INPUT");
        expect((caught as AppError).message).toMatch(/row/);
      }
    });

    check("wrongWidth", "predicting with another number of columns is INVALID_INPUT", () => {
      if (!(Xtest instanceof Matrix)) return;
      const est = factory().fit(data.X, data.y);
      const wider = new Matrix(Xtest.rows, Xtest.cols + 1);
      const e = est as unknown as Record<string, unknown>;
      for (const m of ["predict", "predictProba", "transform"]) {
        if (typeof e[m] === "function")
          expectAppError(() => (e[m] as (x: Input) => unknown).call(est, wider), "INVALID_INPUT");
      }
    });

    check("params", "getParams lists every param explicitly; unknown params are INVALID_INPUT", () => {
      const est = factory();
      const params = est.getParams();
      for (const v of Object.values(params)) expect(v).not.toBeUndefined();
      expectAppError(() => est.setParams({ notAParam__: 1 }), "INVALID_INPUT");
      expect(est.clone().getParams()).toEqual(expect.objectContaining({}));
    });
  });
}
