import type { TaskResult } from "./fit-and-score.js";

/** Scores of one scorer over the candidates, like the `*_test_<scorer>` entries of scikit-learn's cv_results_. */
export interface MetricResults {
  readonly meanTestScore: number[];
  readonly stdTestScore: number[];
  /** 1 is best; ties share the smallest rank; NaN means rank last. */
  readonly rankTestScore: number[];
  /** splitTestScores[s][c]: split s, candidate c (scikit-learn's split{s}_test_score). */
  readonly splitTestScores: number[][];
  readonly meanTrainScore?: number[];
  readonly stdTrainScore?: number[];
  readonly splitTrainScores?: number[][];
}

/**
 * A search's results per candidate, like scikit-learn's cv_results_ in camelCase. The top-level scores are those
 * of the refit scorer (or the only one); `metrics` has every scorer by name.
 */
export interface CvResults extends MetricResults {
  readonly params: Record<string, unknown>[];
  readonly meanFitTime: number[];
  readonly stdFitTime: number[];
  readonly meanScoreTime: number[];
  readonly stdScoreTime: number[];
  readonly metrics: Readonly<Record<string, MetricResults>>;
}

function meanStd(rows: readonly (readonly number[])[]): [number[], number[]] {
  const means: number[] = [];
  const stds: number[] = [];
  for (const row of rows) {
    let s = 0;
    for (const v of row) s += v;
    const m = s / row.length;
    let q = 0;
    for (const v of row) q += (v - m) * (v - m);
    means.push(m);
    stds.push(Math.sqrt(q / row.length));
  }
  return [means, stds];
}

/** scikit-learn's ranking: rankdata(-mean, "min"), NaN means tied below the worst, all NaN all rank 1. */
export function rankScores(means: readonly number[]): number[] {
  const finite = means.filter((m) => !Number.isNaN(m));
  if (finite.length === 0) return means.map(() => 1);
  const floor = Math.min(...finite) - 1;
  const values = means.map((m) => (Number.isNaN(m) ? floor : m));
  const sorted = [...values].sort((a, b) => b - a);
  const firstAt = new Map<number, number>();
  sorted.forEach((v, i) => {
    if (!firstAt.has(v)) firstAt.set(v, i);
  });
  return values.map((v) => 1 + firstAt.get(v)!);
}

function transpose(rows: readonly (readonly number[])[]): number[][] {
  const nSplits = rows[0]?.length ?? 0;
  return Array.from({ length: nSplits }, (_, s) => rows.map((r) => r[s]!));
}

function metricResults(results: readonly TaskResult[][], k: number, withTrain: boolean): MetricResults {
  const test = results.map((row) => row.map((r) => r.test[k]!));
  const [meanTestScore, stdTestScore] = meanStd(test);
  const out = {
    meanTestScore,
    stdTestScore,
    rankTestScore: rankScores(meanTestScore),
    splitTestScores: transpose(test),
  };
  if (!withTrain) return out;
  const train = results.map((row) => row.map((r) => r.train![k]!));
  const [meanTrainScore, stdTrainScore] = meanStd(train);
  return { ...out, meanTrainScore, stdTrainScore, splitTrainScores: transpose(train) };
}

/** Builds cvResults from the (candidate × split) task results, errors already replaced by errorScore. */
export function buildCvResults(
  params: readonly Record<string, unknown>[],
  results: readonly TaskResult[][],
  scorerNames: readonly string[],
  primary: string,
  withTrain: boolean,
): CvResults {
  const metrics: Record<string, MetricResults> = {};
  scorerNames.forEach((name, k) => {
    metrics[name] = metricResults(results, k, withTrain);
  });
  const [meanFitTime, stdFitTime] = meanStd(results.map((row) => row.map((r) => r.fitTime)));
  const [meanScoreTime, stdScoreTime] = meanStd(results.map((row) => row.map((r) => r.scoreTime)));
  return {
    params: [...params],
    meanFitTime,
    stdFitTime,
    meanScoreTime,
    stdScoreTime,
    ...metrics[primary]!,
    metrics,
  };
}
