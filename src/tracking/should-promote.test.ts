import { describe, expect, it } from "vitest";
import { shouldPromote } from "./should-promote.js";

describe("shouldPromote", () => {
  it("promotes when there is no current score", () => {
    expect(shouldPromote(0.5, undefined)).toBe(true);
    expect(shouldPromote(0.5, null)).toBe(true);
    expect(shouldPromote(-3, Number.NaN)).toBe(true);
  });

  it("promotes only when the new score beats the current one by more than minDelta", () => {
    expect(shouldPromote(0.85, 0.8)).toBe(true);
    expect(shouldPromote(0.81, 0.8)).toBe(false);
    expect(shouldPromote(0.8, 0.8)).toBe(false);
    expect(shouldPromote(0.7, 0.8)).toBe(false);
    expect(shouldPromote(0.805, 0.8, 0.001)).toBe(true);
    expect(shouldPromote(0.8, 0.8, 0)).toBe(false);
    expect(shouldPromote(0.8000001, 0.8, 0)).toBe(true);
  });

  it("never promotes a missing or NaN new score", () => {
    expect(shouldPromote(Number.NaN, 0.8)).toBe(false);
    expect(shouldPromote(Number.NaN, undefined)).toBe(false);
    expect(shouldPromote(undefined, undefined)).toBe(false);
  });
});
