import type { Analyze } from "./analyzer.js";
import type { DocCounts } from "./count-matrix.js";

/** The code units of every feature, back to back: feature i is units[starts[i] .. starts[i + 1]). */
export interface UnitPool {
  readonly units: Uint16Array;
  readonly starts: Int32Array;
}

/**
 * Turns one document into feature ids (adding them to `counts`), learning unseen features when `learning`.
 * Features are numbered in order of first appearance while learning, in column order when built from terms; their
 * strings are only materialised on demand (most n-grams of a corpus are pruned before anyone needs their text).
 */
export interface FeatureEncoder {
  readonly size: number;
  encode(doc: string, counts: DocCounts, learning: boolean): void;
  /** The text of feature `id`. */
  term(id: number): string;
  /** The code units of all features, for sorting them without creating their strings. */
  unitPool(): UnitPool;
}

/** The pool of a list of strings. */
export function unitPoolOf(terms: readonly string[]): UnitPool {
  let total = 0;
  for (let i = 0; i < terms.length; i++) total += terms[i]!.length;
  const units = new Uint16Array(total);
  const starts = new Int32Array(terms.length + 1);
  let at = 0;
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    starts[i] = at;
    for (let k = 0; k < t.length; k++) units[at++] = t.charCodeAt(k);
  }
  starts[terms.length] = at;
  return { units, starts };
}

/** The general encoder: an analyzer producing term strings, and a Map from term to id. */
export class StringEncoder implements FeatureEncoder {
  private readonly terms: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly buffer: string[] = [];

  constructor(private readonly analyze: Analyze) {}

  /** An encoder that knows exactly `terms`, term j being feature j. */
  static fromTerms(analyze: Analyze, terms: readonly string[]): StringEncoder {
    const e = new StringEncoder(analyze);
    for (const t of terms) {
      e.ids.set(t, e.terms.length);
      e.terms.push(t);
    }
    return e;
  }

  get size(): number {
    return this.terms.length;
  }

  term(id: number): string {
    return this.terms[id]!;
  }

  unitPool(): UnitPool {
    return unitPoolOf(this.terms);
  }

  encode(doc: string, counts: DocCounts, learning: boolean): void {
    const tokens = this.buffer;
    tokens.length = 0;
    this.analyze(doc, tokens);
    for (let t = 0; t < tokens.length; t++) {
      const term = tokens[t]!;
      let id = this.ids.get(term);
      if (id === undefined) {
        if (!learning) continue;
        id = this.terms.length;
        this.ids.set(term, id);
        this.terms.push(term);
      }
      counts.add(id);
    }
  }
}
