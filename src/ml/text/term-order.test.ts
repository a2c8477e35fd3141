import { describe, expect, it } from "vitest";
import { unitPoolOf } from "./feature-encoder.js";
import { codePointOrder } from "./term-order.js";

describe("codePointOrder", () => {
  it("sorts like Python: by code point, prefixes first, astral characters after U+FFFF", () => {
    const terms = ["b", "ab", "a", "\uFF41", "😀", "abc", "é", "aa", "", "a😀", "a\uFFFD"];
    const order = codePointOrder(unitPoolOf(terms));
    expect(Array.from(order, (i) => terms[i])).toEqual([
      "",
      "a",
      "aa",
      "ab",
      "abc",
      "a\uFFFD",
      "a😀",
      "b",
      "é",
      "\uFF41",
      "😀",
    ]);
  });

  it("agrees with a comparison sort on many terms sharing prefixes", () => {
    const terms: string[] = [];
    for (let i = 0; i < 3000; i++) terms.push(`pre${(i * 7919) % 3001}x${"ab".repeat(i % 5)}`);
    const unique = [...new Set(terms)];
    const order = codePointOrder(unitPoolOf(unique));
    expect(Array.from(order, (i) => unique[i])).toEqual(unique.slice().sort());
  });
});
