// Every estimator registers its kind when its module loads: the worker loads the whole library.
import "../index.js";
import type { Input, SavedModel, Target } from "../estimator.js";
import { loadModel } from "../save-load.js";
import { type CvPayload, inputFromWire, targetFromWire } from "./cv-payload.js";
import { failedTask, fitAndScore } from "./fit-and-score.js";
import { getScorer, type Scorer } from "./scorers.js";
import type { Split } from "./splitter.js";
import { markInsideCvWorker } from "./worker-pool.js";

interface Session {
  readonly X: Input;
  readonly y: Target | undefined;
  readonly splits: readonly Split[];
  readonly scorers: Scorer[];
  readonly returnTrainScore: boolean;
}

type ToWorker =
  | { type: "open"; session: number; payload: CvPayload }
  | {
      type: "run";
      session: number;
      batch: number;
      candidates: SavedModel[];
      nSplits: number;
      next: Int32Array;
    }
  | { type: "close"; session: number };

/** The task loop of a cross-validation worker: opens sessions, runs claimed tasks, sends results. */
export function createTaskRunner(send: (message: unknown) => void): { handle(message: unknown): Promise<void> } {
  markInsideCvWorker();
  const sessions = new Map<number, Session>();
  // Sessions whose data could not be prepared (e.g. a workerModules URL that does not load), with the reason.
  const failed = new Map<number, string>();
  return {
    async handle(raw: unknown): Promise<void> {
      const message = raw as ToWorker;
      if (message.type === "open") {
        const p = message.payload;
        try {
          for (const url of p.workerModules) await import(url);
          sessions.set(message.session, {
            X: inputFromWire(p.X),
            y: targetFromWire(p.y),
            splits: p.splits,
            scorers: p.scorers.map(getScorer),
            returnTrainScore: p.returnTrainScore,
          });
        } catch (e) {
          failed.set(message.session, e instanceof Error ? e.message : String(e));
        }
      } else if (message.type === "close") {
        sessions.delete(message.session);
        failed.delete(message.session);
      } else if (message.type === "run") {
        const s = sessions.get(message.session);
        if (!s) {
          const reason = failed.get(message.session) ?? `unknown session ${message.session}`;
          send({ type: "sessionError", session: message.session, message: reason });
          return;
        }
        const total = message.candidates.length * message.nSplits;
        for (let task = Atomics.add(message.next, 0, 1); task < total; task = Atomics.add(message.next, 0, 1)) {
          const candidate = Math.floor(task / message.nSplits);
          const split = s.splits[task % message.nSplits]!;
          let result: ReturnType<typeof fitAndScore>;
          try {
            const estimator = loadModel(message.candidates[candidate]!);
            result = fitAndScore(estimator, s.X, s.y, split, s.scorers, s.returnTrainScore);
          } catch (e) {
            result = failedTask(e);
          }
          send({ type: "result", session: message.session, batch: message.batch, task, result });
        }
      }
    },
  };
}
