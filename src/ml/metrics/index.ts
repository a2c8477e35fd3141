export {
  accuracyScore,
  balancedAccuracyScore,
  type ConfusionMatrixOptions,
  confusionMatrix,
} from "./classification.js";
export {
  type ClassificationReport,
  type ClassificationReportOptions,
  classificationReport,
  type ReportLine,
} from "./classification-report.js";
export { type LogLossOptions, logLoss } from "./log-loss.js";
export {
  type Average,
  type AveragedScores,
  f1Score,
  fbetaScore,
  type PerLabelScores,
  type PrfOptions,
  precisionRecallFscore,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  type ZeroDivision,
} from "./precision-recall-f1.js";
export {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  r2Score,
  rootMeanSquaredError,
} from "./regression.js";
export { auc, type RocAucOptions, type RocCurve, rocAucScore, rocCurve } from "./roc-auc.js";
