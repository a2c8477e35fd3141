import type { DocCounts } from "./count-matrix.js";
import type { FeatureEncoder } from "./feature-encoder.js";
import { finishHash, HASH_SEED, hashStep, SequenceDictionary, TokenDictionary } from "./token-dictionary.js";
import { isAstralWord, wordTable } from "./word-scanner.js";

/**
 * The fast encoder for the default word analyzer (token pattern `(?u)\b\w\w+\b`): it scans each document once,
 * hashing tokens as it goes, finds them in a TokenDictionary without creating strings, drops stop words by token id
 * and finds word n-grams as sequences of token ids. Strings are only created for new tokens and new features.
 * It produces exactly the terms of the general analyzer (the tests compare both on real corpora).
 */
export class WordEncoder implements FeatureEncoder {
  readonly terms: string[] = [];
  private readonly tokens = new TokenDictionary();
  private featureOfToken = new Int32Array(1024).fill(-1);
  private stopToken = new Uint8Array(1024);
  private readonly grams: SequenceDictionary | null;
  private seq = new Int32Array(1024);

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
    // Stop words must stay known: an unknown token would wrongly sit between the neighbours of an n-gram.
    if (stop) for (const w of stop) e.internToken(w);
    let ids = new Int32Array(8);
    for (let j = 0; j < terms.length; j++) {
      const term = terms[j]!;
      e.terms.push(term);
      const pieces = term.split(" ");
      const n = pieces.length;
      if (n === 1) {
        if (minN === 1) {
          // Interning may grow featureOfToken: take the id before indexing the array.
          const id = e.internToken(term);
          e.featureOfToken[id] = j;
        }
      } else if (n >= minN && n <= maxN) {
        if (ids.length < n) ids = new Int32Array(n);
        for (let k = 0; k < n; k++) ids[k] = e.internToken(pieces[k]!);
        const hash = SequenceDictionary.hash(ids, 0, n);
        if (e.grams!.find(ids, 0, n, hash) < 0) e.grams!.insert(ids, 0, n, hash, j);
      }
    }
    return e;
  }

  encode(doc: string, counts: DocCounts, learning: boolean): void {
    const text = this.preprocess(doc);
    const table = wordTable();
    const unigramsOnly = this.grams === null;
    const len = text.length;
    let m = 0;
    let start = -1;
    let size = 0;
    let h = HASH_SEED;
    // One step past the end closes a token that runs to the end of the text.
    for (let i = 0; i <= len; i++) {
      let word = false;
      let wide = false;
      let c = 0;
      let low = 0;
      if (i < len) {
        c = text.charCodeAt(i);
        if (c < 0xd800 || c > 0xdfff) word = table[c] === 1;
        else if (c <= 0xdbff && i + 1 < len) {
          low = text.charCodeAt(i + 1);
          wide = low >= 0xdc00 && low <= 0xdfff;
          word = wide && isAstralWord(0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00));
        }
      }
      if (word) {
        if (start < 0) {
          start = i;
          size = 0;
          h = HASH_SEED;
        }
        size++;
        h = hashStep(h, c);
        if (wide) h = hashStep(h, low);
      } else if (start >= 0) {
        if (size >= 2) {
          const id = this.token(text, start, i, finishHash(h), learning);
          if (id < 0 || this.stopToken[id] === 0) {
            if (unigramsOnly) this.addUnigram(id, counts, learning);
            else {
              if (m === this.seq.length) this.seq = growInt(this.seq, m * 2, 0);
              this.seq[m++] = id;
            }
          }
        }
        start = -1;
      }
      if (wide) i++;
    }
    if (!unigramsOnly) this.addNgrams(m, counts, learning);
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
          f = this.terms.length;
          let gram = this.tokens.strings[seq[i]!]!;
          for (let k = i + 1; k < i + n; k++) gram += ` ${this.tokens.strings[seq[k]!]!}`;
          this.terms.push(gram);
          grams.insert(seq, i, n, hash, f);
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
      f = this.terms.length;
      this.terms.push(this.tokens.strings[id]!);
      this.featureOfToken[id] = f;
    }
    counts.add(f);
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
