import type { Analyze } from "./analyzer.js";
import type { DocCounts } from "./count-matrix.js";

/** Turns one document into feature ids (adding them to `counts`), learning unseen features when `learning`. */
export interface FeatureEncoder {
  /** Feature strings by id, in order of first appearance while learning (column order when built from terms). */
  readonly terms: readonly string[];
  encode(doc: string, counts: DocCounts, learning: boolean): void;
}

/** The general encoder: an analyzer producing term strings, and a Map from term to id. */
export class StringEncoder implements FeatureEncoder {
  readonly terms: string[] = [];
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
