import type { DocCounts } from "./count-matrix.js";
import { type FeatureEncoder, type UnitPool, unitPoolOf } from "./feature-encoder.js";
import { finishHash, HASH_SEED, hashStep, SequenceDictionary, TokenDictionary } from "./token-dictionary.js";
import { isAstralWord, wordTable } from "./word-scanner.js";

/**
 * The fast encoder for the default word analyzer (token pattern `(?u)\b\w\w+\b`): it scans each document once,
 * hashing tokens as it goes, finds them in a TokenDictionary without creating strings, drops stop words by token id
 * and finds word n-grams as sequences of token ids. Strings are only created for new tokens; an n-gram's text is
 * built only when asked for (most n-grams are pruned by minDf before that).
 * It produces exactly the terms of the general analyzer (the tests compare both on real corpora).
 */
export class WordEncoder implements FeatureEncoder {
  private readonly tokens = new TokenDictionary();
  /** Learned features: the token of a unigram, or the n-gram's entry in `grams` (the other is -1). */
  private featureToken = new Int32Array(1024);
  private featureGram = new Int32Array(1024);
  private learned = 0;
  /** The terms when built from a fixed vocabulary. */
  private fixedTerms: readonly string[] | null = null;
  private featureOfToken = new Int32Array(1024).fill(-1);
  private stopToken = new Uint8Array(1024);
  private readonly grams: SequenceDictionary | null;
  private seq = new Int32Array(1024);
  /** Tokens queued in seq for the current document. */
  private m = 0;

  constructor(
    private readonly preprocess: (s: string) => string,
    private readonly stop: ReadonlySet<string> | null,
    private readonly minN: number,
    private readonly maxN: number,
  ) {
    this.grams = maxN >= 2 ? new SequenceDictionary() : null;
  }

  /** An encoder that knows exactly `terms` (term j is feature j); terms the analyzer cannot produce never match. */
  static fromTerms(
    preprocess: (s: string) => string,
    stop: ReadonlySet<string> | null,
    minN: number,
    maxN: number,
    terms: readonly string[],
  ): WordEncoder {
    const e = new WordEncoder(preprocess, stop, minN, maxN);
    e.fixedTerms = terms;
    // Stop words must stay known: an unknown token would wrongly sit between the neighbours of an n-gram.
    if (stop) for (const w of stop) e.internToken(w);
    let ids = new Int32Array(8);
    for (let j = 0; j < terms.length; j++) {
      const term = terms[j]!;
      const pieces = term.includes(" ") ? term.split(" ") : null;
      const n = pieces === null ? 1 : pieces.length;
      if (pieces === null) {
        if (minN === 1) {
          // Interning may grow featureOfToken: take the id before indexing the array.
          const id = e.internToken(term);
          e.featureOfToken[id] = j;
        }
      } else if (n >= minN && n <= maxN) {
        if (ids.length < n) ids = new Int32Array(n);
        for (let k = 0; k < n; k++) ids[k] = e.internToken(pieces![k]!);
        const hash = SequenceDictionary.hash(ids, 0, n);
        if (e.grams!.find(ids, 0, n, hash) < 0) e.grams!.insert(ids, 0, n, hash, j);
      }
    }
    return e;
  }

