import { resolveStopWords, type StopWords } from "./stop-words.js";
import { stripAccentsAscii, stripAccentsUnicode } from "./strip-accents.js";
import { compileTokenPattern, isDefaultTokenPattern, SPACE_CLASS } from "./token-pattern.js";
import { scanWords } from "./word-scanner.js";

/** What turns a document into terms (scikit-learn's build_analyzer inputs). */
export interface AnalyzerOptions {
  readonly analyzer: "word" | "char" | "char_wb";
  readonly lowercase: boolean;
  readonly stripAccents: "unicode" | "ascii" | null;
  readonly tokenPattern: string;
  readonly stopWords: StopWords;
  readonly ngramRange: readonly [number, number];
}

/** Appends the terms of one document to `out` (a buffer the caller reuses, so no array is allocated per document). */
export type Analyze = (doc: string, out: string[]) => void;

const SPACE_RUN = new RegExp(`[${SPACE_CLASS}]{2,}`, "gu");
const SPACE_SPLIT = new RegExp(`[${SPACE_CLASS}]+`, "u");
const SURROGATE = /[\uD800-\uDFFF]/;

/** The analyzer scikit-learn builds for these options: preprocess (lowercase, then accents), tokenise, n-grams. */
export function buildAnalyzer(o: AnalyzerOptions): Analyze {
  const preprocess = buildPreprocessor(o.lowercase, o.stripAccents);
  const [minN, maxN] = o.ngramRange;
  if (o.analyzer === "char_wb") {
    return (doc, out) => {
      for (const word of preprocess(doc).split(SPACE_SPLIT)) if (word !== "") charWbNgrams(word, minN, maxN, out);
    };
  }
  if (o.analyzer === "char") return (doc, out) => charNgrams(preprocess(doc).replace(SPACE_RUN, " "), minN, maxN, out);
  const tokenize = buildTokenizer(o.tokenPattern);
  const stop = resolveStopWords(o.stopWords);
  if (stop === null && maxN === 1) return (doc, out) => tokenize(preprocess(doc), out);
  const tokens: string[] = [];
  return (doc, out) => {
    tokens.length = 0;
    tokenize(preprocess(doc), tokens);
    if (stop !== null) {
      let kept = 0;
      for (let i = 0; i < tokens.length; i++) if (!stop.has(tokens[i]!)) tokens[kept++] = tokens[i]!;
      tokens.length = kept;
    }
    wordNgrams(tokens, minN, maxN, out);
  };
}

/** scikit-learn's preprocessor: lowercase first, then strip accents. */
export function buildPreprocessor(lowercase: boolean, stripAccents: "unicode" | "ascii" | null): (s: string) => string {
  const strip = stripAccents === "unicode" ? stripAccentsUnicode : stripAccents === "ascii" ? stripAccentsAscii : null;
  if (lowercase && strip) return (s) => strip(s.toLowerCase());
  if (lowercase) return (s) => s.toLowerCase();
  return strip ?? ((s) => s);
}

function buildTokenizer(pattern: string): (text: string, out: string[]) => void {
  if (isDefaultTokenPattern(pattern)) return scanWords;
  const { regex, group } = compileTokenPattern(pattern);
  return (text, out) => {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      out.push(group ? (m[1] ?? "") : m[0]);
      // Like Python's findall, an empty match is kept and the search moves on by one code point.
      if (m[0].length === 0) regex.lastIndex += (text.codePointAt(regex.lastIndex) ?? 0) > 0xffff ? 2 : 1;
    }
  };
}

/** scikit-learn's _word_ngrams on tokens already stripped of stop words. */
function wordNgrams(tokens: readonly string[], minN: number, maxN: number, out: string[]): void {
  const m = tokens.length;
  let from = minN;
  if (minN === 1) {
    for (let i = 0; i < m; i++) out.push(tokens[i]!);
    from = 2;
  }
  const to = Math.min(maxN, m);
  for (let n = from; n <= to; n++) {
    for (let i = 0; i + n <= m; i++) {
      let gram = tokens[i]!;
      for (let k = 1; k < n; k++) gram += ` ${tokens[i + k]!}`;
      out.push(gram);
    }
  }
}

/** The text as code points when it holds surrogate pairs (Python counts code points), else null (code units do). */
function codePoints(text: string): string[] | null {
  return SURROGATE.test(text) ? Array.from(text) : null;
}

function slice(text: string, points: string[] | null, start: number, end: number): string {
  return points === null ? text.slice(start, end) : points.slice(start, end).join("");
}

/** scikit-learn's _char_ngrams (whitespace runs already collapsed). */
function charNgrams(text: string, minN: number, maxN: number, out: string[]): void {
  const points = codePoints(text);
  const len = points === null ? text.length : points.length;
  let from = minN;
  if (minN === 1) {
    for (let i = 0; i < len; i++) out.push(points === null ? text[i]! : points[i]!);
    from = 2;
  }
  const to = Math.min(maxN, len);
  for (let n = from; n <= to; n++) for (let i = 0; i + n <= len; i++) out.push(slice(text, points, i, i + n));
}

/** scikit-learn's _char_wb_ngrams for one whitespace-separated word. */
function charWbNgrams(word: string, minN: number, maxN: number, out: string[]): void {
  const w = ` ${word} `;
  const points = codePoints(w);
  const len = points === null ? w.length : points.length;
  for (let n = minN; n <= maxN; n++) {
    let offset = 0;
    out.push(slice(w, points, 0, n));
    while (offset + n < len) {
      offset++;
      out.push(slice(w, points, offset, offset + n));
    }
    // A word shorter than n is counted once, and longer n-grams of it are not tried.
    if (offset === 0) break;
  }
}
