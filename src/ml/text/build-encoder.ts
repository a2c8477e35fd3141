import { type AnalyzerOptions, buildAnalyzer, buildPreprocessor } from "./analyzer.js";
import { type FeatureEncoder, StringEncoder } from "./feature-encoder.js";
import { resolveStopWords } from "./stop-words.js";
import { isDefaultTokenPattern } from "./token-pattern.js";
import { WordEncoder } from "./word-encoder.js";

/**
 * The encoder for these analyzer options: the fast WordEncoder for the default word analyzer, else the general
 * analyzer with a Map. With `terms`, an encoder of that fixed vocabulary (term j → column j).
 */
export function buildEncoder(o: AnalyzerOptions, terms?: readonly string[]): FeatureEncoder {
  if (o.analyzer === "word" && isDefaultTokenPattern(o.tokenPattern)) {
    const preprocess = buildPreprocessor(o.lowercase, o.stripAccents);
    const stop = resolveStopWords(o.stopWords);
    const [minN, maxN] = o.ngramRange;
    return terms
      ? WordEncoder.fromTerms(preprocess, stop, minN, maxN, terms)
      : new WordEncoder(preprocess, stop, minN, maxN);
  }
  const analyze = buildAnalyzer(o);
  return terms ? StringEncoder.fromTerms(analyze, terms) : new StringEncoder(analyze);
}
