import { describe, expect, it } from "vitest";
import { ManualClock } from "../core/index.js";
import { DEFAULT_LOGIN_LIMITS, LoginThrottle } from "./login-throttle.js";

const fail = (t: LoginThrottle, user: string, address: string) => t.begin(user, address);

describe("LoginThrottle", () => {
  it("allows 5 failures per username in 15 minutes, then answers RATE_LIMITED with the seconds to wait", () => {
    const clock = new ManualClock("2026-01-01T00:00:00Z");
    const t = new LoginThrottle(DEFAULT_LOGIN_LIMITS, clock);
    for (let i = 0; i < 5; i++) {
      fail(t, "alice", `10.0.0.${i}`);
      clock.advance(60_000);
    }
    let error: unknown;
    try {
      t.begin("Alice", "10.0.0.99");
    } catch (e) {
      error = e;
    }
    // The first failure was at 00:00 and the window is 15 min; it is now 00:05.
    expect(error).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 600 } });
    clock.advance(600_000);
    expect(() => t.begin("alice", "10.0.0.99")).not.toThrow();
    expect(() => t.begin("alice", "10.0.0.99")).toThrow(/retry in 60 s/);
  });

  it("a success clears the username's failures but not the address's", () => {
    const clock = new ManualClock(0);
    const t = new LoginThrottle({ perUsername: 3, perAddress: 5, windowMs: 60_000 }, clock);
    fail(t, "bob", "a");
    fail(t, "bob", "a");
    t.succeeded(t.begin("bob", "a"));
    fail(t, "bob", "a");
    fail(t, "bob", "a");
    // Address a: 4 failures counted (the successful attempt is not one), so one more is allowed.
    expect(() => fail(t, "carol", "a")).not.toThrow();
    expect(() => fail(t, "dave", "a")).toThrow(expect.objectContaining({ code: "RATE_LIMITED" }));
    // Bob: 2 failures since his success, so a third is allowed (from another address), a fourth is not.
    expect(() => fail(t, "bob", "b")).not.toThrow();
    expect(() => fail(t, "bob", "b")).toThrow(expect.objectContaining({ code: "RATE_LIMITED" }));
  });

  it("limits an address trying many usernames, and counts parallel attempts as they start", () => {
    const clock = new ManualClock(0);
    const t = new LoginThrottle(DEFAULT_LOGIN_LIMITS, clock);
    for (let i = 0; i < 20; i++) fail(t, `user${i}`, "192.0.2.1");
    expect(() => t.begin("someone-else", "192.0.2.1")).toThrow(expect.objectContaining({ code: "RATE_LIMITED" }));
    expect(() => t.begin("someone-else", "192.0.2.2")).not.toThrow();
  });

  it("a released attempt (store outage) does not count", () => {
    const t = new LoginThrottle({ perUsername: 1, perAddress: 1, windowMs: 60_000 }, new ManualClock(0));
    t.release(t.begin("erin", "x"));
    expect(() => t.begin("erin", "x")).not.toThrow();
    expect(() => t.begin("erin", "x")).toThrow(/Too many failed logins/);
  });
});
