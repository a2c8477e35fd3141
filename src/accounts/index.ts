export { MIN_PASSWORD_LENGTH, type NewApiKey, type NewUser } from "./account-rules.js";
export { accountsMigrations } from "./accounts-migrations.js";
export { type AccountsOptions, AccountsService, API_KEY_CACHE_MS, BAD_CREDENTIALS } from "./accounts-service.js";
export { API_KEY_MARK } from "./api-key-format.js";
export { ensureAdminFromEnv } from "./bootstrap-admin.js";
export type { AccessToken, ApiKey, Page, PageRequest, User } from "./entities.js";
export { JWT_SECRET_FILE, loadJwtSecret } from "./jwt-secret.js";
export { DEFAULT_LOGIN_LIMITS, type LoginLimits } from "./login-throttle.js";
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./page-token.js";
