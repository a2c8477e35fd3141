import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.js";
import { bucketOf, choosesChallenger, fnv1a, stickyKeyOf } from "./traffic-split.js";

describe("traffic split", () => {
  it("hashes keys stably and spreads them evenly over the 100 percent", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    const buckets = Array.from({ length: 20_000 }, (_, i) => bucketOf(`user-${i}`));
    const share = (p: number) =>
      buckets.filter((b) => choosesChallenger({ alias: "c", percent: p, mode: "split" }, b)).length / buckets.length;
    expect(share(10)).toBeGreaterThan(0.09);
    expect(share(10)).toBeLessThan(0.11);
    expect(share(50)).toBeGreaterThan(0.48);
    expect(share(0)).toBe(0);
    expect(share(100)).toBe(1);
    expect(bucketOf("user-7")).toBe(bucketOf("user-7"));
  });

  it("hashes the caller's key, else the configured field of the first record, else the request id", () => {
    const record = { user_id: 42, name: "x" };
    expect(stickyKeyOf("k", "user_id", record, "req")).toBe("k");
    expect(stickyKeyOf(undefined, "user_id", record, "req")).toBe("42");
    expect(stickyKeyOf(undefined, "missing", record, "req")).toBe("req");
    expect(stickyKeyOf(undefined, null, record, "req")).toBe("req");
  });
});

describe("RateLimiter (token buckets per model and principal)", () => {
  it("allows a burst, then one request per 1/perSecond, and says how long to wait", () => {
    const limiter = new RateLimiter();
    const limit = { perSecond: 2, burst: 3 };
    expect([0, 0, 0].map(() => limiter.take("m\u0000alice", limit, 1000))).toEqual([0, 0, 0]);
    expect(limiter.take("m\u0000alice", limit, 1000)).toBeCloseTo(0.5, 9);
    expect(limiter.take("m\u0000bob", limit, 1000)).toBe(0);
    expect(limiter.take("m\u0000alice", limit, 1500)).toBe(0);
    expect(limiter.take("m\u0000alice", limit, 1500)).toBeGreaterThan(0);
  });

  it("forgets full buckets and never holds more than its bound", () => {
    const limiter = new RateLimiter(3);
    const limit = { perSecond: 1, burst: 1 };
    for (const who of ["a", "b", "c", "d"]) limiter.take(who, limit, 0);
    expect(limiter.size).toBe(3);
    limiter.sweep(500, () => limit);
    expect(limiter.size).toBe(3);
    limiter.sweep(5000, () => limit);
    expect(limiter.size).toBe(0);
  });
});
