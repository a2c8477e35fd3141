/** One record's answer. */
export interface RecordOutput {
  readonly prediction: number | string;
  readonly probabilities?: number[];
}

/** Many records' answers, in order. */
export interface BatchOutput {
  readonly predictions: (number | string)[];
  readonly probabilities?: number[][];
}

interface Waiting {
  readonly record: Readonly<Record<string, unknown>>;
  readonly resolve: (output: RecordOutput) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Gathers single-record predictions of one model version and runs them as one batch: what arrived in the same turn
 * of the event loop (maxWaitMs 0, flushed by setImmediate) or within maxWaitMs, at most maxBatch records a call. A
 * batch that fails is retried record by record, so one bad record fails only its own request.
 */
export class MicroBatcher {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly run: (records: readonly Readonly<Record<string, unknown>>[]) => BatchOutput,
    private readonly maxBatch: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Predicts one record with the next batch. */
  submit(record: Readonly<Record<string, unknown>>): Promise<RecordOutput> {
    return new Promise<RecordOutput>((resolve, reject) => {
      this.waiting.push({ record, resolve, reject });
      if (this.waiting.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        if (this.maxWaitMs > 0) setTimeout(this.flush, this.maxWaitMs);
        else setImmediate(this.flush);
      }
    });
  }

  /** Runs everything waiting (bound: it is a timer callback). */
  private readonly flush = (): void => {
    this.scheduled = false;
    const batch = this.waiting;
    if (batch.length === 0) return;
    this.waiting = [];
    if (batch.length === 1) {
      this.runOne(batch[0]!);
      return;
    }
    let output: BatchOutput;
    try {
      output = this.run(batch.map((w) => w.record));
    } catch {
      for (const w of batch) this.runOne(w);
      return;
    }
    const { predictions, probabilities } = output;
    for (let i = 0; i < batch.length; i++)
      batch[i]!.resolve(
        probabilities
          ? { prediction: predictions[i]!, probabilities: probabilities[i]! }
          : { prediction: predictions[i]! },
      );
  };

  private runOne(w: Waiting): void {
    try {
      const { predictions, probabilities } = this.run([w.record]);
      w.resolve(
        probabilities
          ? { prediction: predictions[0]!, probabilities: probabilities[0]! }
          : { prediction: predictions[0]! },
      );
    } catch (error) {
      w.reject(error);
    }
  }
}
