// Public names of this area are exported here and re-exported by src/ml/index.ts.
export { CountVectorizer, type CountVectorizerParams } from "./count-vectorizer.js";
export type { StopWords } from "./stop-words.js";
export { stripAccentsAscii, stripAccentsUnicode } from "./strip-accents.js";
export { TfidfTransformer, type TfidfTransformerParams } from "./tfidf-transformer.js";
export { TfidfVectorizer, type TfidfVectorizerParams } from "./tfidf-vectorizer.js";
export { DEFAULT_TOKEN_PATTERN } from "./token-pattern.js";
