import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../core/index.js";
import { Matrix } from "../matrix.js";
import { type ParamDistributions, parameterGrid, RandomizedSearchCV, sampleParameters, TpeSearchCV } from "./index.js";
import { normalCdf, ParzenEstimator } from "./parzen.js";
import { ToyQuadraticScore, ToyRidge } from "./toy-estimators.suite.js";

const X = Matrix.fromRows(Array.from({ length: 12 }, (_, i) => [i, (i * 7) % 5]));
const y = Array.from({ length: 12 }, (_, i) => i * 0.5);
const dists: ParamDistributions = { alpha: { logUniform: [1e-4, 1e2] }, l1Ratio: { uniform: [0, 1] } };
const BEST = ToyQuadraticScore.objective(0.05, 0.7);

describe("parameter sampling", () => {
  it("grids are enumerated like ParameterGrid: sorted keys, last key fastest", () => {
    expect(parameterGrid({ b: [1, 2], a: ["x", "y"] })).toEqual([
      { a: "x", b: 1 },
      { a: "x", b: 2 },
      { a: "y", b: 1 },
      { a: "y", b: 2 },
    ]);
    expect(parameterGrid([{ a: [1] }, { c: [true, false] }])).toHaveLength(3);
  });

  it("lists only: distinct grid points without replacement, capped by the grid size", () => {
    const s = sampleParameters({ a: [1, 2, 3], b: ["x", "y"] }, 4, new SeededRandom(1));
    expect(new Set(s.map((p) => JSON.stringify(p))).size).toBe(4);
    expect(sampleParameters({ a: [1, 2] }, 10, new SeededRandom(1))).toHaveLength(2);
  });

  it("distributions stay in range; randint excludes its high end; bad ranges are INVALID_INPUT", () => {
    const s = sampleParameters(
      { u: { uniform: [2, 3] }, l: { logUniform: [1e-3, 1] }, r: { randint: [1, 4] }, c: ["a", "b"] },
      200,
      new SeededRandom(2),
    );
    for (const p of s) {
      expect(p.u as number).toBeGreaterThanOrEqual(2);
      expect(p.u as number).toBeLessThan(3);
      expect(p.l as number).toBeGreaterThanOrEqual(1e-3);
      expect([1, 2, 3]).toContain(p.r);
    }
    expect(new Set(s.map((p) => p.r)).size).toBe(3);
    expect(() => sampleParameters({ l: { logUniform: [0, 1] } }, 1, new SeededRandom())).toThrow(/logUniform/);
    expect(() => new RandomizedSearchCV({ estimator: new ToyRidge(), paramDistributions: { a: 3 } as never })).toThrow(
      /list of values/,
    );
  });

  it("RandomizedSearchCV: same seed, same candidates", () => {
    const make = (seed: number): RandomizedSearchCV =>
      new RandomizedSearchCV({ estimator: new ToyQuadraticScore(), paramDistributions: dists, nIter: 5, cv: 2, seed });
    const a = make(3).fit(X, y).cvResults.params;
    expect(make(3).fit(X, y).cvResults.params).toEqual(a);
    expect(make(4).fit(X, y).cvResults.params).not.toEqual(a);
  });
});

describe("Parzen densities", () => {
  it("normal CDF is accurate enough and the truncated mixture integrates to 1", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    const p = new ParzenEstimator([0.2, 0.25, 0.9], 0, 1);
    let integral = 0;
    const steps = 2000;
    for (let k = 0; k < steps; k++) integral += Math.exp(p.logPdf((k + 0.5) / steps)) / steps;
    expect(integral).toBeCloseTo(1, 3);
    expect(p.logPdf(0.22)).toBeGreaterThan(p.logPdf(0.6));
  });
});

describe("TpeSearchCV", () => {
  it("reaches random search's best score in fewer trials, averaged over seeds, on a smooth known objective", () => {
    const seeds = [0, 1, 2, 3, 4, 5];
    const nIter = 40;
    const trialsToReach = (scores: number[], target: number): number => {
      let best = Number.NEGATIVE_INFINITY;
      for (let t = 0; t < scores.length; t++) {
        best = Math.max(best, scores[t]!);
        if (best >= target) return t + 1;
      }
      return scores.length + 1;
    };
    let randomTrials = 0;
    let tpeTrials = 0;
    let randomBest = 0;
    let tpeBest = 0;
    for (const seed of seeds) {
      const common = {
        estimator: new ToyQuadraticScore(),
        paramDistributions: dists,
        nIter,
        cv: 2,
        seed,
        refit: false,
      };
      const random = new RandomizedSearchCV(common).fit(X, y).cvResults.meanTestScore;
      const tpe = new TpeSearchCV({ ...common, nStartup: 10 }).fit(X, y).cvResults.meanTestScore;
      const target = Math.max(...random);
      randomTrials += trialsToReach(random, target);
      tpeTrials += trialsToReach(tpe, target);
      randomBest += target;
      tpeBest += Math.max(...tpe);
    }
    expect(tpeTrials / seeds.length).toBeLessThan(randomTrials / seeds.length);
    expect(tpeBest / seeds.length).toBeGreaterThanOrEqual(randomBest / seeds.length);
    expect(tpeBest / seeds.length).toBeGreaterThan(BEST - 0.01);
  });

  it("handles categorical and integer params, is seeded, and refits the best", () => {
    const make = (): TpeSearchCV =>
      new TpeSearchCV({
        estimator: new ToyRidge(),
        paramDistributions: { alpha: { randint: [1, 50] }, fitIntercept: [true, false] },
        nIter: 12,
        nStartup: 4,
        cv: 3,
        seed: 9,
      });
    const a = make().fit(X, y);
    expect(make().fit(X, y).cvResults.params).toEqual(a.cvResults.params);
    for (const p of a.cvResults.params) {
      expect(Number.isInteger(p.alpha)).toBe(true);
      expect(p.alpha as number).toBeGreaterThanOrEqual(1);
      expect(p.alpha as number).toBeLessThan(50);
    }
    expect((a.bestEstimator as ToyRidge).params.alpha).toBe(a.bestParams.alpha);
    expect(a.cvResults.params).toHaveLength(12);
  });
});
