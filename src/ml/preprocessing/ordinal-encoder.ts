import { z } from "zod";
import { AppError } from "../../core/index.js";
import { BaseEstimator, type Input, type Target, type Transformer } from "../estimator.js";
import type { Cell } from "../frame.js";
import { Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty } from "../validation.js";
import { CategoryIndex, learnCategories, unknownCategory } from "./categories.js";
import { columnLabel, inputFeatureNames, readTable } from "./table-input.js";

const cell = z.union([z.number(), z.string(), z.null()]);
const code = z.union([z.number().int(), z.nan()]);

const paramsSchema = z
  .object({
    categories: z.union([z.literal("auto"), z.array(z.array(cell))]).default("auto"),
    handleUnknown: z.enum(["error", "use_encoded_value"]).default("error"),
    /** The code of unseen categories with handleUnknown "use_encoded_value": an integer or NaN. */
    unknownValue: code.nullable().default(null),
    /** The code of missing values (null / NaN): NaN by default, as in scikit-learn 1.2. */
    encodedMissingValue: code.default(Number.NaN),
  })
  .strict();

/** The params of OrdinalEncoder, every default explicit. */
export type OrdinalEncoderParams = z.infer<typeof paramsSchema>;

interface Fitted {
  readonly categories: Cell[][];
  readonly featureNamesIn: string[] | null;
  readonly nFeatures: number;
}

/**
 * Each input column becomes the index of its value among the column's sorted categories (scikit-learn's
 * OrdinalEncoder). Missing values encode as `encodedMissingValue` (NaN by default); unseen categories are
 * INVALID_INPUT, or `unknownValue` with handleUnknown "use_encoded_value". Takes a Frame or a numeric matrix.
 */
export class OrdinalEncoder
  extends BaseEstimator<OrdinalEncoderParams, Fitted>
  implements Transformer<OrdinalEncoderParams>
{
  static override readonly kind = "OrdinalEncoder";
  static override readonly version = 1;
  private lookups: { for: Fitted; index: CategoryIndex[] } | undefined;

  constructor(params: Partial<OrdinalEncoderParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, _y?: Target): this {
    const { handleUnknown, unknownValue, encodedMissingValue } = this.params;
    if (handleUnknown === "use_encoded_value" && unknownValue === null) {
      throw invalidParam(
        "unknownValue",
        'unknownValue must be an integer or NaN when handleUnknown is "use_encoded_value"',
      );
    }
    if (handleUnknown === "error" && unknownValue !== null) {
      throw invalidParam("unknownValue", 'unknownValue should only be set when handleUnknown is "use_encoded_value"');
    }
    const table = readTable(X);
    checkNotEmpty(table.rows);
    const labels = table.columns.map((_, j) => columnLabel(table, j));
    const categories = learnCategories(table.columns, labels, this.params.categories, handleUnknown === "error");
    categories.forEach((cats, j) => {
      const known = cats.length;
      if (unknownValue !== null && unknownValue >= 0 && unknownValue < known) {
        throw invalidParam(
          "unknownValue",
          `unknownValue ${unknownValue} is already the code of a known category of column ${labels[j]}`,
        );
      }
      const hasMissing = cats[known - 1] === null;
      if (hasMissing && encodedMissingValue >= 0 && encodedMissingValue < known) {
        throw invalidParam(
          "encodedMissingValue",
          `encodedMissingValue ${encodedMissingValue} is already the code of a known category of column ${labels[j]}`,
        );
      }
    });
    this.fitted = { categories, featureNamesIn: table.names ? [...table.names] : null, nFeatures: categories.length };
    return this;
  }

  transform(X: Input): Matrix {
    const f = this.requireFitted();
    const table = readTable(X, { names: f.featureNamesIn, width: f.nFeatures });
    if (this.lookups?.for !== f) this.lookups = { for: f, index: f.categories.map((c) => new CategoryIndex(c)) };
    const index = this.lookups.index;
    const { handleUnknown, unknownValue, encodedMissingValue } = this.params;
    const cols = f.nFeatures;
    const out = new Matrix(table.rows, cols);
    for (let j = 0; j < cols; j++) {
      const col = table.columns[j]!;
      const idx = index[j]!;
      for (let i = 0; i < table.rows; i++) {
        const v = col[i]!;
        const k = idx.get(v);
        let code: number;
        if (k < 0) {
          if (handleUnknown === "error") throw unknownCategory(table.names, j, i, v);
          code = unknownValue ?? Number.NaN;
        } else code = v === null ? encodedMissingValue : k;
        out.data[i * cols + j] = code;
      }
    }
    return out;
  }

  fitTransform(X: Input, y?: Target): Matrix {
    return this.fit(X, y).transform(X);
  }

  /** The input names (one output column per input column). */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const f = this.requireFitted();
    return inputFeatureNames(f.featureNamesIn, f.nFeatures, inputFeatures);
  }

  /** The categories of each input column (copies); null is the missing category. */
  get categories(): Cell[][] {
    return this.requireFitted().categories.map((c) => [...c]);
  }

  /** The column names seen at fit when X was a Frame, else null. */
  get featureNamesIn(): string[] | null {
    const names = this.requireFitted().featureNamesIn;
    return names ? [...names] : null;
  }
}

function invalidParam(field: string, message: string): AppError {
  return new AppError("INVALID_INPUT", message, [{ field, reason: message }]);
}

registerEstimator(OrdinalEncoder);
