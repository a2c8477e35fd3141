export { registerDbCommand } from "./db.js";
export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
export { registerExperimentsCommand } from "./experiments.js";
export { requestJson } from "./http-client.js";
export { registerKeysCommand } from "./keys.js";
export type { LocalAccounts, OpenLocalAccounts } from "./local-accounts.js";
export { registerModelsCommand } from "./models.js";
export {
  httpPredictionSource,
  localPredictionSource,
  type PredictionRow,
  type PredictionSource,
} from "./prediction-source.js";
export { type OpenPredictions, registerPredictionsCommand } from "./predictions.js";
export { createProgress, type Progress } from "./progress.js";
export { compareTable, registerRunsCommand } from "./runs.js";
export { registerServeCommand } from "./serve.js";
export type { OpenTracker, Output, TrackerTarget } from "./tracker-command.js";
export { type CommandIo, registerUsersCommand } from "./users.js";
