import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance, matchVegetable, normaliseName, typoBudget, VEGETABLE_SPELLINGS } from "./vegetable-names.js";

describe("vegetable names", () => {
  it("cleans every spelling of the course data to one English name", () => {
    const course: Record<string, string> = {
      "Brusel Sprout": "brussels sprout",
      "Brussel Sprout": "brussels sprout",
      "Brussell Sprout": "brussels sprout",
      Brusselsprout: "brussels sprout",
      Pear: "pear",
      Peer: "pear",
      Pera: "pear",
      Poire: "pear",
      Tomate: "tomato",
      Tomato: "tomato",
      Tomatto: "tomato",
      tomaot: "tomato",
    };
    for (const [raw, clean] of Object.entries(course)) expect(matchVegetable(raw).canonical, raw).toBe(clean);
  });

  it("knows French and Spanish names, plurals and accents", () => {
    expect(matchVegetable("tomates").canonical).toBe("tomato");
    expect(matchVegetable("zanahoria").canonical).toBe("carrot");
    expect(matchVegetable("carottes").canonical).toBe("carrot");
    expect(matchVegetable("Choux de Bruxelles").canonical).toBe("brussels sprout");
    expect(matchVegetable("Épinards").canonical).toBe("spinach");
    expect(matchVegetable("  POMMES DE TERRE ").canonical).toBe("potato");
    expect(matchVegetable("calabacín").canonical).toBe("zucchini");
  });

  it("leaves names that match nothing unknown, and never guesses between two vegetables", () => {
    expect(matchVegetable("spaceship")).toMatchObject({ canonical: null, reason: "unknown" });
    expect(matchVegetable("")).toMatchObject({ canonical: null, reason: "unknown" });
    expect(matchVegetable("123")).toMatchObject({ canonical: null, reason: "unknown" });
    // "pomm" is one edit from "pomme" (apple) only; "poir" one from "poire" (pear) only.
    expect(matchVegetable("poir").canonical).toBe("pear");
    // A short word is never fuzzily matched: "pez" is not "pea".
    expect(matchVegetable("pez").canonical).toBeNull();
  });

  it("matches every known spelling whatever its case, accents, spaces and punctuation", () => {
    const spellings = Object.entries(VEGETABLE_SPELLINGS).flatMap(([c, list]) => list.map((s) => [c, s] as const));
    fc.assert(
      fc.property(
        fc.constantFrom(...spellings),
        fc.boolean(),
        fc.constantFrom("", " ", "-", "_", "."),
        ([canonical, s], upper, sep) => {
          const raw = ` ${(upper ? s.toUpperCase() : s).replace(/ /g, sep || " ")} `;
          expect(matchVegetable(raw).canonical).toBe(canonical);
        },
      ),
    );
  });

  it("maps a single typo of a long spelling back, unless another vegetable is as close", () => {
    const spellings = Object.entries(VEGETABLE_SPELLINGS)
      .flatMap(([c, list]) => list.map((s) => [c, normaliseName(s)] as const))
      .filter(([, k]) => k.length >= 6);
    const allKeys = Object.entries(VEGETABLE_SPELLINGS).flatMap(([c, list]) =>
      list.map((s) => [c, normaliseName(s)] as const),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...spellings),
        fc.nat(),
        fc.constantFrom("sub", "del", "ins", "swap"),
        fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
        ([canonical, key], at, op, letter) => {
          const i = at % key.length;
          let typo = key;
          if (op === "sub") typo = key.slice(0, i) + letter + key.slice(i + 1);
          if (op === "del") typo = key.slice(0, i) + key.slice(i + 1);
          if (op === "ins") typo = key.slice(0, i) + letter + key.slice(i);
          if (op === "swap" && i + 1 < key.length) typo = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
          const rivalAsClose = allKeys.some(
            ([c, k]) => c !== canonical && editDistance(typo, k) <= editDistance(typo, key),
          );
          const result = matchVegetable(typo).canonical;
          if (!rivalAsClose) expect(result).toBe(canonical);
          else if (result !== null) {
            // Whatever it picked must be at least as close as the spelling the typo came from.
            const closest = Math.min(...allKeys.filter(([c]) => c === result).map(([, k]) => editDistance(typo, k)));
            expect(closest).toBeLessThanOrEqual(editDistance(typo, key));
          }
        },
      ),
    );
  });

  it("computes the optimal-string-alignment distance", () => {
    expect(editDistance("tomaot", "tomato")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
    expect(typoBudget(3)).toBe(0);
  });
});
