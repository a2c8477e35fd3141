import { z } from "zod";
import { BaseEstimator, type Input, type Target, type Transformer } from "../estimator.js";
import type { CsrMatrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { buildAnalyzer } from "./analyzer.js";
import { FittedVocabulary, learnCounts } from "./count-vectorizer.js";
import { toDocuments } from "./text-input.js";
import { applyTfidf, computeIdf } from "./tfidf-weighting.js";
import { tfidfShape, vectorizerShape } from "./vectorizer-params.js";

const paramsSchema = z.object({ ...vectorizerShape, ...tfidfShape }).strict();

/** The params of TfidfVectorizer, every default explicit. */
export type TfidfVectorizerParams = z.infer<typeof paramsSchema>;

interface Fitted {
  readonly terms: string[];
  /** Null when useIdf is false. */
  readonly idf: Float64Array | null;
}

/**
 * CountVectorizer followed by TfidfTransformer (scikit-learn's TfidfVectorizer): every CountVectorizer param, plus
 * norm ("l2" | "l1" | null), useIdf, smoothIdf and sublinearTf. Returns a CSR matrix with sorted columns.
 */
export class TfidfVectorizer
  extends BaseEstimator<TfidfVectorizerParams, Fitted>
  implements Transformer<TfidfVectorizerParams>
{
  static override readonly kind = "TfidfVectorizer";
  static override readonly version = 1;
  private readonly derived = new FittedVocabulary();

  constructor(params: Partial<TfidfVectorizerParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, y?: Target): this {
    this.fitTransform(X, y);
    return this;
  }

  fitTransform(X: Input, _y?: Target): CsrMatrix {
    const { counts, terms } = learnCounts(toDocuments(X), this.params);
    const idf = this.params.useIdf ? computeIdf(counts, this.params.smoothIdf) : null;
    this.fitted = { terms, idf };
    return applyTfidf(counts, idf, this.params);
  }

  transform(X: Input): CsrMatrix {
    const { terms, idf } = this.requireFitted();
    const counts = this.derived.count(toDocuments(X), terms, this.params);
    return applyTfidf(counts, this.params.useIdf ? idf : null, this.params);
  }

  /** The terms one document yields under the current params (scikit-learn's build_analyzer()). */
  buildAnalyzer(): (doc: string) => string[] {
    const analyze = buildAnalyzer(this.params);
    return (doc) => {
      const out: string[] = [];
      analyze(doc, out);
      return out;
    };
  }

  /** The terms, in column order. */
  getFeatureNamesOut(): string[] {
    return this.requireFitted().terms.slice();
  }

  /** Term → column index (scikit-learn's vocabulary_). */
  get vocabulary(): ReadonlyMap<string, number> {
    return this.derived.indexFor(this.requireFitted().terms);
  }

  /** The inverse document frequencies (a copy); null when useIdf is false. */
  get idf(): Float64Array | null {
    return this.requireFitted().idf?.slice() ?? null;
  }
}

registerEstimator(TfidfVectorizer);
