import { describe, expect, it } from "vitest";
import { AppError } from "../../core/index.js";
import { compileTokenPattern } from "./token-pattern.js";

function findall(pattern: string, text: string): string[] {
  const { regex, group } = compileTokenPattern(pattern);
  return [...text.matchAll(regex)].map((m) => (group ? (m[1] ?? "") : m[0]));
}

describe("compileTokenPattern (Python re syntax)", () => {
  it("gives \\w and \\b their Unicode meaning", () => {
    expect(findall("(?u)\\b\\w\\w+\\b", "L'été à Noël, c'est déjà_vu 42 x")).toEqual([
      "été",
      "Noël",
      "est",
      "déjà_vu",
      "42",
    ]);
    expect(findall("\\b\\w+\\b", "naïve café")).toEqual(["naïve", "café"]);
  });

  it("takes the only capturing group as the token", () => {
    expect(findall("(?u)\\b(\\w+)'", "l'été d'un jour")).toEqual(["l", "d"]);
    expect(compileTokenPattern("(\\w+)").group).toBe(true);
    expect(compileTokenPattern("(?:\\w+)").group).toBe(false);
  });

  it("translates \\d, \\s, classes, named groups and inline flags", () => {
    expect(findall("\\d+", "a١٢٣b 45")).toEqual(["١٢٣", "45"]);
    expect(findall("[\\w-]+", "semi-colon; e-mail")).toEqual(["semi-colon", "e-mail"]);
    expect(findall("(?i)ab", "AB ab Ab")).toEqual(["AB", "ab", "Ab"]);
    expect(findall("\\S+", "a\u0085b c")).toEqual(["a", "b", "c"]);
    expect(findall("(?P<w>\\w)(?P=w)", "aa ab bb")).toEqual(["a", "b"]);
    expect(findall("\\.\\-", "x.-y")).toEqual([".-"]);
  });

  it("rejects several capturing groups and unsupported syntax with INVALID_INPUT", () => {
    for (const bad of ["(\\w)(\\w)", "(?x) a", "[\\W]", "("]) {
      let caught: unknown;
      try {
        compileTokenPattern(bad);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).code).toBe("INVALID_INPUT");
    }
  });
});
