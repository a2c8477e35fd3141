import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/datasets.js";
import { CountVectorizer } from "./count-vectorizer.js";
import { TfidfVectorizer, type TfidfVectorizerParams } from "./tfidf-vectorizer.js";

interface Case {
  name: string;
  corpus: "en" | "fr" | "all" | "en100" | "fr40";
  params: Partial<TfidfVectorizerParams>;
  vocabulary: string[];
  idf: number[] | null;
  nnz: number;
  countSum: number;
  rows: number[];
  indptr: number[];
  indices: number[];
  data: number[];
}

interface TextFixture {
  en: string[];
  fr: string[];
  cases: Case[];
}

const fx = readFixture<TextFixture>("sklearn/text.json");
const corpora = {
  en: fx.en,
  fr: fx.fr,
  all: [...fx.en, ...fx.fr],
  en100: fx.en.slice(0, 100),
  fr40: fx.fr.slice(0, 40),
};

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let k = 0; k < a.length; k++) {
    worst = Math.max(worst, Math.abs(a[k]! - b[k]!) / Math.max(Math.abs(b[k]!), 1e-300));
  }
  return worst;
}

const TFIDF_ONLY = new Set(["norm", "useIdf", "smoothIdf", "sublinearTf"]);

describe("TfidfVectorizer matches scikit-learn 1.2 on English and French reviews", () => {
  for (const c of fx.cases) {
    it(`${c.name}: same vocabulary, idf and TF-IDF values (1e-6 relative)`, () => {
      const docs = corpora[c.corpus];
      const v = new TfidfVectorizer(c.params);
      const X = v.fitTransform(docs);
      expect(v.getFeatureNamesOut()).toEqual(c.vocabulary);
      if (c.idf) expect(maxRelDiff(v.idf!, c.idf)).toBeLessThan(1e-6);
      else expect(v.idf).toBeNull();
      expect(X.nnz).toBe(c.nnz);
      const sub = X.selectRows(c.rows);
      expect(Array.from(sub.indptr)).toEqual(c.indptr);
      expect(Array.from(sub.indices)).toEqual(c.indices);
      expect(maxRelDiff(sub.data, c.data)).toBeLessThan(1e-6);
      // transform on the training documents gives what fitTransform gave.
      const again = v.transform(docs);
      expect(Array.from(again.indices)).toEqual(Array.from(X.indices));
      expect(maxRelDiff(again.data, X.data)).toBe(0);

      const countParams = Object.fromEntries(Object.entries(c.params).filter(([k]) => !TFIDF_ONLY.has(k)));
      const counts = new CountVectorizer(countParams).fitTransform(docs);
      expect(counts.data.reduce((s, x) => s + x, 0)).toBe(c.countSum);
    });
  }
});
