import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
  onRequestHookHandler,
  preHandlerHookHandler,
  RouteOptions,
} from "fastify";
import { AppError, isAppError, type Principal, ROLES, type Role, roleAllows } from "../../core/index.js";
import { errorResponses } from "../schemas.js";

/**
 * What the auth plugin needs to know who is calling; main.ts gives it the accounts service. Each method returns the
 * principal (synchronously when it can, e.g. from a cache) or throws/rejects with an UNAUTHENTICATED AppError.
 */
export interface AuthVerifier {
  verifyToken(token: string): Principal | Promise<Principal>;
  verifyApiKey(key: string): Principal | Promise<Principal>;
}

/** API keys look like `atk_<prefix>_<secret>`; in an `Authorization: Bearer` header this tells them from a JWT. */
const API_KEY_MARK = "atk_";

/** Without a verifier nobody can authenticate: protected routes answer 401 rather than opening up. */
const NO_VERIFIER: AuthVerifier = {
  verifyToken: () => {
    throw new AppError("UNAUTHENTICATED", "Authentication is not configured on this server");
  },
  verifyApiKey: () => {
    throw new AppError("UNAUTHENTICATED", "Authentication is not configured on this server");
  },
};

/** The OpenAPI security of a protected route: a bearer JWT or an API key. */
const SECURITY: readonly { [label: string]: readonly string[] }[] = [{ bearer: [] }, { apiKey: [] }];

/** True when `principal` may act on `scope` (e.g. "model:churn"): unscoped principals may act on everything. */
export function scopeAllows(principal: Principal, scope: string): boolean {
  return principal.scopes === undefined || principal.scopes.includes(scope);
}

type Credential = { readonly apiKey: boolean; readonly value: string } | { readonly invalid: string };

/** The credential of a request: `Authorization: Bearer <jwt | atk_…>` first, then `x-api-key`. */
function readCredential(request: FastifyRequest): Credential | undefined {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const space = authorization.indexOf(" ");
    if (space < 0 || authorization.slice(0, space).toLowerCase() !== "bearer")
      return { invalid: "Unsupported Authorization scheme: use Bearer" };
    const value = authorization.slice(space + 1).trim();
    return { apiKey: value.startsWith(API_KEY_MARK), value };
  }
  const key = request.headers["x-api-key"];
  return typeof key === "string" && key !== "" ? { apiKey: true, value: key } : undefined;
}

function unauthenticated(reply: FastifyReply, message: string, invalidToken: boolean): AppError {
  reply.header("www-authenticate", invalidToken ? 'Bearer error="invalid_token"' : "Bearer");
  return new AppError("UNAUTHENTICATED", message);
}

/** Sets the principal and checks its role: 403 when it is weaker than `required`. */
function admit(request: FastifyRequest, principal: Principal, required: Role, done: HookHandlerDoneFunction): void {
  request.principal = principal;
  if (roleAllows(principal.role, required)) done();
  else
    done(new AppError("FORBIDDEN", `This action needs the ${required} role; ${principal.name} has ${principal.role}`));
}

/** A failed verification: 401 for bad credentials, anything else (e.g. the store is down) to the error handler. */
function refuse(reply: FastifyReply, error: unknown, done: HookHandlerDoneFunction): void {
  if (isAppError(error) && error.code === "UNAUTHENTICATED") done(unauthenticated(reply, error.message, true));
  else done(error as Error);
}

/** The onRequest hook of a route requiring `required`: 401 without valid credentials, 403 when the role is too weak. */
function requireRole(required: Role, verifier: AuthVerifier): onRequestHookHandler {
  return function authenticate(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    const credential = readCredential(request);
    if (credential === undefined) {
      done(unauthenticated(reply, "Authentication required: send Authorization: Bearer <token> or x-api-key", false));
      return;
    }
    if ("invalid" in credential) {
      done(unauthenticated(reply, credential.invalid, true));
      return;
    }
    let result: Principal | Promise<Principal>;
    try {
      result = credential.apiKey ? verifier.verifyApiKey(credential.value) : verifier.verifyToken(credential.value);
    } catch (error) {
      refuse(reply, error, done);
      return;
    }
    // The cached case is synchronous: no promise, no closure, no extra tick, on the path every authenticated
    // request takes.
    if (result instanceof Promise)
      result.then(
        (principal) => admit(request, principal, required, done),
        (error) => refuse(reply, error, done),
      );
    else admit(request, result, required, done);
  };
}

/**
 * The route's own check (config.authorize), run as a preHandler so it can read the parsed params and body; false
 * answers 403.
 */
function requireAuthorization(authorize: NonNullable<RouteOptions["config"]>["authorize"]): preHandlerHookHandler {
  return function authorizeRequest(request, _reply, done) {
    if (authorize!(request.principal!, request)) done();
    else done(new AppError("FORBIDDEN", `${request.principal!.name} may not access ${request.url}`));
  };
}

const asArray = <T>(hooks: T | T[] | undefined): T[] =>
  hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];

/**
 * The auth plugin. Each route declaring `config: { auth: "viewer" | "editor" | "admin" }` gets, as it is
 * registered, an onRequest hook (before its body is read) that sets `request.principal` or answers 401 (with
 * `WWW-Authenticate: Bearer`) or 403; plus a preHandler for `config.authorize`. Routes without `auth`, or with
 * "public", get no hook at all, so they pay nothing. Register it before the routes.
 */
export function registerAuth(app: FastifyInstance, verifier: AuthVerifier = NO_VERIFIER): void {
  app.decorateRequest("principal", undefined);
  app.addHook("onRoute", (route) => {
    const required = route.config?.auth;
    if (required === undefined || required === "public") return;
    if (!ROLES.includes(required))
      throw new Error(`Route ${route.method} ${route.url}: unknown auth role "${required}"`);
    route.onRequest = [requireRole(required, verifier), ...asArray(route.onRequest)];
    const authorize = route.config?.authorize;
    if (authorize) route.preHandler = [requireAuthorization(authorize), ...asArray(route.preHandler)];
    if (route.schema && !route.schema.hide) {
      // A new object: route schemas are often shared between routes, and the others may be open.
      route.schema = {
        ...route.schema,
        security: route.schema.security ?? SECURITY,
        response: { ...errorResponses(401, 403), ...(route.schema.response as object | undefined) },
      };
    }
  });
}
