import { z } from "zod";
import { BaseEstimator, type Input, type Target, type Transformer } from "../estimator.js";
import type { Cell } from "../frame.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty } from "../validation.js";
import { CategoryIndex, categoryName, learnCategories, unknownCategory } from "./categories.js";
import { columnLabel, inputFeatureNames, readTable } from "./table-input.js";

const cell = z.union([z.number(), z.string(), z.null()]);

const paramsSchema = z
  .object({
    categories: z.union([z.literal("auto"), z.array(z.array(cell))]).default("auto"),
    drop: z.enum(["first", "if_binary"]).nullable().default(null),
    /** Atelier's default is a dense Matrix (scikit-learn's is sparse). */
    sparseOutput: z.boolean().default(false),
    /** Atelier's default is "ignore" (scikit-learn's is "error"): unseen categories encode as all zeros. */
    handleUnknown: z.enum(["ignore", "error"]).default("ignore"),
  })
  .strict();

/** The params of OneHotEncoder, every default explicit. */
export type OneHotEncoderParams = z.infer<typeof paramsSchema>;

interface Fitted {
  /** Per column, its categories in output order; null is the missing category. */
  readonly categories: Cell[][];
  /** Per column, the index of the dropped category, or -1. */
  readonly dropIndex: Int32Array;
  /** Column names when fitted on a Frame. */
  readonly featureNamesIn: string[] | null;
  readonly nFeatures: number;
}

/**
 * One binary column per category of each input column (scikit-learn's OneHotEncoder). Categories are learned per
 * column and sorted like scikit-learn (numbers ascending, strings by code point); a missing value (null in a
 * Frame, NaN in a matrix) is a category of its own, last, named "nan". Takes a Frame of strings and/or numbers, or
 * a numeric matrix; returns a dense Matrix, or a CsrMatrix with sparseOutput.
 */
export class OneHotEncoder
  extends BaseEstimator<OneHotEncoderParams, Fitted>
  implements Transformer<OneHotEncoderParams>
{
  static override readonly kind = "OneHotEncoder";
  static override readonly version = 1;
  private lookups: { for: Fitted; index: CategoryIndex[] } | undefined;

  constructor(params: Partial<OneHotEncoderParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, _y?: Target): this {
    const table = readTable(X);
    checkNotEmpty(table.rows);
    const labels = table.columns.map((_, j) => columnLabel(table, j));
    const categories = learnCategories(
      table.columns,
      labels,
      this.params.categories,
      this.params.handleUnknown === "error",
    );
    const dropIndex = new Int32Array(categories.length).fill(-1);
    for (let j = 0; j < categories.length; j++) {
      if (this.params.drop === "first" || (this.params.drop === "if_binary" && categories[j]!.length === 2)) {
        dropIndex[j] = 0;
      }
    }
    this.fitted = {
      categories,
      dropIndex,
      featureNamesIn: table.names ? [...table.names] : null,
      nFeatures: categories.length,
    };
    return this;
  }

  transform(X: Input): Matrix | CsrMatrix {
    const f = this.requireFitted();
    const table = readTable(X, { names: f.featureNamesIn, width: f.nFeatures });
    const index = this.indexFor(f);
    const widths = f.categories.map((c, j) => c.length - (f.dropIndex[j]! >= 0 ? 1 : 0));
    const offsets = new Int32Array(widths.length + 1);
    for (let j = 0; j < widths.length; j++) offsets[j + 1] = offsets[j]! + widths[j]!;
    const width = offsets[widths.length]!;
    const n = table.rows;
    const indptr = new Int32Array(n + 1);
    const indices = new Int32Array(n * f.nFeatures);
    let nnz = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < f.nFeatures; j++) {
        const v = table.columns[j]![i]!;
        let k = index[j]!.get(v);
        if (k < 0) {
          if (this.params.handleUnknown === "error") throw unknownCategory(table.names, j, i, v);
          continue;
        }
        const drop = f.dropIndex[j]!;
        if (k === drop) continue;
        if (drop >= 0 && k > drop) k--;
        indices[nnz++] = offsets[j]! + k;
      }
      indptr[i + 1] = nnz;
    }
    if (this.params.sparseOutput) {
      return new CsrMatrix(n, width, indptr, indices.slice(0, nnz), new Float64Array(nnz).fill(1));
    }
    const out = new Matrix(n, width);
    for (let i = 0; i < n; i++) for (let p = indptr[i]!; p < indptr[i + 1]!; p++) out.data[i * width + indices[p]!] = 1;
    return out;
  }

  fitTransform(X: Input, y?: Target): Matrix | CsrMatrix {
    return this.fit(X, y).transform(X);
  }

  /** "<input name>_<category>" for every output column (input names: given, the fitted Frame's, or x0, x1, …). */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const f = this.requireFitted();
    const names = inputFeatureNames(f.featureNamesIn, f.nFeatures, inputFeatures);
    const out: string[] = [];
    f.categories.forEach((cats, j) => {
      cats.forEach((c, k) => {
        if (k !== f.dropIndex[j]) out.push(`${names[j]}_${categoryName(c)}`);
      });
    });
    return out;
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

  private indexFor(f: Fitted): CategoryIndex[] {
    if (this.lookups?.for !== f) this.lookups = { for: f, index: f.categories.map((c) => new CategoryIndex(c)) };
    return this.lookups.index;
  }
}

registerEstimator(OneHotEncoder);
