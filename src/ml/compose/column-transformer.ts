import { z } from "zod";
import { AppError } from "../../core/index.js";
import { BaseEstimator, type Estimator, type Input, isEstimator, type Target } from "../estimator.js";
import { Frame } from "../frame.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { toMatrix } from "../validation.js";
import { chooseSparse, hstackDense, hstackSparse } from "./hstack.js";
import { deepParams, type NamedChildren, setCompositeParams } from "./nested-params.js";

/** What a ColumnTransformer entry does with its columns: a transformer, "drop" or "passthrough". */
export type ColumnAction = Estimator | "drop" | "passthrough";

/**
 * Columns of an entry: a list of names gives the transformer a Frame of those columns; a single name gives it the
 * column's values as a plain array (what text vectorisers take), like scikit-learn with a string column spec.
 */
export type ColumnSpec = string | string[];

const estimatorSchema = z.custom<Estimator>((v) => isEstimator(v), { message: "expected an estimator" });

const paramsSchema = z
  .object({
    transformers: z.array(
      z.tuple([
        z.string().min(1),
        z.union([z.literal("drop"), z.literal("passthrough"), estimatorSchema]),
        z.union([z.string(), z.array(z.string())]),
      ]),
    ),
    remainder: z.enum(["drop", "passthrough"]).default("drop"),
    sparseThreshold: z.number().min(0).max(1).default(0.3),
    verboseFeatureNamesOut: z.boolean().default(true),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>(["remainder"]);
    for (const [name] of p.transformers) {
      if (name.includes("__") || seen.has(name)) {
        ctx.addIssue({
          code: "custom",
          path: ["transformers"],
          message: `transformer name "${name}" is reserved, repeated or contains "__"`,
        });
      }
      seen.add(name);
    }
  });

/** Params of a ColumnTransformer (scikit-learn's names and defaults). */
export interface ColumnTransformerParams {
  transformers: [string, ColumnAction, ColumnSpec][];
  remainder: "drop" | "passthrough";
  sparseThreshold: number;
  verboseFeatureNamesOut: boolean;
}

interface FittedPart {
  readonly name: string;
  readonly action: Estimator | "passthrough";
  readonly spec: ColumnSpec;
  readonly width: number;
}

interface Fitted {
  readonly parts: FittedPart[];
  readonly remainderColumns: string[];
  readonly sparseOutput: boolean;
}

function specColumns(spec: ColumnSpec): string[] {
  return typeof spec === "string" ? [spec] : spec;
}

/**
 * Applies a transformer to each group of named columns of a Frame and puts the results side by side, like
 * scikit-learn's ColumnTransformer. Columns named by no entry are dropped or passed through (`remainder`). The
 * output is a CsrMatrix when a block is sparse and the overall density is below `sparseThreshold`, else a Matrix.
 */
export class ColumnTransformer extends BaseEstimator<ColumnTransformerParams, Fitted> implements NamedChildren {
  static override readonly kind = "ColumnTransformer";
  static override readonly version = 1;

  constructor(params: Partial<ColumnTransformerParams> = {}) {
    super(paramsSchema as unknown as z.ZodType<ColumnTransformerParams>, params);
  }

  /** Always "transformer". */
  get estimatorType(): "transformer" {
    return "transformer";
  }

  namedChildren(): [string, Estimator][] {
    return this.params.transformers
      .filter((t) => isEstimator(t[1]))
      .map((t): [string, Estimator] => [t[0], t[1] as Estimator]);
  }

  /** The fitted transformers by name once fitted, else those of the params. */
  get namedTransformers(): Record<string, ColumnAction> {
    if (this.fitted) return Object.fromEntries(this.fitted.parts.map((p) => [p.name, p.action]));
    return Object.fromEntries(this.params.transformers.map((t) => [t[0], t[1]]));
  }

  /** Own params, or with `{deep: true}` also "name__param" of every transformer, like scikit-learn. */
  override getParams(options: { deep?: boolean } = {}): ColumnTransformerParams {
    return options.deep ? (deepParams(this) as unknown as ColumnTransformerParams) : super.getParams();
  }

  override setParams(params: Readonly<Record<string, unknown>>): this {
    setCompositeParams(
      this.kind,
      params,
      "transformers",
      () => this.params.transformers,
      (own) => super.setParams(own),
    );
    return this;
  }

  fit(X: Input, y?: Target): this {
    this.fitTransform(X, y);
    return this;
  }

  fitTransform(X: Input, y?: Target): Matrix | CsrMatrix {
    const frame = asFrame(X);
    const parts: FittedPart[] = [];
    const blocks: (Matrix | CsrMatrix)[] = [];
    const used = new Set<string>();
    for (const [name, action, spec] of this.params.transformers) {
      const columns = specColumns(spec);
      for (const c of columns) used.add(c);
      if (action === "drop" || columns.length === 0) continue;
      const input = select(frame, spec, name);
      let out: Matrix | CsrMatrix;
      let fitted: Estimator | "passthrough" = "passthrough";
      if (action === "passthrough") out = toMatrix(input, { name: `columns of "${name}"` });
      else {
        fitted = action.clone();
        out = fitTransformOf(fitted, input, y, name);
      }
      if (out.rows !== frame.length) {
        throw new AppError("INVALID_INPUT", `Transformer "${name}" returned ${out.rows} rows for ${frame.length}`);
      }
      parts.push({ name, action: fitted, spec, width: out.cols });
      blocks.push(out);
    }
    const remainderColumns = this.params.remainder === "passthrough" ? frame.columns.filter((c) => !used.has(c)) : [];
    if (remainderColumns.length > 0) blocks.push(toMatrix(frame.select(remainderColumns), { name: "remainder" }));
    const sparseOutput = chooseSparse(blocks, this.params.sparseThreshold);
    this.fitted = { parts, remainderColumns, sparseOutput };
    return sparseOutput ? hstackSparse(blocks, frame.length) : hstackDense(blocks, frame.length);
  }

