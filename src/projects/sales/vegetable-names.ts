/**
 * Cleaning vegetable names: any spelling in English, French or Spanish, singular or plural, with or without
 * accents, and with small typos ("Tomatto", "tomaot", "Peer", "Brussell Sprout") → one English name.
 *
 * Method: normalise (lower case, accents stripped, non-letters removed), look the result up among every known
 * spelling, else take the spelling at the smallest Damerau–Levenshtein distance, accepted only within a length-
 * dependent budget and only when no other vegetable is as close (an ambiguous name stays unknown rather than
 * being guessed).
 */

/** Canonical English name → known spellings (EN, FR, ES; singular and plural). */
export const VEGETABLE_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  tomato: ["tomato", "tomatoes", "tomate", "tomates", "jitomate", "jitomates"],
  carrot: ["carrot", "carrots", "carotte", "carottes", "zanahoria", "zanahorias"],
  pear: ["pear", "pears", "poire", "poires", "pera", "peras"],
  "brussels sprout": [
    "brussels sprout",
    "brussels sprouts",
    "brussel sprout",
    "brussel sprouts",
    "chou de bruxelles",
    "choux de bruxelles",
    "col de bruselas",
    "coles de bruselas",
    "repollito de bruselas",
    "repollitos de bruselas",
  ],
  potato: [
    "potato",
    "potatoes",
    "pomme de terre",
    "pommes de terre",
    "patate",
    "patates",
    "patata",
    "patatas",
    "papa",
    "papas",
  ],
  "sweet potato": [
    "sweet potato",
    "sweet potatoes",
    "patate douce",
    "patates douces",
    "batata",
    "batatas",
    "boniato",
    "boniatos",
    "camote",
    "camotes",
  ],
  onion: ["onion", "onions", "oignon", "oignons", "cebolla", "cebollas"],
  garlic: ["garlic", "ail", "aulx", "ajo", "ajos"],
  lettuce: ["lettuce", "lettuces", "laitue", "laitues", "lechuga", "lechugas"],
  cucumber: ["cucumber", "cucumbers", "concombre", "concombres", "pepino", "pepinos"],
  zucchini: ["zucchini", "zucchinis", "courgette", "courgettes", "calabacin", "calabacines"],
  eggplant: ["eggplant", "eggplants", "aubergine", "aubergines", "berenjena", "berenjenas"],
  "bell pepper": ["bell pepper", "bell peppers", "pepper", "peppers", "poivron", "poivrons", "pimiento", "pimientos"],
  cabbage: ["cabbage", "cabbages", "chou", "choux", "repollo", "repollos", "col", "coles"],
  cauliflower: ["cauliflower", "cauliflowers", "chou fleur", "choux fleurs", "coliflor", "coliflores"],
  broccoli: ["broccoli", "brocoli", "brocolis", "brecol"],
  spinach: ["spinach", "epinard", "epinards", "espinaca", "espinacas"],
  leek: ["leek", "leeks", "poireau", "poireaux", "puerro", "puerros"],
  pea: ["pea", "peas", "petit pois", "petits pois", "guisante", "guisantes", "chicharo", "chicharos"],
  "green bean": [
    "green bean",
    "green beans",
    "haricot vert",
    "haricots verts",
    "judia verde",
    "judias verdes",
    "ejote",
    "ejotes",
  ],
  mushroom: ["mushroom", "mushrooms", "champignon", "champignons", "champinon", "champinones", "seta", "setas"],
  pumpkin: ["pumpkin", "pumpkins", "citrouille", "citrouilles", "potiron", "potirons", "calabaza", "calabazas"],
  radish: ["radish", "radishes", "radis", "rabano", "rabanos"],
  beetroot: ["beetroot", "beetroots", "beet", "beets", "betterave", "betteraves", "remolacha", "remolachas"],
  celery: ["celery", "celeri", "celeris", "apio", "apios"],
  asparagus: ["asparagus", "asperge", "asperges", "esparrago", "esparragos"],
  artichoke: ["artichoke", "artichokes", "artichaut", "artichauts", "alcachofa", "alcachofas"],
  corn: ["corn", "maize", "mais", "maiz", "elote", "elotes"],
  turnip: ["turnip", "turnips", "navet", "navets", "nabo", "nabos"],
  fennel: ["fennel", "fenouil", "fenouils", "hinojo", "hinojos"],
  parsnip: ["parsnip", "parsnips", "panais", "chirivia", "chirivias"],
  apple: ["apple", "apples", "pomme", "pommes", "manzana", "manzanas"],
  avocado: ["avocado", "avocados", "avocat", "avocats", "aguacate", "aguacates", "palta", "paltas"],
  endive: ["endive", "endives", "chicory", "endibia", "endibias"],
  kale: ["kale", "chou kale", "col rizada", "coles rizadas"],
};

/** Lower case, accents stripped, everything but letters removed: "Choux-de-Bruxelles " → "chouxdebruxelles". */
export function normaliseName(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}]/gu, "");
}

const exact = new Map<string, string>();
const variants: { key: string; canonical: string }[] = [];
for (const [canonical, spellings] of Object.entries(VEGETABLE_SPELLINGS)) {
  for (const s of [canonical, ...spellings]) {
    const key = normaliseName(s);
    const other = exact.get(key);
    if (other && other !== canonical) throw new Error(`Spelling "${s}" is listed for both ${other} and ${canonical}`);
    if (!other) {
      exact.set(key, canonical);
      variants.push({ key, canonical });
    }
  }
}

/** Typos tolerated for a normalised name of this length: none for very short names, up to 3 for long ones. */
export function typoBudget(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 10) return 2;
  return 3;
}

/** Damerau–Levenshtein distance (optimal string alignment), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0]!;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** Why a name was or was not matched. */
export interface NameMatch {
  readonly canonical: string | null;
  readonly distance: number | null;
  readonly reason: "exact" | "typo" | "unknown" | "ambiguous";
  /** For ambiguous names: the vegetables that were equally close. */
  readonly candidates?: readonly string[];
}

/** Matches a raw spelling against every known one (see the module comment for the rule). */
export function matchVegetable(raw: string): NameMatch {
  const key = normaliseName(raw);
  if (!key) return { canonical: null, distance: null, reason: "unknown" };
  const hit = exact.get(key);
  if (hit) return { canonical: hit, distance: 0, reason: "exact" };
  const budget = typoBudget(key.length);
  let best = budget + 1;
  let winners = new Set<string>();
  for (const v of variants) {
    const d = editDistance(key, v.key, Math.min(best, typoBudget(v.key.length)));
    if (d > budget || d > typoBudget(v.key.length)) continue;
    if (d < best) {
      best = d;
      winners = new Set([v.canonical]);
    } else if (d === best) winners.add(v.canonical);
  }
  if (winners.size === 1) return { canonical: [...winners][0]!, distance: best, reason: "typo" };
  if (winners.size > 1)
    return { canonical: null, distance: best, reason: "ambiguous", candidates: [...winners].sort() };
  return { canonical: null, distance: null, reason: "unknown" };
}

/**
 * Memoised cleaning for a stream of raw spellings (there are few distinct spellings and many rows).
 * Returns the English name, or null when the name matches nothing (or matches two vegetables equally).
 */
export class VegetableNameCleaner {
  private readonly cache = new Map<string, string | null>();

  clean(raw: string): string | null {
    let v = this.cache.get(raw);
    if (v === undefined) {
      v = matchVegetable(raw).canonical;
      this.cache.set(raw, v);
    }
    return v;
  }
}
