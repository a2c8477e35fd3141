import { AppError } from "../../core/index.js";
import type { Label } from "../estimator.js";
import { uniqueLabels } from "./labels.js";
import {
  type AveragedScores,
  precisionRecallFscore,
  precisionRecallFscoreSupport,
  type ZeroDivision,
} from "./precision-recall-f1.js";

/** One line of a classification report. */
export interface ReportLine {
  readonly precision: number;
  readonly recall: number;
  readonly f1Score: number;
  readonly support: number;
}

/** A classification report: per-class lines, averages, and scikit-learn's text rendering. */
export interface ClassificationReport {
  /** One line per label, in the order of `labels`. */
  readonly classes: readonly (ReportLine & { readonly label: Label; readonly name: string })[];
  /** Present when micro-averaging equals accuracy (all labels scored), like scikit-learn's "accuracy" line. */
  readonly accuracy?: number;
  /** Present instead of `accuracy` when only some labels are scored. */
  readonly microAvg?: ReportLine;
  readonly macroAvg: ReportLine;
  readonly weightedAvg: ReportLine;
  /** The same table as sklearn.metrics.classification_report's text, character for character. */
  readonly text: string;
}

/** Options of {@link classificationReport}. */
export interface ClassificationReportOptions {
  readonly labels?: readonly Label[];
  /** Display names of the labels, in the same order. */
  readonly targetNames?: readonly string[];
  /** Decimals in the text (default 2). */
  readonly digits?: number;
  readonly zeroDivision?: ZeroDivision;
}

/** Precision, recall, F1 and support per class with their averages, like sklearn.metrics.classification_report. */
export function classificationReport(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  options: ClassificationReportOptions = {},
): ClassificationReport {
  const digits = options.digits ?? 2;
  const present = uniqueLabels(yTrue, yPred);
  const labels = options.labels ? [...options.labels] : present;
  const microIsAccuracy =
    !options.labels || (labels.length === present.length && present.every((l) => labels.includes(l)));
  if (options.targetNames && options.targetNames.length !== labels.length && !options.labels) {
    throw new AppError(
      "INVALID_INPUT",
      `Number of classes, ${labels.length}, does not match size of targetNames, ${options.targetNames.length}`,
    );
  }
  const names = options.targetNames ? [...options.targetNames] : labels.map((l) => String(l));
  const zeroDivision = options.zeroDivision ?? "warn";
  const per = precisionRecallFscoreSupport(yTrue, yPred, { labels, zeroDivision });
  const classes = labels.map((label, k) => ({
    label,
    name: names[k] ?? String(label),
    precision: per.precision[k]!,
    recall: per.recall[k]!,
    f1Score: per.fScore[k]!,
    support: per.support[k]!,
  }));
  const totalSupport = per.support.reduce((a, v) => a + v, 0);
  const line = (s: AveragedScores): ReportLine => ({
    precision: s.precision,
    recall: s.recall,
    f1Score: s.fScore,
    support: totalSupport,
  });
  const avg = (average: "micro" | "macro" | "weighted"): ReportLine =>
    line(precisionRecallFscore(yTrue, yPred, { labels, average, zeroDivision }));
  const micro = avg("micro");
  const macroAvg = avg("macro");
  const weightedAvg = avg("weighted");

  const width = Math.max(...classes.map((c) => c.name.length), "weighted avg".length, digits);
  const num = (v: number): string => pyFixed(v, digits).padStart(9);
  const row = (name: string, l: ReportLine): string =>
    `${name.padStart(width)}  ${num(l.precision)} ${num(l.recall)} ${num(l.f1Score)} ${String(l.support).padStart(9)}\n`;
  let text = `${"".padStart(width)}  ${["precision", "recall", "f1-score", "support"].map((h) => h.padStart(9)).join(" ")}\n\n`;
  for (const c of classes) text += row(c.name, c);
  text += "\n";
  if (microIsAccuracy) {
    text += `${"accuracy".padStart(width)}  ${"".padStart(9)} ${"".padStart(9)} ${num(micro.f1Score)} ${String(micro.support).padStart(9)}\n`;
  } else text += row("micro avg", micro);
  text += row("macro avg", macroAvg);
  text += row("weighted avg", weightedAvg);

  return {
    classes,
    ...(microIsAccuracy ? { accuracy: micro.precision } : { microAvg: micro }),
    macroAvg,
    weightedAvg,
    text,
  };
}

/**
 * Python's `format(v, ".{digits}f")`: the exact binary value rounded, ties to even (JavaScript's toFixed rounds
 * exact ties up, e.g. 0.125 → "0.13" where Python prints "0.12").
 */
export function pyFixed(v: number, digits: number): string {
  const s = v.toFixed(digits);
  if (!Number.isFinite(v)) return String(v);
  const extra = 30;
  const long = Math.abs(v).toFixed(digits + extra);
  const tail = long.slice(long.length - extra);
  if (tail !== `5${"0".repeat(extra - 1)}`) return s;
  const kept = long.slice(0, long.length - extra).replace(/\.$/, "");
  const lastDigit = Number(kept[kept.length - 1]);
  if (lastDigit % 2 !== 0) return s;
  return (v < 0 ? "-" : "") + kept;
}
