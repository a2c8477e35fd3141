import { type Cell, Frame, loadModel } from "atelier/ml";
import { AppError, type ErrorDetail } from "../core/index.js";
import type { VersionMetrics } from "../monitoring/index.js";
import type { ModelVersion } from "../tracking/index.js";
import { type BatchOutput, MicroBatcher, type RecordOutput } from "./micro-batcher.js";
import type { JsonSchema } from "./predict-contract.js";
import { compileRecordCheck, type RecordCheck, recordSchema } from "./request-schema.js";

/** What serving needs of a loaded estimator or pipeline. */
interface Predictor {
  readonly predict?: (X: Frame) => ArrayLike<number | string>;
  readonly predictProba?: (X: Frame) => { rows: number; cols: number; data: Float64Array };
  readonly classes?: readonly (number | string)[];
}

type Row = Readonly<Record<string, unknown>>;

/** Micro-batching settings: SERVING_MAX_BATCH (1 turns it off) and SERVING_MAX_WAIT_MS. */
export interface BatchSettings {
  readonly maxBatch: number;
  readonly maxWaitMs: number;
}

/**
 * One version held in memory: the rebuilt model, its compiled request check, its bound metrics and its micro-batcher.
 * Loaded once per name@version and shared by every alias pointing to it.
 */
export class LoadedModel {
  readonly name: string;
  readonly version: number;
  readonly schema: JsonSchema;
  readonly classes: (number | string)[] | undefined;
  /** When a request last used it (epoch ms), so idle pinned versions can be unloaded. */
  lastUsed = Date.now();
  private readonly check: RecordCheck;
  private readonly columns: readonly string[] | undefined;
  private readonly batcher: MicroBatcher | undefined;
  private readonly predictFn: ((X: Frame) => ArrayLike<number | string>) | undefined;
  private readonly probaFn: Predictor["predictProba"];

  constructor(
    readonly info: ModelVersion,
    model: Predictor,
    readonly metrics: VersionMetrics,
    batching: BatchSettings,
  ) {
    this.name = info.modelName;
    this.version = info.version;
    this.schema = recordSchema(info.signature, info.inputExample);
    this.check = compileRecordCheck(this.schema);
    this.columns = info.signature?.inputs.map((i) => i.name);
    // Taken once: a Pipeline's predict and predictProba are getters that build a closure on each read.
    this.predictFn = typeof model.predict === "function" ? model.predict.bind(model) : undefined;
    this.probaFn = typeof model.predictProba === "function" ? model.predictProba.bind(model) : undefined;
    if (this.predictFn === undefined && this.probaFn === undefined)
      throw new AppError("INVALID_INPUT", `Model ${this.name} version ${this.version} cannot predict`);
    this.classes = this.probaFn ? [...model.classes!] : undefined;
    this.batcher =
      batching.maxBatch > 1
        ? new MicroBatcher((records) => this.predictNow(records), batching.maxBatch, batching.maxWaitMs)
        : undefined;
  }

  /** Rebuilds a version from its saved model JSON. */
  static fromJson(info: ModelVersion, json: unknown, metrics: VersionMetrics, batching: BatchSettings): LoadedModel {
    return new LoadedModel(info, loadModel(json as Parameters<typeof loadModel>[0]) as Predictor, metrics, batching);
  }

  /** True for classifiers (answers carry class probabilities). */
  get classifier(): boolean {
    return this.classes !== undefined;
  }

  /** Pushes a detail per bad field of each record (index given for batches); true when all are valid. */
  validate(records: readonly unknown[], details: ErrorDetail[]): boolean {
    if (records.length === 1) return this.check(records[0], undefined, details);
    let ok = true;
    for (let i = 0; i < records.length; i++) ok = this.check(records[i], i, details) && ok;
    return ok;
  }

  /**
   * The model's input table, column by column. With a signature the records were checked against it (numbers,
   * strings, booleans or null only), so cells are copied without Frame.fromRecords' per-cell checks.
   */
  private frameOf(records: readonly Row[]): Frame {
    const columns = this.columns;
    if (columns === undefined) return Frame.fromRecords(records);
    const n = records.length;
    const table: Record<string, Cell[]> = {};
    for (const name of columns) {
      const column = new Array<Cell>(n);
      for (let i = 0; i < n; i++) {
        const v = records[i]![name];
        column[i] = v === undefined || v === null ? null : typeof v === "boolean" ? (v ? 1 : 0) : (v as Cell);
      }
      table[name] = column;
    }
    return new Frame(table);
  }

  /** Predicts records at once: one pass through the model (classifiers: the class of highest probability). */
  predictNow(records: readonly Row[]): BatchOutput {
    const frame = this.frameOf(records);
    if (this.classes === undefined) return { predictions: Array.from(this.predictFn!(frame)) };
    const P = this.probaFn!(frame);
    const k = P.cols;
    const data = P.data;
    const classes = this.classes;
    const predictions = new Array<number | string>(P.rows);
    const probabilities = new Array<number[]>(P.rows);
    for (let i = 0; i < P.rows; i++) {
      const row = new Array<number>(k);
      let best = 0;
      for (let j = 0; j < k; j++) {
        const p = data[i * k + j]!;
        row[j] = p;
        if (p > row[best]!) best = j;
      }
      predictions[i] = classes[best]!;
      probabilities[i] = row;
    }
    return { predictions, probabilities };
  }

  /** Predicts one record, with the next micro-batch when batching is on. */
  predictOne(record: Row): Promise<RecordOutput> | BatchOutput {
    return this.batcher ? this.batcher.submit(record) : this.predictNow([record]);
  }
}
