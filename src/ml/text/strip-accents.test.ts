import { describe, expect, it } from "vitest";
import { stripAccentsAscii, stripAccentsUnicode } from "./strip-accents.js";

describe("accent stripping (scikit-learn's strip_accents_unicode / strip_accents_ascii)", () => {
  it("unicode: NFKD and drops combining marks, keeps other non-ASCII letters", () => {
    expect(stripAccentsUnicode("Élève à Noël, ça déçoit")).toBe("Eleve a Noel, ca decoit");
    expect(stripAccentsUnicode("ﬁn œuvre ß")).toBe("fin œuvre ß");
    expect(stripAccentsUnicode("plain ascii")).toBe("plain ascii");
  });

  it("unicode keeps marks whose combining class is 0, like Python's unicodedata.combining", () => {
    // U+093E DEVANAGARI VOWEL SIGN AA is a mark (Mc) with combining class 0; U+094D VIRAMA has class 9.
    expect(stripAccentsUnicode("का\u094D")).toBe("का");
  });

  it("ascii: drops every character without an ASCII decomposition", () => {
    expect(stripAccentsAscii("Élève œuvre ß €")).toBe("Eleve uvre  ");
  });
});
