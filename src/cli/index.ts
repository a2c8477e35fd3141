export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
export { requestJson } from "./http-client.js";
export { registerKeysCommand } from "./keys.js";
export type { LocalAccounts, OpenLocalAccounts } from "./local-accounts.js";
export { createProgress, type Progress } from "./progress.js";
export { registerServeCommand } from "./serve.js";
export { type CommandIo, registerUsersCommand } from "./users.js";
