import { eng, fra } from "stopword";
import { AppError } from "../../core/index.js";

/** A stop-word param: a built-in list name, an explicit list, or null for none. */
export type StopWords = "english" | "french" | readonly string[] | null;

/**
 * The set of words dropped before n-grams are formed. "english" and "french" are the lists of the `stopword` npm
 * package (its `eng` and `fra`), NOT scikit-learn's ENGLISH_STOP_WORDS: pass scikit-learn's list explicitly when
 * exact parity with a scikit-learn model matters. Words are compared after lowercasing and accent stripping of the
 * documents, but the list itself is used as given (as in scikit-learn).
 */
export function resolveStopWords(stopWords: StopWords): ReadonlySet<string> | null {
  if (stopWords === null) return null;
  if (stopWords === "english") return new Set(eng);
  if (stopWords === "french") return new Set(fra);
  if (Array.isArray(stopWords)) return new Set(stopWords);
  throw new AppError("INVALID_INPUT", `not a built-in stop list: ${String(stopWords)}`, [
    { field: "stopWords", reason: "expected english, french, a list of words or null" },
  ]);
}
