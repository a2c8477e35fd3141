/** Recognises constraint violations from either driver (better-sqlite3 codes, PostgreSQL SQLSTATEs). */
function code(error: unknown): string {
  return String((error as { code?: unknown })?.code ?? "");
}

/** A UNIQUE or PRIMARY KEY constraint refused the write. */
export function isUniqueViolation(error: unknown): boolean {
  const c = code(error);
  return c === "23505" || c === "SQLITE_CONSTRAINT_UNIQUE" || c === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** A FOREIGN KEY constraint refused the write. */
export function isForeignKeyViolation(error: unknown): boolean {
  const c = code(error);
  return c === "23503" || c === "SQLITE_CONSTRAINT_FOREIGNKEY";
}

/** PostgreSQL gave up a transaction to break a deadlock or a serialization conflict: safe to retry. */
export function isRetryable(error: unknown): boolean {
  const c = code(error);
  return c === "40001" || c === "40P01" || c === "SQLITE_BUSY" || c === "SQLITE_BUSY_SNAPSHOT";
}
