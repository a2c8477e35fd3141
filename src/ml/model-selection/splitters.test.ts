import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/fixtures/datasets.js";
import type { Label } from "../estimator.js";
import { Frame } from "../frame.js";
import { Matrix } from "../matrix.js";
import {
  checkCv,
  KFold,
  type Split,
  StratifiedKFold,
  splitterFromSpec,
  TimeSeriesSplit,
  type TimeSeriesSplitOptions,
  trainTestSplit,
} from "./index.js";

interface Folds {
  kfold: { n: number; nSplits: number; splits: { train: number[]; test: number[] }[] }[];
  stratified: { y: Label[]; nSplits: number; splits: { train: number[]; test: number[] }[] }[];
  timeSeries: { n: number; options: TimeSeriesSplitOptions; splits: { train: number[]; test: number[] }[] }[];
}
interface Fixture {
  folds: Folds;
  stratifiedSplit: { y: number[]; cases: { testSize: number; trainCounts: number[]; testCounts: number[] }[] };
}
const fixture = readFixture<Fixture>("sklearn/model_selection.json");

const plain = (splits: Split[]): { train: number[]; test: number[] }[] =>
  splits.map((s) => ({ train: Array.from(s.train), test: Array.from(s.test) }));

describe("splitters give scikit-learn's exact indices", () => {
  it("KFold without shuffle", () => {
    for (const c of fixture.folds.kfold) expect(plain(new KFold({ nSplits: c.nSplits }).split(c.n))).toEqual(c.splits);
  });

  it("StratifiedKFold without shuffle (numbers, strings, classes out of order)", () => {
    for (const c of fixture.folds.stratified) {
      expect(plain(new StratifiedKFold({ nSplits: c.nSplits }).split(c.y.length, c.y))).toEqual(c.splits);
    }
  });

  it("TimeSeriesSplit with maxTrainSize, testSize and gap", () => {
    for (const c of fixture.folds.timeSeries)
      expect(plain(new TimeSeriesSplit(c.options).split(c.n))).toEqual(c.splits);
  });
});

describe("splitters", () => {
  const covers = (splits: Split[], n: number): void => {
    const seen = new Array<number>(n).fill(0);
    for (const s of splits) {
      for (const i of s.test) seen[i]!++;
      expect(s.train.length + s.test.length).toBe(n);
      expect(new Set([...s.train, ...s.test]).size).toBe(n);
    }
    expect(seen.every((v) => v === 1)).toBe(true);
  };

  it("shuffled KFold and StratifiedKFold are seeded partitions; stratified keeps scikit-learn's fold counts", () => {
    const a = new KFold({ nSplits: 4, shuffle: true, seed: 7 }).split(30);
    expect(plain(new KFold({ nSplits: 4, shuffle: true, seed: 7 }).split(30))).toEqual(plain(a));
    expect(plain(new KFold({ nSplits: 4, shuffle: true, seed: 8 }).split(30))).not.toEqual(plain(a));
    covers(a, 30);
    const c = fixture.folds.stratified[0]!;
    const shuffled = new StratifiedKFold({ nSplits: c.nSplits, shuffle: true, seed: 3 }).split(c.y.length, c.y);
    covers(shuffled, c.y.length);
    const counts = (s: { test: ArrayLike<number> }): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const i of Array.from(s.test)) out[String(c.y[i])] = (out[String(c.y[i])] ?? 0) + 1;
      return out;
    };
    expect(shuffled.map(counts)).toEqual(c.splits.map(counts));
  });

  it("rejects too many splits and missing y, naming the problem", () => {
    expect(() => new KFold({ nSplits: 5 }).split(3)).toThrow(/nSplits=5/);
    expect(() => new KFold({ nSplits: 1 })).toThrow(/nSplits/);
    expect(() => new StratifiedKFold().split(10)).toThrow(/needs y/);
    expect(() => new StratifiedKFold({ nSplits: 3 }).split(4, [0, 0, 1, 1])).toThrow(/members in each class/);
    expect(() => new TimeSeriesSplit({ nSplits: 5 }).split(5)).toThrow(/greater than the number of rows/);
  });

  it("checkCv: a number means StratifiedKFold for classifiers with labels, else KFold; specs round-trip", () => {
    expect(checkCv(3, true, [0, 1, 0])).toBeInstanceOf(StratifiedKFold);
    expect(checkCv(3, true, [0.5, 1.5, 2])).toBeInstanceOf(KFold);
    expect(checkCv(undefined, false, [1, 2])).toBeInstanceOf(KFold);
    const ts = new TimeSeriesSplit({ nSplits: 3, gap: 1 });
    expect(plain(splitterFromSpec(ts.toSpec()).split(20))).toEqual(plain(ts.split(20)));
  });
});

describe("trainTestSplit", () => {
  const X = Matrix.fromRows(Array.from({ length: 20 }, (_, i) => [i, i * 2]));
  const y = Array.from({ length: 20 }, (_, i) => i % 3);

  it("splits any input with scikit-learn's size rules (fractions round the test part up)", () => {
    const r = trainTestSplit(X, y, { testSize: 0.33, seed: 1 });
    expect((r.XTest as Matrix).rows).toBe(7);
    expect((r.XTrain as Matrix).rows).toBe(13);
    expect(r.yTest).toHaveLength(7);
    for (let k = 0; k < 7; k++) expect((r.XTest as Matrix).get(k, 0)).toBe(r.testIndex[k]);
    expect(trainTestSplit(X, y).testIndex).toHaveLength(5);
    expect(trainTestSplit(X, y, { trainSize: 10, testSize: 4 }).trainIndex).toHaveLength(10);
    const frame = new Frame({ a: y, b: y.map(String) });
    expect((trainTestSplit(frame, undefined, { testSize: 5 }).XTest as Frame).length).toBe(5);
  });

  it("without shuffle takes the first rows for training; same seed, same split", () => {
    const r = trainTestSplit(X, y, { shuffle: false, testSize: 5 });
    expect(Array.from(r.trainIndex)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(Array.from(r.testIndex)).toEqual([15, 16, 17, 18, 19]);
    const a = trainTestSplit(X, y, { seed: 4 });
    expect(Array.from(trainTestSplit(X, y, { seed: 4 }).testIndex)).toEqual(Array.from(a.testIndex));
  });

  it("stratify gives scikit-learn's per-class counts", () => {
    const yy = fixture.stratifiedSplit.y;
    const Xs = new Matrix(yy.length, 1);
    for (const c of fixture.stratifiedSplit.cases) {
      const r = trainTestSplit(Xs, yy, { testSize: c.testSize, stratify: yy, seed: 0 });
      const count = (part: number[]): number[] => [0, 1, 2].map((k) => part.filter((v) => v === k).length);
      expect(count(r.yTrain as number[])).toEqual(c.trainCounts);
      expect(count(r.yTest as number[])).toEqual(c.testCounts);
    }
  });

  it("rejects bad sizes and y of the wrong length", () => {
    expect(() => trainTestSplit(X, y, { testSize: 1.5 })).toThrow(/testSize/);
    expect(() => trainTestSplit(X, y, { testSize: 20 })).toThrow(/testSize/);
    expect(() => trainTestSplit(X, y, { testSize: 0.5, trainSize: 0.6 })).toThrow(/more than/);
    expect(() => trainTestSplit(X, y.slice(1))).toThrow(/19 values/);
    expect(() => trainTestSplit(X, y, { shuffle: false, stratify: y })).toThrow(/shuffle/);
  });
});
