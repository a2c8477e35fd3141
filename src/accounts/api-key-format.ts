import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Every API key starts with this, so keys are recognisable in a bearer header and by secret scanners. */
export const API_KEY_MARK = "atk_";
const FORMAT = /^atk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** A fresh key: an 8-byte hex lookup prefix and a 32-byte random secret (base64url). */
export function generateApiKey(): { prefix: string; secret: string; key: string } {
  const prefix = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { prefix, secret, key: `${API_KEY_MARK}${prefix}_${secret}` };
}

/** The prefix and secret of a presented key, or undefined when it is not `atk_<prefix>_<secret>`. */
export function parseApiKey(key: string): { prefix: string; secret: string } | undefined {
  const match = FORMAT.exec(key);
  return match ? { prefix: match[1]!, secret: match[2]! } : undefined;
}

/**
 * SHA-256 of the secret, hex. A fast hash is right here: the secret has 256 random bits, so there is nothing to
 * guess, unlike a password.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Constant-time comparison of two hex digests. */
export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
