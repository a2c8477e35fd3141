import type { Role } from "../core/index.js";

/** A person who logs in with a password and gets JWT access tokens. */
export interface User {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly createdAt: Date;
  /** A disabled user cannot log in; tokens already issued stay valid until they expire. */
  readonly disabled: boolean;
}

/** A machine credential. The secret itself is never stored, only its SHA-256. */
export interface ApiKey {
  readonly id: string;
  readonly name: string;
  /** The public lookup part of the key (`atk_<prefix>_<secret>`), safe to show and log. */
  readonly prefix: string;
  readonly role: Role;
  /** E.g. ["model:churn"]; empty means unrestricted within the role. */
  readonly scopes: readonly string[];
  /** Name of the principal that created the key. */
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  /** When the key was last accepted (precision about a minute: see AccountsService.verifyApiKey). */
  readonly lastUsedAt: Date | null;
}

/** One page of a listing; `nextPageToken` is absent on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextPageToken?: string;
}

/** What a caller asks for when listing. */
export interface PageRequest {
  readonly pageSize?: number;
  readonly pageToken?: string;
}

/** A bearer access token as /token answers it (before the OAuth2 snake_case renaming). */
export interface AccessToken {
  readonly accessToken: string;
  readonly tokenType: "bearer";
  /** Seconds until the token expires. */
  readonly expiresIn: number;
}
