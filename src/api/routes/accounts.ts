import formbody from "@fastify/formbody";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AccessToken, AccountsService, ApiKey, User } from "../../accounts/index.js";
import { isAppError, ROLES, type Role } from "../../core/index.js";
import { errorBody } from "../plugins/errors.js";
import { errorResponses } from "../schemas.js";

const TAGS = ["accounts"];
const RATE_LIMIT_MESSAGE = "Rate limit exceeded. Please try again later.";

const errorPart = { $ref: "ErrorBody#/properties/error" } as const;

const userSchema = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    username: { type: "string" },
    role: { type: "string", enum: ROLES },
    createdAt: { type: "string", format: "date-time" },
    disabled: { type: "boolean" },
  },
  required: ["id", "username", "role", "createdAt", "disabled"],
  examples: [
    {
      id: "0f8e6d4c-2b1a-4c3d-9e8f-7a6b5c4d3e2f",
      username: "alice",
      role: "editor",
      createdAt: "2026-03-01T12:00:00.000Z",
      disabled: false,
    },
  ],
} as const;

const apiKeyProperties = {
  id: { type: "string", format: "uuid" },
  name: { type: "string" },
  prefix: { type: "string", description: "Public part of the key (atk_<prefix>_…), to recognise it" },
  role: { type: "string", enum: ROLES },
  scopes: { type: "array", items: { type: "string" }, description: "Empty: unrestricted within the role" },
  createdBy: { type: "string" },
  createdAt: { type: "string", format: "date-time" },
  revokedAt: { type: ["string", "null"], format: "date-time" },
  lastUsedAt: { type: ["string", "null"], format: "date-time", description: "Precision: about a minute" },
} as const;

const apiKeyExample = {
  id: "6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d",
  name: "churn scorer",
  prefix: "9f2c4b7a1e3d5c8b",
  role: "viewer",
  scopes: ["model:churn"],
  createdBy: "alice",
  createdAt: "2026-03-01T12:00:00.000Z",
  revokedAt: null,
  lastUsedAt: null,
};

const apiKeySchema = {
  type: "object",
  properties: apiKeyProperties,
  required: Object.keys(apiKeyProperties),
  examples: [apiKeyExample],
} as const;

const pageQuery = {
  type: "object",
  properties: {
    pageSize: { type: "integer", minimum: 1, maximum: 500, default: 50, examples: [50] },
    pageToken: { type: "string", description: "nextPageToken of the previous page" },
  },
  additionalProperties: false,
} as const;

const userJson = (u: User) => ({ ...u, createdAt: u.createdAt.toISOString() });
const apiKeyJson = (k: ApiKey) => ({
  ...k,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
});
const tokenJson = (t: AccessToken) => ({
  access_token: t.accessToken,
  token_type: t.tokenType,
  expires_in: t.expiresIn,
});

/** The course's answers on /token, with Atelier's error object beside them. */
function loginFailure(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (!isAppError(error)) throw error;
  if (error.code === "UNAUTHENTICATED")
    return reply
      .status(401)
      .header("www-authenticate", "Bearer")
      .send({ detail: error.message, ...errorBody(error.code, error.message, request.id) });
  if (error.code === "RATE_LIMITED") {
    const { retryAfterSeconds } = error.details as { retryAfterSeconds: number };
    return reply
      .status(429)
      .header("retry-after", String(retryAfterSeconds))
      .send({ message: RATE_LIMIT_MESSAGE, ...errorBody(error.code, error.message, request.id, error.details) });
  }
  throw error;
}

