import { webcrypto } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { AppError, type Clock, type Principal, ROLES, type Role } from "../core/index.js";
import type { AccessToken } from "./entities.js";
import { VerificationCache } from "./verification-cache.js";

/** The claims Atelier puts in an access token besides `exp` and `iat`. */
interface AtelierClaims {
  readonly sub: string;
  readonly name: string;
  readonly role: Role;
}

const ALGORITHM = "HS256";

/**
 * Issues and verifies HS256 JWT access tokens (jose). The HMAC key is imported once as a CryptoKey (importing it
 * per call costs more than the verification itself), and verified tokens are remembered until they expire, so a
 * client reusing its token for an hour pays jose's ~30-60 µs once and a Map lookup afterwards. A token stays valid
 * until its `exp` whatever happens to the user: that is what makes it cheap; keep JWT_TTL_SECONDS short.
 */
export class TokenIssuer {
  private readonly verified = new VerificationCache<Principal>();

  private constructor(
    private readonly key: webcrypto.CryptoKey,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {}

  static async create(secret: string, ttlSeconds: number, clock: Clock): Promise<TokenIssuer> {
    const key = await webcrypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    return new TokenIssuer(key, ttlSeconds, clock);
  }

  /** A signed token for `claims`, valid for the configured lifetime from now. */
  async issue(claims: AtelierClaims): Promise<AccessToken> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const accessToken = await new SignJWT({ name: claims.name, role: claims.role })
      .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
      .setSubject(claims.sub)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(this.key);
    return { accessToken, tokenType: "bearer", expiresIn: this.ttlSeconds };
  }

  /** The principal a token names; UNAUTHENTICATED when it is malformed, forged or expired. Sync on a cache hit. */
  verify(token: string): Principal | Promise<Principal> {
    const cached = this.verified.get(token, this.clock.now().getTime());
    return cached ?? this.verifySlow(token);
  }

  private async verifySlow(token: string): Promise<Principal> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        currentDate: this.clock.now(),
        requiredClaims: ["sub", "exp"],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AppError("UNAUTHENTICATED", "Access token expired");
      throw new AppError("UNAUTHENTICATED", "Invalid access token");
    }
    const { sub, name, role, exp } = payload;
    if (typeof sub !== "string" || typeof name !== "string" || !ROLES.includes(role as Role) || typeof exp !== "number")
      throw new AppError("UNAUTHENTICATED", "Invalid access token");
    const principal: Principal = { id: sub, name, kind: "user", role: role as Role };
    this.verified.set(token, principal, exp * 1000);
    return principal;
  }
}
