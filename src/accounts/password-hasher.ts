import { randomBytes } from "node:crypto";
import argon2 from "argon2";

/**
 * argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane): about 20-70 ms a hash on one core, slow
 * enough to make guessing expensive and fast enough for logins. Stored hashes carry their own parameters, so
 * raising these later keeps old hashes verifiable.
 */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes and verifies passwords; `verifyNothing` spends the same time as a real check for an unknown user. */
export class PasswordHasher {
  private constructor(private readonly dummyHash: string) {}

  /** Builds the hasher and its dummy hash (a hash of a random password with the same parameters). */
  static async create(): Promise<PasswordHasher> {
    return new PasswordHasher(await argon2.hash(randomBytes(32).toString("hex"), ARGON2_OPTIONS));
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  /** True when `password` matches `hash`; false (never a throw) for a malformed hash. */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Verifies against the dummy hash and returns false: the unknown-user path costs what a wrong password costs. */
  async verifyNothing(password: string): Promise<false> {
    await this.verify(this.dummyHash, password);
    return false;
  }
}
