import { describe, expect, it } from "vitest";
import { loadDataset, readFixture } from "../../../test/fixtures/datasets.js";
import { AppError } from "../../core/index.js";
import { checkEstimator } from "../check-estimator.suite.js";
import type { Label } from "../estimator.js";
import { CsrMatrix, Matrix } from "../matrix.js";
import { CountVectorizer } from "../text/index.js";
import { MultinomialNB, type MultinomialNBParams } from "./multinomial-nb.js";

interface Case {
  name: string;
  data: "reviews" | "digits" | "iris";
  params: Partial<MultinomialNBParams>;
  nnz?: number;
  heldOutAccuracy?: number;
  classes: Label[];
  classCount: number[];
  classLogPrior: number[];
  featureLogProb: number[];
  predict: Label[];
  probaRows: number[];
  proba: number[];
}

const fx = readFixture<{ cases: Case[] }>("sklearn/naive_bayes.json");
const text = readFixture<{ en: string[]; fr: string[]; enLabels: number[]; frLabels: number[] }>("sklearn/text.json");

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let k = 0; k < a.length; k++)
    worst = Math.max(worst, Math.abs(a[k]! - b[k]!) / Math.max(Math.abs(b[k]!), 1e-12));
  return worst;
}

/** Train / evaluation data of a case, split as the fixture script splits it. */
function caseData(c: Case): { Xtrain: Matrix | CsrMatrix; ytrain: Label[]; Xeval: Matrix | CsrMatrix; yeval: Label[] } {
  if (c.data === "reviews") {
    const docs = [...text.en, ...text.fr];
    const labels = [...text.enLabels, ...text.frLabels].map((l) => (l === 1 ? "pos" : "neg"));
    const counts = new CountVectorizer().fitTransform(docs);
    expect(counts.nnz).toBe(c.nnz);
    const train = docs.map((_, i) => i).filter((i) => i % 5 !== 0);
    const held = docs.map((_, i) => i).filter((i) => i % 5 === 0);
    return {
      Xtrain: counts.selectRows(train),
      ytrain: train.map((i) => labels[i]!),
      Xeval: counts.selectRows(held),
      yeval: held.map((i) => labels[i]!),
    };
  }
  const ds = loadDataset(c.data);
  if (c.data === "digits") {
    const tr = Array.from({ length: 1200 }, (_, i) => i);
    const ev = Array.from({ length: ds.X.rows - 1200 }, (_, i) => 1200 + i);
    return {
      Xtrain: ds.X.selectRows(tr),
      ytrain: tr.map((i) => ds.y[i]!),
      Xeval: ds.X.selectRows(ev),
      yeval: ev.map((i) => ds.y[i]!),
    };
  }
  return { Xtrain: ds.X, ytrain: ds.y, Xeval: ds.X, yeval: ds.y };
}

const small = Matrix.fromRows([
  [2, 1, 0, 0],
  [3, 0, 1, 0],
  [0, 0, 4, 1],
  [0, 1, 3, 2],
  [1, 0, 0, 5],
  [0, 2, 0, 4],
]);
const smallY = ["a", "a", "b", "b", "c", "c"];

checkEstimator("MultinomialNB (dense)", () => new MultinomialNB(), { X: small, y: smallY });
checkEstimator("MultinomialNB (sparse, class prior)", () => new MultinomialNB({ classPrior: [0.2, 0.3, 0.5] }), {
  X: CsrMatrix.fromDense(small),
  y: smallY,
});

describe("MultinomialNB matches scikit-learn 1.2 (1e-6 relative)", () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      const d = caseData(c);
      const nb = new MultinomialNB(c.params).fit(d.Xtrain, d.ytrain);
      expect(nb.classes).toEqual(c.classes);
      expect(Array.from(nb.classCount)).toEqual(c.classCount);
      expect(maxRelDiff(nb.classLogPrior, c.classLogPrior)).toBeLessThan(1e-6);
      expect(maxRelDiff(nb.featureLogProb.data, c.featureLogProb)).toBeLessThan(1e-6);
      expect(nb.predict(d.Xeval)).toEqual(c.predict);
      const rows = d.Xeval.selectRows(c.probaRows);
      expect(maxRelDiff(nb.predictProba(rows).data, c.proba)).toBeLessThan(1e-6);
      if (c.heldOutAccuracy !== undefined) expect(nb.score(d.Xeval, d.yeval)).toBeCloseTo(c.heldOutAccuracy, 12);
    });
  }
});

describe("MultinomialNB", () => {
  it("gives the same model from dense and sparse input", () => {
    const a = new MultinomialNB().fit(small, smallY);
    const b = new MultinomialNB().fit(CsrMatrix.fromDense(small), smallY);
    expect(Array.from(b.featureLogProb.data)).toEqual(Array.from(a.featureLogProb.data));
    const pa = a.predictProba(small);
    const pb = b.predictProba(CsrMatrix.fromDense(small));
    expect(maxRelDiff(pb.data, pa.data)).toBeLessThan(1e-14);
  });

  it("probabilities sum to one even when joint log-likelihoods are far below zero", () => {
    const nb = new MultinomialNB().fit(small, smallY);
    const huge = Matrix.fromRows([[2000, 1000, 0, 0]]);
    const p = nb.predictProba(huge);
    expect(p.data.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(nb.predict(huge)).toEqual(["a"]);
  });

  it("sample weights count rows several times", () => {
    const weighted = new MultinomialNB().fit(small, smallY, [2, 1, 1, 1, 1, 1]);
    const repeated = new MultinomialNB().fit(Matrix.fromRows([...small.toArrays(), small.toArrays()[0]!]), [
      ...smallY,
      "a",
    ]);
    expect(maxRelDiff(weighted.featureLogProb.data, repeated.featureLogProb.data)).toBeLessThan(1e-14);
  });

  it("rejects negative counts, unknown labels at scoring and a wrong number of priors", () => {
    const neg = small.clone();
    neg.set(2, 1, -1);
    expect(() => new MultinomialNB().fit(neg, smallY)).toThrow(/row 2, column 1/);
    const nb = new MultinomialNB().fit(small, smallY);
    expect(() => nb.score(small, ["a", "a", "b", "b", "c", "z"])).toThrow(AppError);
    expect(() => new MultinomialNB({ classPrior: [0.5, 0.5] }).fit(small, smallY)).toThrow(/classPrior/);
    const negSparse = CsrMatrix.fromDense(neg);
    expect(() => new MultinomialNB().fit(negSparse, smallY)).toThrow(/row 2, column 1/);
  });

  it("names the row of a non-finite value at predict time, sparse or dense, binary or not", () => {
    const bad = small.clone();
    bad.set(4, 3, Number.NaN);
    const binary = new MultinomialNB().fit(small.selectRows([0, 1, 2, 3]), ["a", "a", "b", "b"]);
    const multi = new MultinomialNB().fit(small, smallY);
    for (const nb of [binary, multi]) {
      expect(() => nb.predict(CsrMatrix.fromDense(bad))).toThrow(/row 4, column 3/);
      expect(() => nb.predictProba(CsrMatrix.fromDense(bad))).toThrow(/row 4, column 3/);
      expect(() => nb.predict(bad)).toThrow(/row 4/);
    }
  });
});
