/**
 * One error type for the whole code base. Each code has one HTTP status and one sentence; docs/errors.md is
 * generated from this table (scripts/generate-docs.ts) and a test fails when the two drift apart.
 */
export const ERROR_CODES = {
  INVALID_INPUT: {
    status: 400,
    doc: "The request or the data is malformed; `details` lists each bad field or row with its index and reason.",
  },
  INVALID_CONFIG: {
    status: 400,
    doc: "A configuration file or environment variable is invalid; `details` names each wrong field.",
  },
  UNAUTHENTICATED: {
    status: 401,
    doc: "No valid credentials were given (missing, expired or malformed bearer token or API key).",
  },
  FORBIDDEN: { status: 403, doc: "The credentials are valid but their role or scope does not allow this action." },
  NOT_FOUND: { status: 404, doc: "The addressed resource does not exist (or was deleted)." },
  CONFLICT: {
    status: 409,
    doc: "The request contradicts stored state, e.g. a duplicate name or a param logged again with another value.",
  },
  NOT_FITTED: { status: 409, doc: "A model was asked to predict or transform before it was fitted." },
  MISSING_FEATURES: {
    status: 422,
    doc: "The features a model needs are not available for the requested entity or time.",
  },
  RATE_LIMITED: { status: 429, doc: "Too many requests; retry after the number of seconds in the Retry-After header." },
  INTERNAL: {
    status: 500,
    doc: "An unexpected error; the body carries no internals, the server log keeps them under the request id.",
  },
  MODEL_NOT_READY: { status: 503, doc: "The requested model is not loaded yet or has no version behind the alias." },
  STORE_UNAVAILABLE: { status: 503, doc: "The database or the artifact store cannot be reached." },
} as const satisfies Record<string, { status: number; doc: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One detail of an INVALID_INPUT error: which field or row, and why. */
export interface ErrorDetail {
  readonly field?: string;
  readonly index?: number;
  readonly reason: string;
  readonly [key: string]: unknown;
}

/** The one error type: a stable code, a readable message, optional structured details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Shorthand for the most common error: bad input, with the list of what was wrong. */
export function invalidInput(message: string, details?: readonly ErrorDetail[]): AppError {
  return new AppError("INVALID_INPUT", message, details);
}

/** docs/errors.md, generated from the table above. */
export function renderErrorDocs(): string {
  const lines = [
    "# Error codes",
    "",
    "Generated from `src/core/errors.ts` by `npm run docs:generate`; a test fails when this file is stale.",
    "",
    'Every error body is `{"error": {"code", "message", "details"?, "requestId"}}`.',
    "",
    "| code | HTTP status | meaning |",
    "| --- | --- | --- |",
  ];
  for (const [code, { status, doc }] of Object.entries(ERROR_CODES)) lines.push(`| ${code} | ${status} | ${doc} |`);
  return `${lines.join("\n")}\n`;
}
