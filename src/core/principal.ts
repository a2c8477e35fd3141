/** Roles, from least to most powerful: reads need viewer, writes editor, alias moves and deletions admin. */
export const ROLES = ["viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: a user (bearer JWT from /token) or a machine (API key). */
export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly kind: "user" | "apiKey";
  readonly role: Role;
  /** For API keys scoped to some models (e.g. ["model:churn"]); absent means unrestricted within the role. */
  readonly scopes?: readonly string[];
}

/** True when `role` is at least `required`. */
export function roleAllows(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** The principal used by local code (CLI on the local store, in-process SDK): full rights, named for the record. */
export const LOCAL_PRINCIPAL: Principal = { id: "local", name: "local", kind: "user", role: "admin" };
