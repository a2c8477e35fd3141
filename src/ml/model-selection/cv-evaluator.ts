import { AppError } from "../../core/index.js";
import { type Estimator, type Input, isEstimator, type SavedModel, type Target } from "../estimator.js";
import { inputToWire, splitsToWire, targetToWire } from "./cv-payload.js";
import { failedTask, fitAndScore, type TaskResult } from "./fit-and-score.js";
import type { ResolvedScoring } from "./scorers.js";
import type { Split } from "./splitter.js";
import { CvWorkerSession, resolveJobs } from "./worker-pool.js";

/** Progress of a cross-validation or search: tasks (candidate × split) done out of the total. */
export interface Progress {
  readonly done: number;
  readonly total: number;
}

/** Options shared by crossValidate and the searches. */
export interface ParallelOptions {
  /** Worker threads: 1 (default) runs in this thread, -1 one per CPU, n > 1 that many. */
  readonly nJobs?: number;
  /** Called after every finished task. */
  readonly onProgress?: (progress: Progress) => void;
  /**
   * Modules (URLs) the workers import before rebuilding estimators, for estimator kinds registered outside
   * atelier/ml (the library itself is always loaded).
   */
  readonly workerModules?: readonly string[];
}

/** A candidate to evaluate: an unfitted estimator, or the error that prevented building it. */
export type Candidate = Estimator | { readonly failed: unknown };

/**
 * Runs (candidate × split) fit-and-score tasks, in this thread or on worker threads, with identical results:
 * in this thread each task fits a clone; a worker rebuilds the candidate from its toJSON() (same params). The
 * data goes to the workers once, on the first parallel batch, and stays there until close().
 */
export class CvEvaluator {
  private session: CvWorkerSession | undefined;
  private done = 0;

  constructor(
    private readonly X: Input,
    private readonly y: Target | undefined,
    private readonly splits: readonly Split[],
    private readonly scoring: ResolvedScoring,
    private readonly options: ParallelOptions & { readonly returnTrainScore?: boolean; readonly totalTasks: number },
  ) {}

  /** Results per candidate, per split. */
  evaluate(candidates: readonly Candidate[]): TaskResult[][] {
    const nSplits = this.splits.length;
    const jobs = resolveJobs(this.options.nJobs ?? 1, Math.max(this.options.totalTasks, 1));
    const flat = jobs > 1 ? this.runParallel(candidates, jobs) : this.runHere(candidates);
    const out: TaskResult[][] = [];
    for (let c = 0; c < candidates.length; c++) out.push(flat.slice(c * nSplits, (c + 1) * nSplits));
    return out;
  }

  private tick(): void {
    this.done++;
    this.options.onProgress?.({ done: this.done, total: Math.max(this.options.totalTasks, this.done) });
  }

  private runHere(candidates: readonly Candidate[]): TaskResult[] {
    const out: TaskResult[] = [];
    const returnTrain = this.options.returnTrainScore ?? false;
    for (const c of candidates) {
      for (const split of this.splits) {
        out.push(
          isEstimator(c)
            ? fitAndScore(c.clone(), this.X, this.y, split, this.scoring.scorers, returnTrain)
            : failedTask(c.failed),
        );
        this.tick();
      }
    }
    return out;
  }

  private runParallel(candidates: readonly Candidate[], jobs: number): TaskResult[] {
    const builtins = this.scoring.builtins;
    if (!builtins) {
      throw new AppError(
        "INVALID_INPUT",
        "Scorer functions cannot run in worker threads: use scorer names with nJobs > 1, or nJobs: 1",
      );
    }
    if (!this.session) {
      this.session = new CvWorkerSession(jobs, {
        X: inputToWire(this.X),
        y: targetToWire(this.y),
        splits: splitsToWire(this.splits),
        scorers: builtins,
        returnTrainScore: this.options.returnTrainScore ?? false,
        workerModules: this.options.workerModules ?? [],
      });
    }
    const nSplits = this.splits.length;
    // Failed candidates never reach the workers; the others travel as saved (unfitted) models.
    const sendable: SavedModel[] = [];
    const slot: number[] = [];
    candidates.forEach((c, k) => {
      if (!isEstimator(c)) return;
      slot.push(k);
      sendable.push(c.toJSON());
    });
    const out = new Array<TaskResult>(candidates.length * nSplits);
    candidates.forEach((c, k) => {
      if (isEstimator(c)) return;
      for (let s = 0; s < nSplits; s++) {
        out[k * nSplits + s] = failedTask(c.failed);
        this.tick();
      }
    });
    const results = this.session.run(sendable, nSplits, () => this.tick());
    results.forEach((r, t) => {
      out[slot[Math.floor(t / nSplits)]! * nSplits + (t % nSplits)] = r;
    });
    return out;
  }

  /** Releases the worker session, if one was opened. */
  close(): void {
    this.session?.close();
    this.session = undefined;
  }
}