  encode(doc: string, counts: DocCounts, learning: boolean): void {
    const text = this.preprocess(doc);
    const table = wordTable();
    const len = text.length;
    this.m = 0;
    let start = -1;
    let size = 0;
    let h = HASH_SEED;
    for (let i = 0; i < len; i++) {
      const c = text.charCodeAt(i);
      if ((c & 0xf800) !== 0xd800) {
        if (table[c] === 1) {
          if (start < 0) {
            start = i;
            size = 0;
            h = HASH_SEED;
          }
          size++;
          h = hashStep(h, c);
          continue;
        }
      } else if (c <= 0xdbff && i + 1 < len) {
        // A surrogate pair: one code point, two code units.
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          if (isAstralWord(0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00))) {
            if (start < 0) {
              start = i;
              size = 0;
              h = HASH_SEED;
            }
            size++;
            h = hashStep(hashStep(h, c), low);
            i++;
            continue;
          }
          if (start >= 0 && size >= 2) this.emit(text, start, i, finishHash(h), counts, learning);
          start = -1;
          i++;
          continue;
        }
      }
      if (start >= 0) {
        if (size >= 2) this.emit(text, start, i, finishHash(h), counts, learning);
        start = -1;
      }
    }
    if (start >= 0 && size >= 2) this.emit(text, start, len, finishHash(h), counts, learning);
    if (this.grams !== null) this.addNgrams(this.m, counts, learning);
  }

  /** One token: dropped if a stop word, else counted (unigrams only) or queued for n-grams. */
  private emit(text: string, start: number, end: number, hash: number, counts: DocCounts, learning: boolean): void {
    const id = this.token(text, start, end, hash, learning);
    if (id >= 0 && this.stopToken[id] === 1) return;
    if (this.grams === null) {
      this.addUnigram(id, counts, learning);
      return;
    }
    if (this.m === this.seq.length) this.seq = growInt(this.seq, this.m * 2, 0);
    this.seq[this.m++] = id;
  }

  private addNgrams(m: number, counts: DocCounts, learning: boolean): void {
    const seq = this.seq;
    let from = this.minN;
    if (from === 1) {
      for (let i = 0; i < m; i++) this.addUnigram(seq[i]!, counts, learning);
      from = 2;
    }
    const to = Math.min(this.maxN, m);
    const grams = this.grams!;
    for (let n = from; n <= to; n++) {
      for (let i = 0; i + n <= m; i++) {
        let known = true;
        for (let k = i; k < i + n; k++) if (seq[k]! < 0) known = false;
        if (!known) continue;
        const hash = SequenceDictionary.hash(seq, i, n);
        let f = grams.find(seq, i, n, hash);
        if (f < 0) {
          if (!learning) continue;
          f = this.newFeature(-1, 0);
          this.featureGram[f] = grams.insert(seq, i, n, hash, f);
        }
        counts.add(f);
      }
    }
  }

  private addUnigram(id: number, counts: DocCounts, learning: boolean): void {
    if (id < 0) return;
    let f = this.featureOfToken[id]!;
    if (f < 0) {
      if (!learning) return;
      f = this.newFeature(id, -1);
      this.featureOfToken[id] = f;
    }
    counts.add(f);
  }

  get size(): number {
    return this.fixedTerms ? this.fixedTerms.length : this.learned;
  }

  term(id: number): string {
    if (this.fixedTerms) return this.fixedTerms[id]!;
    const token = this.featureToken[id]!;
    if (token >= 0) return this.tokens.strings[token]!;
    const e = this.featureGram[id]!;
    const grams = this.grams!;
    let gram = this.tokens.strings[grams.keyItem(e, 0)]!;
    for (let k = 1; k < grams.keyLength(e); k++) gram += ` ${this.tokens.strings[grams.keyItem(e, k)]!}`;
    return gram;
  }

  unitPool(): UnitPool {
    if (this.fixedTerms) return unitPoolOf(this.fixedTerms);
    const n = this.learned;
    const grams = this.grams;
    const starts = new Int32Array(n + 1);
    let total = 0;
    for (let f = 0; f < n; f++) {
      starts[f] = total;
      const token = this.featureToken[f]!;
      if (token >= 0) total += this.tokens.lengthOf(token);
      else {
        const e = this.featureGram[f]!;
        const len = grams!.keyLength(e);
        total += len - 1;
        for (let k = 0; k < len; k++) total += this.tokens.lengthOf(grams!.keyItem(e, k));
      }
    }
    starts[n] = total;
    const units = new Uint16Array(total);
    for (let f = 0; f < n; f++) {
      let at = starts[f]!;
      const token = this.featureToken[f]!;
      if (token >= 0) this.tokens.copyUnits(token, units, at);
      else {
        const e = this.featureGram[f]!;
        const len = grams!.keyLength(e);
        for (let k = 0; k < len; k++) {
          if (k > 0) units[at++] = 0x20;
          at = this.tokens.copyUnits(grams!.keyItem(e, k), units, at);
        }
      }
    }
    return { units, starts };
  }

  /** A new learned feature: a unigram (token ≥ 0) or an n-gram (its entry is set by the caller). */
  private newFeature(token: number, gram: number): number {
    const f = this.learned++;
    if (f === this.featureToken.length) {
      this.featureToken = growInt(this.featureToken, f * 2, 0);
      this.featureGram = growInt(this.featureGram, f * 2, 0);
    }
    this.featureToken[f] = token;
    this.featureGram[f] = gram;
    return f;
  }

  /** The id of a scanned token; unknown tokens are added while learning, else -1. */
  private token(text: string, start: number, end: number, hash: number, learning: boolean): number {
    const id = this.tokens.find(text, start, end, hash);
    if (id >= 0 || !learning) return id;
    return this.added(this.tokens.insert(text.slice(start, end), hash));
  }

  private internToken(str: string): number {
    const before = this.tokens.size;
    const id = this.tokens.intern(str);
    return id === before ? this.added(id) : id;
  }

  private added(id: number): number {
    if (id >= this.featureOfToken.length) {
      this.featureOfToken = growInt(this.featureOfToken, id * 2, -1);
      const stop = new Uint8Array(id * 2);
      stop.set(this.stopToken);
      this.stopToken = stop;
    }
    this.stopToken[id] = this.stop?.has(this.tokens.strings[id]!) ? 1 : 0;
    return id;
  }
}

function growInt(a: Int32Array, size: number, fill: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(size).fill(fill);
  bigger.set(a);
  return bigger;
}