  transform(X: Input): Matrix | CsrMatrix {
    const f = this.requireFitted();
    const frame = asFrame(X);
    for (const part of f.parts) {
      for (const c of specColumns(part.spec)) requireColumn(frame, c, `transformer "${part.name}"`);
    }
    for (const c of f.remainderColumns) requireColumn(frame, c, "remainder");
    const blocks: (Matrix | CsrMatrix)[] = [];
    for (const part of f.parts) {
      const input = select(frame, part.spec, part.name);
      const out =
        part.action === "passthrough"
          ? toMatrix(input, { name: `columns of "${part.name}"` })
          : transformOf(part.action, input, part.name);
      if (out.cols !== part.width) {
        throw new AppError(
          "INVALID_INPUT",
          `Transformer "${part.name}" returned ${out.cols} columns, but ${part.width} when fitted`,
        );
      }
      blocks.push(out);
    }
    if (f.remainderColumns.length > 0) {
      blocks.push(toMatrix(frame.select(f.remainderColumns), { name: "remainder" }));
    }
    return f.sparseOutput ? hstackSparse(blocks, frame.length) : hstackDense(blocks, frame.length);
  }

  /** Names of the output columns: "name__feature" (or bare feature names when verboseFeatureNamesOut is false). */
  getFeatureNamesOut(): string[] {
    const f = this.requireFitted();
    return featureNames(f.parts, f.remainderColumns, this.params.verboseFeatureNamesOut);
  }

  /** True when transform returns a CsrMatrix (decided at fit from the density of the blocks). */
  get sparseOutput(): boolean {
    return this.requireFitted().sparseOutput;
  }
}

registerEstimator(ColumnTransformer);

function asFrame(X: Input): Frame {
  if (X instanceof Frame) return X;
  throw new AppError("INVALID_INPUT", "ColumnTransformer takes a Frame (named columns) as X");
}

function requireColumn(frame: Frame, column: string, user: string): void {
  if (!frame.has(column)) {
    throw new AppError(
      "INVALID_INPUT",
      `Column "${column}" (used by ${user}) is missing from X (have: ${frame.columns.join(", ")})`,
      [{ field: column, reason: "missing column" }],
    );
  }
}

function select(frame: Frame, spec: ColumnSpec, name: string): Input {
  for (const c of specColumns(spec)) requireColumn(frame, c, `transformer "${name}"`);
  if (typeof spec === "string") return frame.column(spec) as readonly string[];
  return frame.select(spec);
}

function callMethod(est: Estimator, method: string, args: unknown[], name: string): Matrix | CsrMatrix {
  const fn = (est as unknown as Record<string, unknown>)[method];
  if (typeof fn !== "function") {
    throw new AppError("INVALID_INPUT", `Transformer "${name}" (${est.kind}) has no ${method}`);
  }
  const out = (fn as (...a: unknown[]) => unknown).apply(est, args);
  if (!(out instanceof Matrix || out instanceof CsrMatrix)) {
    throw new AppError("INVALID_INPUT", `Transformer "${name}" (${est.kind}) did not return a Matrix or CsrMatrix`);
  }
  return out;
}

function fitTransformOf(est: Estimator, X: Input, y: Target | undefined, name: string): Matrix | CsrMatrix {
  const ft = (est as unknown as Record<string, unknown>).fitTransform;
  if (typeof ft === "function") return callMethod(est, "fitTransform", [X, y], name);
  est.fit(X, y);
  return callMethod(est, "transform", [X], name);
}

function transformOf(est: Estimator, X: Input, name: string): Matrix | CsrMatrix {
  return callMethod(est, "transform", [X], name);
}

function featureNames(parts: readonly FittedPart[], remainder: readonly string[], verbose: boolean): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const columns = specColumns(part.spec);
    let names: string[];
    const getNames = (part.action as unknown as { getFeatureNamesOut?: (input?: string[]) => string[] })
      .getFeatureNamesOut;
    if (part.action === "passthrough") names = columns;
    else if (typeof getNames === "function") names = [...getNames.call(part.action, columns)];
    else if (part.width === columns.length) names = columns;
    else names = Array.from({ length: part.width }, (_, k) => `x${k}`);
    for (const n of names) out.push(verbose ? `${part.name}__${n}` : n);
  }
  for (const c of remainder) out.push(verbose ? `remainder__${c}` : c);
  if (!verbose && new Set(out).size !== out.length) {
    throw new AppError(
      "INVALID_INPUT",
      "Output feature names are not unique without prefixes: set verboseFeatureNamesOut to true",
    );
  }
  return out;
}