/** /token (OAuth2 password flow) and the /api/v1 users, keys and me routes, over the accounts service. */
export function accountsRoutes(accounts: AccountsService) {
  return async (app: FastifyInstance): Promise<void> => {
    // Form bodies only in this plugin's scope: /token speaks the OAuth2 password form; everything else JSON.
    await app.register(formbody);

    app.post(
      "/token",
      {
        schema: {
          tags: TAGS,
          summary: "Log in: a bearer access token for a username and password",
          consumes: ["application/x-www-form-urlencoded", "application/json"],
          description:
            "OAuth2 password flow: an application/x-www-form-urlencoded (or JSON) body with username and password. " +
            "The same 401 answers an unknown username and a wrong password. After 5 failures for one username " +
            "(20 for one client address) in 15 minutes, answers 429 with Retry-After; a success clears the username.",
          body: {
            type: "object",
            properties: {
              username: { type: "string", examples: ["alice"] },
              password: { type: "string", examples: ["correct horse battery staple"] },
              grant_type: { type: "string", enum: ["password"] },
              scope: { type: "string" },
            },
            required: ["username", "password"],
          },
          response: {
            200: {
              type: "object",
              properties: {
                access_token: { type: "string" },
                token_type: { type: "string", enum: ["bearer"] },
                expires_in: { type: "integer", description: "Seconds until the token expires" },
              },
              examples: [
                { access_token: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…", token_type: "bearer", expires_in: 3600 },
              ],
            },
            400: { $ref: "ErrorBody#" },
            401: {
              type: "object",
              properties: { detail: { type: "string" }, error: errorPart },
              examples: [
                {
                  detail: "Incorrect username or password",
                  error: { code: "UNAUTHENTICATED", message: "Incorrect username or password", requestId: "r-1" },
                },
              ],
            },
            429: {
              type: "object",
              properties: { message: { type: "string" }, error: errorPart },
              examples: [
                {
                  message: RATE_LIMIT_MESSAGE,
                  error: {
                    code: "RATE_LIMITED",
                    message: "Too many failed logins; retry in 840 s",
                    details: { retryAfterSeconds: 840 },
                    requestId: "r-2",
                  },
                },
              ],
            },
          },
        },
      },
      async (request, reply) => {
        const { username, password } = request.body as { username: string; password: string };
        try {
          return tokenJson(await accounts.login(username, password, request.ip));
        } catch (error) {
          return loginFailure(error, request, reply);
        }
      },
    );

    app.get(
      "/api/v1/me",
      {
        config: { auth: "viewer" },
        schema: {
          tags: TAGS,
          summary: "Who am I: the principal of the credentials sent",
          response: {
            200: {
              type: "object",
              properties: {
                id: { type: "string" },
                name: { type: "string" },
                kind: { type: "string", enum: ["user", "apiKey"] },
                role: { type: "string", enum: ROLES },
                scopes: { type: "array", items: { type: "string" } },
              },
              examples: [{ id: "0f8e6d4c-2b1a-4c3d-9e8f-7a6b5c4d3e2f", name: "alice", kind: "user", role: "editor" }],
            },
          },
        },
      },
      async (request) => request.principal,
    );

    app.get(
      "/api/v1/users",
      {
        config: { auth: "admin" },
        schema: {
          tags: TAGS,
          summary: "List users, by username, one page at a time",
          querystring: pageQuery,
          response: {
            200: {
              type: "object",
              properties: { users: { type: "array", items: userSchema }, nextPageToken: { type: "string" } },
              examples: [{ users: userSchema.examples, nextPageToken: "WyJhbGljZSJd" }],
            },
            ...errorResponses(400),
          },
        },
      },
      async (request) => {
        const page = await accounts.listUsers(request.query as { pageSize: number; pageToken?: string });
        return {
          users: page.items.map(userJson),
          ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
        };
      },
    );

    app.post(
      "/api/v1/users",
      {
        config: { auth: "admin" },
        schema: {
          tags: TAGS,
          summary: "Create a user",
          description: "Usernames: 1-64 letters, digits, '.', '_', '@' or '-'. Passwords: 8 to 1024 characters.",
          body: {
            type: "object",
            properties: {
              username: { type: "string" },
              password: { type: "string" },
              role: { type: "string", enum: ROLES, default: "viewer" },
            },
            required: ["username", "password"],
            additionalProperties: false,
            examples: [{ username: "bob", password: "a long passphrase", role: "viewer" }],
          },
          response: { 201: userSchema, ...errorResponses(400, 409) },
        },
      },
      async (request, reply) => {
        const body = request.body as { username: string; password: string; role: Role };
        return reply.status(201).send(userJson(await accounts.createUser(body)));
      },
    );

    app.get(
      "/api/v1/keys",
      {
        config: { auth: "admin" },
        schema: {
          tags: TAGS,
          summary: "List API keys (never their secrets), oldest first, revoked ones included",
          querystring: pageQuery,
          response: {
            200: {
              type: "object",
              properties: { keys: { type: "array", items: apiKeySchema }, nextPageToken: { type: "string" } },
              examples: [{ keys: [apiKeyExample] }],
            },
            ...errorResponses(400),
          },
        },
      },
      async (request) => {
        const page = await accounts.listApiKeys(request.query as { pageSize: number; pageToken?: string });
        return {
          keys: page.items.map(apiKeyJson),
          ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
        };
      },
    );

    app.post(
      "/api/v1/keys",
      {
        config: { auth: "admin" },
        schema: {
          tags: TAGS,
          summary: "Create an API key; its secret is in this answer and nowhere else, ever",
          description:
            "Send the secret as `x-api-key: atk_…` or `Authorization: Bearer atk_…`. Scopes (kind:name, e.g. " +
            "model:churn) restrict the key to those resources; none means every resource its role allows.",
          body: {
            type: "object",
            properties: {
              name: { type: "string" },
              role: { type: "string", enum: ROLES, default: "viewer" },
              scopes: { type: "array", items: { type: "string" } },
            },
            required: ["name"],
            additionalProperties: false,
            examples: [{ name: "churn scorer", role: "viewer", scopes: ["model:churn"] }],
          },
          response: {
            201: {
              type: "object",
              properties: { ...apiKeyProperties, secret: { type: "string", description: "atk_<prefix>_<secret>" } },
              examples: [{ ...apiKeyExample, secret: "atk_9f2c4b7a1e3d5c8b_Vx3…" }],
            },
            ...errorResponses(400),
          },
        },
      },
      async (request, reply) => {
        const body = request.body as { name: string; role: Role; scopes?: string[] };
        const { key, secret } = await accounts.createApiKey(body, request.principal!);
        return reply.status(201).send({ ...apiKeyJson(key), secret });
      },
    );

    app.delete(
      "/api/v1/keys/:id",
      {
        config: { auth: "admin" },
        schema: {
          tags: TAGS,
          summary: "Revoke an API key",
          description:
            "Idempotent. The key stops working at once on this server and within 2 seconds on every replica.",
          params: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
          response: { 200: apiKeySchema, ...errorResponses(404) },
        },
      },
      async (request) => apiKeyJson(await accounts.revokeApiKey((request.params as { id: string }).id)),
    );
  };
}
