export { type Clock, ManualClock, systemClock } from "./clock.js";
export { CONFIG_KEYS, type Config, loadConfig } from "./config.js";
export {
  AppError,
  ERROR_CODES,
  type ErrorCode,
  type ErrorDetail,
  invalidInput,
  isAppError,
  renderErrorDocs,
} from "./errors.js";
export { createLogger, type Logger, loggerOptions } from "./logger.js";
export { LOCAL_PRINCIPAL, type Principal, ROLES, type Role, roleAllows } from "./principal.js";
export { SeededRandom } from "./random.js";
