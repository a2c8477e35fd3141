import { z } from "zod";
import { DEFAULT_TOKEN_PATTERN } from "./token-pattern.js";

const documentFrequency = z
  .number()
  .min(0)
  .refine((v) => Number.isInteger(v) || v <= 1, "a proportion must be in [0, 1]; integers are document counts");

const ngramSize = z.number().int().min(1);

/**
 * The params CountVectorizer and TfidfVectorizer share: scikit-learn 1.2's names (camelCase) and defaults.
 * minDf / maxDf: an integer is a number of documents, any other number in [0, 1] a proportion of them; 1 keeps its
 * scikit-learn default meaning on both (minDf 1 = at least one document, maxDf 1 = 100% of them).
 */
export const vectorizerShape = {
  lowercase: z.boolean().default(true),
  stripAccents: z.enum(["unicode", "ascii"]).nullable().default(null),
  analyzer: z.enum(["word", "char", "char_wb"]).default("word"),
  /** In Python `re` syntax, translated (see compileTokenPattern). */
  tokenPattern: z.string().min(1).default(DEFAULT_TOKEN_PATTERN),
  stopWords: z
    .union([z.enum(["english", "french"]), z.array(z.string())])
    .nullable()
    .default(null),
  ngramRange: z
    .tuple([ngramSize, ngramSize])
    .refine(([lo, hi]) => lo <= hi, "lower boundary larger than the upper boundary")
    .default([1, 1]),
  maxDf: documentFrequency.default(1),
  minDf: documentFrequency.default(1),
  maxFeatures: z.number().int().min(1).nullable().default(null),
  /** A fixed vocabulary, in column order (then minDf, maxDf and maxFeatures are ignored, as in scikit-learn). */
  vocabulary: z.array(z.string()).min(1).nullable().default(null),
  binary: z.boolean().default(false),
};

/** The TF-IDF weighting params (TfidfTransformer, TfidfVectorizer). */
export const tfidfShape = {
  norm: z.enum(["l2", "l1"]).nullable().default("l2"),
  useIdf: z.boolean().default(true),
  smoothIdf: z.boolean().default(true),
  sublinearTf: z.boolean().default(false),
};

const vectorizerSchema = z.object(vectorizerShape).strict();

/** The resolved shared vectoriser params. */
export type VectorizerParams = z.infer<typeof vectorizerSchema>;
