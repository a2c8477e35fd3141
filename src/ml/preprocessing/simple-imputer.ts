import { z } from "zod";
import { AppError } from "../../core/index.js";
import { BaseEstimator, type Estimator, type Input, type Target } from "../estimator.js";
import { type Cell, Frame } from "../frame.js";
import { Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty } from "../validation.js";
import { compareCategories } from "./categories.js";
import { type ColumnKind, columnKind, columnLabel, inputFeatureNames, readTable } from "./table-input.js";

const paramsSchema = z
  .object({
    strategy: z.enum(["mean", "median", "most_frequent", "constant"]).default("mean"),
    /** The value of strategy "constant"; null means 0 for number columns and "missing_value" for string columns. */
    fillValue: z.union([z.number(), z.string(), z.null()]).default(null),
    /** Keep columns with no observed value (imputed with 0) instead of dropping them. */
    keepEmptyFeatures: z.boolean().default(false),
  })
  .strict();

/** The params of SimpleImputer, every default explicit. */
export type SimpleImputerParams = z.infer<typeof paramsSchema>;

interface Fitted {
  /** Per input column, the value that replaces its missing cells; null for a column dropped as empty. */
  readonly statistics: Cell[];
  readonly featureNamesIn: string[] | null;
  readonly nFeatures: number;
  /** True when fitted on a Frame with string columns: transform then returns a Frame. */
  readonly frameOutput: boolean;
}

/**
 * Replaces missing values — NaN in a matrix, null (or NaN) in a Frame — by each column's mean, median, most frequent
 * value or a constant (scikit-learn's SimpleImputer; ties of most_frequent go to the smallest value). Columns with
 * no observed value are dropped unless keepEmptyFeatures (or strategy "constant").
 *
 * Output type follows the data, decided at fit: numeric data gives a Matrix; a Frame with string columns (only
 * "most_frequent" and "constant" apply to them) gives a Frame with the same column names and the gaps filled, so the
 * imputer can feed a OneHotEncoder in a Pipeline (inside a ColumnTransformer). Hence `transform` returns
 * `Matrix | Frame`, which is wider than the Transformer interface's return type.
 */
export class SimpleImputer
  extends BaseEstimator<SimpleImputerParams, Fitted>
  implements Estimator<SimpleImputerParams>
{
  static override readonly kind = "SimpleImputer";
  static override readonly version = 1;

  constructor(params: Partial<SimpleImputerParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, _y?: Target): this {
    const table = readTable(X);
    checkNotEmpty(table.rows);
    const kinds = table.columns.map((col, j) => columnKind(col, columnLabel(table, j)));
    const { strategy } = this.params;
    const frameOutput = X instanceof Frame && kinds.includes("string");
    const statistics = table.columns.map((col, j) => {
      if (kinds[j] === "string" && (strategy === "mean" || strategy === "median")) {
        throw new AppError(
          "INVALID_INPUT",
          `Cannot use the ${strategy} strategy with non-numeric data (column ${columnLabel(table, j)})`,
          [{ field: table.names?.[j] ?? String(j), reason: `strategy ${strategy} needs numbers` }],
        );
      }
      return this.statistic(col, kinds[j]!, frameOutput);
    });
    this.fitted = {
      statistics,
      featureNamesIn: table.names ? [...table.names] : null,
      nFeatures: table.columns.length,
      frameOutput,
    };
    return this;
  }

  transform(X: Input): Matrix | Frame {
    const f = this.requireFitted();
    const table = readTable(X, { names: f.featureNamesIn, width: f.nFeatures });
    const kept = this.keptColumns(f);
    if (f.frameOutput) {
      const names = inputFeatureNames(f.featureNamesIn, f.nFeatures);
      const out: Record<string, Cell[]> = {};
      for (const j of kept) {
        const fill = f.statistics[j]!;
        out[names[j]!] = table.columns[j]!.map((v) => (v === null ? fill : v));
      }
      return new Frame(out);
    }
    const cols = kept.length;
    const out = new Matrix(table.rows, cols);
    kept.forEach((j, k) => {
      const col = table.columns[j]!;
      const fill = f.statistics[j] as number;
      for (let i = 0; i < table.rows; i++) {
        const v = col[i];
        if (typeof v === "string") {
          throw new AppError(
            "INVALID_INPUT",
            `Column ${columnLabel(table, j)}, row ${i} is a string, expected a number`,
            [{ field: table.names?.[j] ?? String(j), index: i, reason: "expected a number" }],
          );
        }
        out.data[i * cols + k] = v === null || v === undefined ? fill : v;
      }
    });
    return out;
  }

  fitTransform(X: Input, y?: Target): Matrix | Frame {
    return this.fit(X, y).transform(X);
  }

  /** The names of the output columns: the input names without the dropped empty columns. */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const f = this.requireFitted();
    const names = inputFeatureNames(f.featureNamesIn, f.nFeatures, inputFeatures);
    return this.keptColumns(f).map((j) => names[j]!);
  }

  /** The fill value of each input column (null: the column is dropped as empty). */
  get statistics(): Cell[] {
    return [...this.requireFitted().statistics];
  }

  private keptColumns(f: Fitted): number[] {
    const kept: number[] = [];
    for (let j = 0; j < f.nFeatures; j++) if (f.statistics[j] !== null) kept.push(j);
    return kept;
  }

  /** `anyFill`: a Frame with string columns may take a string fill in a number column (an object column in sklearn). */
  private statistic(col: readonly Cell[], kind: ColumnKind, anyFill: boolean): Cell {
    const { strategy, fillValue, keepEmptyFeatures } = this.params;
    if (strategy === "constant") {
      if (fillValue === null) return kind === "string" ? "missing_value" : 0;
      if (kind !== "string" && typeof fillValue === "string" && !anyFill) {
        throw new AppError(
          "INVALID_INPUT",
          `fillValue ${JSON.stringify(fillValue)} is invalid: imputing numerical data needs a numerical value`,
          [{ field: "fillValue", reason: "expected a number for numerical data" }],
        );
      }
      return fillValue;
    }
    const present = col.filter((v) => v !== null) as (number | string)[];
    if (present.length === 0) return keepEmptyFeatures ? 0 : null;
    if (strategy === "most_frequent") return mostFrequent(present);
    const values = Float64Array.from(present as number[]);
    if (strategy === "mean") {
      let sum = 0;
      for (const v of values) sum += v;
      return sum / values.length;
    }
    values.sort();
    const mid = values.length >> 1;
    return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
  }
}

/** The most frequent value; ties go to the smallest, as scikit-learn (scipy.stats.mode, min over a Counter). */
function mostFrequent(values: readonly (number | string)[]): number | string {
  const counts = new Map<number | string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | string = values[0]!;
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount || (c === bestCount && compareCategories(v, best) < 0)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

registerEstimator(SimpleImputer);
