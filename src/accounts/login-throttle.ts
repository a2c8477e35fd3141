import { AppError, type Clock } from "../core/index.js";

/** How many failed logins are allowed in a sliding window, per username and per client address. */
export interface LoginLimits {
  readonly perUsername: number;
  readonly perAddress: number;
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUsername: 5, perAddress: 20, windowMs: 15 * 60_000 };

/** Past this many tracked keys, keys with no failure left in the window are swept. */
const SWEEP_AT = 10_000;

/** One login attempt in progress: counted as a failure until it succeeds. */
export interface LoginAttempt {
  readonly userKey: string;
  readonly addressKey: string;
  readonly at: number;
}

/**
 * Failed-login limits, in memory (so per process: with N replicas an attacker gets at most N times the budget).
 * An attempt counts as a failure from the moment it starts, so a burst of parallel guesses cannot slip past the
 * limit while the first ones are still hashing; a success then removes it and clears the username's failures.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly clock: Clock,
  ) {}

  /** Starts an attempt; RATE_LIMITED (details.retryAfterSeconds) when the username or the address is over its limit. */
  begin(username: string, address: string): LoginAttempt {
    const now = this.clock.now().getTime();
    const userKey = `user:${username.toLowerCase()}`;
    const addressKey = `address:${address}`;
    const wait = Math.max(
      this.waitMs(userKey, this.limits.perUsername, now),
      this.waitMs(addressKey, this.limits.perAddress, now),
    );
    if (wait > 0) {
      const retryAfterSeconds = Math.ceil(wait / 1000);
      throw new AppError("RATE_LIMITED", `Too many failed logins; retry in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
      });
    }
    if (this.failures.size >= SWEEP_AT) this.sweep(now);
    this.push(userKey, now);
    this.push(addressKey, now);
    return { userKey, addressKey, at: now };
  }

  /** The attempt succeeded: the username starts afresh, and the address no longer counts this attempt. */
  succeeded(attempt: LoginAttempt): void {
    this.release(attempt);
    this.failures.delete(attempt.userKey);
  }

  /** The attempt ended without a verdict on the password (e.g. the store was down): it does not count. */
  release(attempt: LoginAttempt): void {
    for (const key of [attempt.userKey, attempt.addressKey]) {
      const times = this.failures.get(key);
      const i = times ? times.lastIndexOf(attempt.at) : -1;
      if (times && i >= 0) times.splice(i, 1);
    }
  }

  /** How long until `key` is under `limit` again (0 when it is). */
  private waitMs(key: string, limit: number, now: number): number {
    const times = this.failures.get(key);
    if (!times) return 0;
    const windowStart = now - this.limits.windowMs;
    while (times.length && times[0]! <= windowStart) times.shift();
    if (times.length === 0) {
      this.failures.delete(key);
      return 0;
    }
    return times.length < limit ? 0 : times[times.length - limit]! + this.limits.windowMs - now;
  }

  private push(key: string, now: number): void {
    const times = this.failures.get(key);
    if (times) times.push(now);
    else this.failures.set(key, [now]);
  }

  private sweep(now: number): void {
    const windowStart = now - this.limits.windowMs;
    for (const [key, times] of this.failures) if (times[times.length - 1]! <= windowStart) this.failures.delete(key);
  }
}
