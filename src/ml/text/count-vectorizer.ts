import { z } from "zod";
import { AppError } from "../../core/index.js";
import { BaseEstimator, type Input, type Target, type Transformer } from "../estimator.js";
import type { CsrMatrix } from "../matrix.js";
import { registerEstimator } from "../save-load.js";
import { buildAnalyzer } from "./analyzer.js";
import { buildEncoder } from "./build-encoder.js";
import { countDocuments, remapColumns } from "./count-matrix.js";
import type { FeatureEncoder } from "./feature-encoder.js";
import { toDocuments } from "./text-input.js";
import { type VectorizerParams, vectorizerShape } from "./vectorizer-params.js";
import { documentCountBounds, sortAndLimit } from "./vocabulary-limits.js";

const paramsSchema = z.object(vectorizerShape).strict();

/** The params of CountVectorizer, every default explicit. */
export type CountVectorizerParams = z.infer<typeof paramsSchema>;

/** What a vectoriser learned: its terms in column order. */
export interface VocabularyFitted {
  readonly terms: string[];
}

/** Learns the vocabulary of `docs` and returns their counts (scikit-learn's CountVectorizer.fit_transform). */
export function learnCounts(docs: readonly string[], params: VectorizerParams): { counts: CsrMatrix; terms: string[] } {
  if (params.vocabulary !== null) {
    termIndex(params.vocabulary);
    const terms = params.vocabulary.slice();
    return { counts: countDocuments(docs, buildEncoder(params, terms), false, params.binary), terms };
  }
  const encoder = buildEncoder(params);
  const learned = countDocuments(docs, encoder, true, params.binary);
  if (encoder.size === 0) {
    throw new AppError("INVALID_INPUT", "empty vocabulary; perhaps the documents only contain stop words");
  }
  const bounds = documentCountBounds(params.minDf, params.maxDf, docs.length);
  const { kept, newIndex } = sortAndLimit(encoder.unitPool(), learned, bounds, params.maxFeatures);
  const terms = Array.from(kept, (id) => encoder.term(id));
  return { counts: remapColumns(learned, newIndex, terms.length), terms };
}

/** Term → column; a duplicate term is INVALID_INPUT. */
export function termIndex(terms: readonly string[]): Map<string, number> {
  const ids = new Map<string, number>();
  for (let j = 0; j < terms.length; j++) {
    if (ids.has(terms[j]!)) {
      throw new AppError("INVALID_INPUT", `Duplicate term in vocabulary: ${JSON.stringify(terms[j])}`, [
        { field: "vocabulary", index: j, reason: "duplicate term" },
      ]);
    }
    ids.set(terms[j]!, j);
  }
  return ids;
}

/** What a fitted vectoriser derives from its terms, rebuilt when it is refitted, loaded or its params change. */
export class FittedVocabulary {
  private terms: readonly string[] | undefined;
  private params: VectorizerParams | undefined;
  private encoder: FeatureEncoder | undefined;
  private index: Map<string, number> | undefined;

  /** The encoder of exactly these terms under these params. */
  encoderFor(terms: readonly string[], params: VectorizerParams): FeatureEncoder {
    if (this.terms !== terms) this.index = undefined;
    if (this.terms !== terms || this.params !== params || !this.encoder) {
      this.encoder = buildEncoder(params, terms);
      this.terms = terms;
      this.params = params;
    }
    return this.encoder;
  }

  /** Term → column. */
  indexFor(terms: readonly string[]): Map<string, number> {
    if (this.terms !== terms) {
      this.encoder = undefined;
      this.terms = terms;
    }
    this.index ??= termIndex(terms);
    return this.index;
  }

  /** The counts of `docs` over the fitted terms. */
  count(docs: readonly string[], terms: readonly string[], params: VectorizerParams): CsrMatrix {
    return countDocuments(docs, this.encoderFor(terms, params), false, params.binary);
  }
}

/**
 * Turns text documents into a sparse matrix of term counts (scikit-learn's CountVectorizer): lowercasing, accent
 * stripping, the Unicode token pattern, stop words, word or character n-grams, document-frequency pruning and
 * maxFeatures. Columns are the vocabulary in code-point order. Takes a list of strings or a one-column Frame.
 */
export class CountVectorizer
  extends BaseEstimator<CountVectorizerParams, VocabularyFitted>
  implements Transformer<CountVectorizerParams>
{
  static override readonly kind = "CountVectorizer";
  static override readonly version = 1;
  private readonly derived = new FittedVocabulary();

  constructor(params: Partial<CountVectorizerParams> = {}) {
    super(paramsSchema, params);
  }

  fit(X: Input, y?: Target): this {
    this.fitTransform(X, y);
    return this;
  }

  fitTransform(X: Input, _y?: Target): CsrMatrix {
    const { counts, terms } = learnCounts(toDocuments(X), this.params);
    this.fitted = { terms };
    return counts;
  }

  transform(X: Input): CsrMatrix {
    const { terms } = this.requireFitted();
    return this.derived.count(toDocuments(X), terms, this.params);
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
}

registerEstimator(CountVectorizer);
