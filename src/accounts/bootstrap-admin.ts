import { isAppError, type Logger } from "../core/index.js";
import type { AccountsService } from "./accounts-service.js";
import type { User } from "./entities.js";

/**
 * First start: when ATELIER_ADMIN_USERNAME and ATELIER_ADMIN_PASSWORD are set and no user exists yet, creates that
 * admin. Does nothing once any user exists, so changing the variables later never resets a password.
 */
export async function ensureAdminFromEnv(
  accounts: AccountsService,
  credentials: { username?: string | undefined; password?: string | undefined },
  logger?: Pick<Logger, "info">,
): Promise<User | undefined> {
  const { username, password } = credentials;
  if (!username || !password || (await accounts.hasUsers())) return undefined;
  try {
    const admin = await accounts.createUser({ username, password, role: "admin" });
    logger?.info({ username }, "created the first admin from ATELIER_ADMIN_USERNAME");
    return admin;
  } catch (error) {
    // Another replica starting at the same moment created it first.
    if (isAppError(error) && error.code === "CONFLICT") return undefined;
    throw error;
  }
}
