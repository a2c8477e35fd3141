import { type ErrorDetail, invalidInput, ROLES, type Role } from "../core/index.js";

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
/** `kind:name`, e.g. model:churn; `*` allowed in the name for families of resources. */
const SCOPE = /^[a-z][a-z0-9_-]*:[A-Za-z0-9._*/-]{1,200}$/;
export const MIN_PASSWORD_LENGTH = 8;
/** Longer inputs are refused before hashing so a huge body cannot make argon2 work for nothing. */
export const MAX_PASSWORD_LENGTH = 1024;
const MAX_SCOPES = 32;

/** What a new user needs. */
export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
}

/** What a new API key needs. */
export interface NewApiKey {
  readonly name: string;
  readonly role: Role;
  readonly scopes?: readonly string[];
}

function roleProblem(role: unknown): ErrorDetail | undefined {
  return ROLES.includes(role as Role) ? undefined : { field: "role", reason: `must be one of ${ROLES.join(", ")}` };
}

/** INVALID_INPUT naming each bad field of a new user. */
export function checkNewUser(input: NewUser): void {
  const problems: ErrorDetail[] = [];
  if (typeof input.username !== "string" || !USERNAME.test(input.username))
    problems.push({
      field: "username",
      reason: "must be 1-64 characters: letters, digits, '.', '_', '@' or '-', starting with a letter or digit",
    });
  if (
    typeof input.password !== "string" ||
    input.password.length < MIN_PASSWORD_LENGTH ||
    input.password.length > MAX_PASSWORD_LENGTH
  )
    problems.push({
      field: "password",
      reason: `must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
    });
  const role = roleProblem(input.role);
  if (role) problems.push(role);
  if (problems.length) throw invalidInput(`Invalid user: ${problems.map((p) => p.field).join(", ")}`, problems);
}

/** INVALID_INPUT naming each bad field of a new API key; returns the scopes deduplicated and sorted. */
export function checkNewApiKey(input: NewApiKey): string[] {
  const problems: ErrorDetail[] = [];
  if (typeof input.name !== "string" || input.name.trim().length === 0 || input.name.length > 100)
    problems.push({ field: "name", reason: "must be 1-100 characters" });
  const role = roleProblem(input.role);
  if (role) problems.push(role);
  const scopes = input.scopes ?? [];
  if (!Array.isArray(scopes) || scopes.length > MAX_SCOPES)
    problems.push({ field: "scopes", reason: `must be a list of at most ${MAX_SCOPES} scopes` });
  else
    scopes.forEach((scope, index) => {
      if (typeof scope !== "string" || !SCOPE.test(scope))
        problems.push({ field: "scopes", index, reason: `"${scope}" is not kind:name, e.g. model:churn` });
    });
  if (problems.length) throw invalidInput(`Invalid API key: ${problems.map((p) => p.field).join(", ")}`, problems);
  return [...new Set(scopes)].sort();
}
