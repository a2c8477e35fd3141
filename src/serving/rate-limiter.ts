import type { RateLimit } from "./serving-config.js";

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets in memory, one per (model, principal): each request takes a token; tokens come back at `perSecond`
 * up to `burst`. Each replica counts on its own. Buckets refilled to the brim are forgotten by `sweep`, and the
 * table never holds more than `maxBuckets` (the oldest goes first), so many principals cannot grow memory.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly maxBuckets = 100_000) {}

  /** Takes a token: 0 when allowed, else the seconds to wait before one is back (for Retry-After). */
  take(key: string, limit: RateLimit, now: number): number {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = { tokens: limit.burst, at: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / limit.perSecond;
  }

  /** Forgets buckets that would be full again by now (their next request starts a fresh one, the same thing). */
  sweep(now: number, limitOf: (key: string) => RateLimit | undefined): void {
    for (const [key, bucket] of this.buckets) {
      const limit = limitOf(key);
      if (limit === undefined || bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond >= limit.burst)
        this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
