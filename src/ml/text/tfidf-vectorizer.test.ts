import { describe, expect, it } from "vitest";
import { checkEstimator } from "../check-estimator.suite.js";
import { Frame } from "../frame.js";
import { CountVectorizer } from "./count-vectorizer.js";
import { TfidfTransformer } from "./tfidf-transformer.js";
import { TfidfVectorizer } from "./tfidf-vectorizer.js";

// scikit-learn's TfidfVectorizer docstring corpus.
const corpus = [
  "This is the first document.",
  "This document is the second document.",
  "And this is the third one.",
  "Is this the first document?",
];

checkEstimator("TfidfVectorizer", () => new TfidfVectorizer(), { X: corpus, Xtest: ["a second first", "none"] });
checkEstimator(
  "TfidfVectorizer (char_wb, sublinear, l1, Frame)",
  () => new TfidfVectorizer({ analyzer: "char_wb", ngramRange: [2, 3], sublinearTf: true, norm: "l1" }),
  { X: new Frame({ text: corpus }) },
);

describe("TfidfVectorizer", () => {
  it("gives scikit-learn's feature names and values on its docstring corpus", () => {
    const v = new TfidfVectorizer();
    const X = v.fitTransform(corpus);
    expect(v.getFeatureNamesOut()).toEqual(["and", "document", "first", "is", "one", "second", "the", "third", "this"]);
    expect(X.rows).toBe(4);
    expect(X.cols).toBe(9);
    // sklearn: TfidfVectorizer().fit_transform(corpus)[0].toarray()
    const row0 = [0, 0.46979139, 0.58028582, 0.38408524, 0, 0, 0.38408524, 0, 0.38408524];
    const dense = X.toDense();
    for (let j = 0; j < row0.length; j++) expect(dense.get(0, j)).toBeCloseTo(row0[j]!, 8);
  });

  it("equals CountVectorizer followed by TfidfTransformer", () => {
    const params = { ngramRange: [1, 2] as [number, number], sublinearTf: true, smoothIdf: false };
    const direct = new TfidfVectorizer(params).fitTransform(corpus).toDense();
    const counts = new CountVectorizer({ ngramRange: [1, 2] }).fitTransform(corpus);
    const twoStep = new TfidfTransformer({ sublinearTf: true, smoothIdf: false }).fitTransform(counts).toDense();
    expect(Array.from(direct.data)).toEqual(Array.from(twoStep.data));
  });

  it("transforms unseen documents with the fitted vocabulary and idf", () => {
    const v = new TfidfVectorizer({ norm: null }).fit(corpus);
    const X = v.transform(["unknown words and the third"]).toDense();
    const idf = v.idf!;
    expect(X.get(0, 0)).toBeCloseTo(idf[0]!, 12);
    expect(X.get(0, 6)).toBeCloseTo(idf[6]!, 12);
    expect(X.get(0, 7)).toBeCloseTo(idf[7]!, 12);
    expect(X.row(0).filter((x) => x !== 0).length).toBe(3);
  });
});
