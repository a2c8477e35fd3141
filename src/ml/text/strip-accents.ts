/**
 * scikit-learn's accent stripping. "unicode": NFKD, then drop the characters Python's
 * `unicodedata.combining` flags (canonical combining class ≠ 0). "ascii": NFKD, then drop every non-ASCII character.
 */

const NON_ASCII = /[\u0080-\uffff]/;
const MARKS = /\p{M}/gu;
const PROBE = "a\u0345";
// U+0345 has the highest combining class (240): a mark with a lower non-zero class moves before it under NFD.
const combiningCache = new Map<string, boolean>([["\u0345", true]]);

/** Whether Python's unicodedata.combining(mark) is non-zero, found through NFD's canonical reordering. */
function isCombining(mark: string): boolean {
  let hit = combiningCache.get(mark);
  if (hit === undefined) {
    hit = !(PROBE + mark).normalize("NFD").startsWith(PROBE);
    combiningCache.set(mark, hit);
  }
  return hit;
}

/** Removes accents like sklearn.feature_extraction.text.strip_accents_unicode. */
export function stripAccentsUnicode(s: string): string {
  if (!NON_ASCII.test(s)) return s;
  // Some marks have combining class 0 (e.g. many spacing vowel signs): Python keeps those, so must we.
  return s.normalize("NFKD").replace(MARKS, (m) => (isCombining(m) ? "" : m));
}

/** Removes accents and every other non-ASCII character like sklearn's strip_accents_ascii. */
export function stripAccentsAscii(s: string): string {
  if (!NON_ASCII.test(s)) return s;
  return s.normalize("NFKD").replace(/[\u0080-\uffff]+/g, "");
}
