import type { Principal, Role } from "../core/index.js";

/**
 * What a route declares about access: `config: { auth: "viewer" }` makes the auth plugin require a principal with at
 * least that role (401 without credentials, 403 with too weak a role); `auth: "public"` or no auth key leaves the
 * route open. After authentication, `request.principal` says who is calling.
 */
declare module "fastify" {
  interface FastifyContextConfig {
    auth?: Role | "public";
    /** Extra check after the role, e.g. an API key scoped to one model: return false to answer 403. */
    authorize?: (principal: Principal, request: FastifyRequest) => boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}
