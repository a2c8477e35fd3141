import { z } from "zod";
import { BaseEstimator, type Input, type Target, type Transformer } from "../estimator.js";
import { CsrMatrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { checkNotEmpty, checkWidth, toMatrixOrSparse } from "../validation.js";
import { applyTfidf, computeIdf } from "./tfidf-weighting.js";
import { tfidfShape } from "./vectorizer-params.js";

const paramsSchema = z.object(tfidfShape).strict();

/** The params of TfidfTransformer, every default explicit. */
export type TfidfTransformerParams = z.infer<typeof paramsSchema>;

interface Fitted {
  /** Null when useIdf is false. */
  readonly idf: Float64Array | null;
  readonly nFeatures: number;
}

/** Reweights a count matrix by TF-IDF and normalises its rows (scikit-learn's TfidfTransformer). Returns CSR. */
export class TfidfTransformer
  extends BaseEstimator<TfidfTransformerParams, Fitted>
  implements Transformer<TfidfTransformerParams>
{
  static override readonly kind = "TfidfTransformer";
  static override readonly version = 1;

  constructor(params: Partial<TfidfTransformerParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, _y?: Target): this {
    const counts = toCsr(X);
    checkNotEmpty(counts.rows);
    this.fitted = {
      idf: this.params.useIdf ? computeIdf(counts, this.params.smoothIdf) : null,
      nFeatures: counts.cols,
    };
    return this;
  }

  transform(X: Input): CsrMatrix {
    const f = this.requireFitted();
    const counts = toCsr(X);
    checkWidth(counts.cols, f.nFeatures);
    return applyTfidf(counts, this.params.useIdf ? f.idf : null, this.params);
  }

  fitTransform(X: Input, y?: Target): CsrMatrix {
    return this.fit(X, y).transform(X);
  }

  /** The learned inverse document frequencies (a copy); null when useIdf is false. */
  get idf(): Float64Array | null {
    return this.requireFitted().idf?.slice() ?? null;
  }
}

function toCsr(X: Input): CsrMatrix {
  const m = toMatrixOrSparse(X);
  return m instanceof CsrMatrix ? m : CsrMatrix.fromDense(m);
}

registerEstimator(TfidfTransformer);
