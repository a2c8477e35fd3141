import { AppError } from "../../core/index.js";

/** A token of the search language, with its character position in the source. */
export type Token =
  | { readonly kind: "field"; readonly prefix: string; readonly key: string | undefined; readonly pos: number }
  | { readonly kind: "string"; readonly value: string; readonly pos: number }
  | { readonly kind: "number"; readonly value: number; readonly pos: number }
  | { readonly kind: "op"; readonly value: string; readonly pos: number }
  | { readonly kind: "keyword"; readonly value: Keyword; readonly pos: number }
  | { readonly kind: "punct"; readonly value: "(" | ")" | ","; readonly pos: number }
  | { readonly kind: "end"; readonly pos: number };

const KEYWORDS = ["AND", "OR", "NOT", "IN", "LIKE", "ILIKE", "ASC", "DESC"] as const;
export type Keyword = (typeof KEYWORDS)[number];

/** The error every malformed filter or order-by gives: INVALID_INPUT with the 0-based character position. */
export function syntaxError(what: string, pos: number, reason: string): AppError {
  return new AppError("INVALID_INPUT", `Bad ${what} at position ${pos}: ${reason}`, [
    { field: what, position: pos, reason },
  ]);
}

const WORD_START = /[A-Za-z_]/;
const WORD = /[A-Za-z0-9_]/;
/** Characters of an unquoted key after `prefix.`: letters, digits and _ - . / : */
const BARE_KEY = /[A-Za-z0-9_\-./:]/;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;

/**
 * Splits a filter or order-by into tokens. Strings are quoted with ' or " (a doubled quote inside stands for
 * itself); a field is `prefix.key` where the key is bare or quoted with backticks or double quotes.
 */
export function tokenize(source: string, what = "filter"): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  const fail = (pos: number, reason: string) => syntaxError(what, pos, reason);

  const quoted = (start: number): { value: string; end: number } => {
    const quote = source[start]!;
    let value = "";
    let j = start + 1;
    for (;;) {
      if (j >= n) throw fail(start, `unterminated ${quote} quote`);
      const c = source[j]!;
      if (c === quote) {
        if (source[j + 1] === quote) {
          value += quote;
          j += 2;
          continue;
        }
        return { value, end: j + 1 };
      }
      value += c;
      j++;
    }
  };

  while (i < n) {
    const c = source[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    const start = i;
    if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: "punct", value: c, pos: start });
      i++;
    } else if (c === "'" || c === '"') {
      const q = quoted(i);
      tokens.push({ kind: "string", value: q.value, pos: start });
      i = q.end;
    } else if (c === "=" || c === "!" || c === "<" || c === ">") {
      const two = source.slice(i, i + 2);
      if (two === "==" || two === "!=" || two === "<=" || two === ">=" || two === "<>") {
        tokens.push({ kind: "op", value: two === "==" ? "=" : two === "<>" ? "!=" : two, pos: start });
        i += 2;
      } else if (c === "!") {
        throw fail(start, "expected != after !");
      } else {
        tokens.push({ kind: "op", value: c, pos: start });
        i++;
      }
    } else if (c === "-" || c === "." || (c >= "0" && c <= "9")) {
      const match = NUMBER.exec(source.slice(i));
      if (!match) throw fail(start, `unexpected character ${JSON.stringify(c)}`);
      const value = Number(match[0]);
      if (!Number.isFinite(value)) throw fail(start, `number ${match[0]} is out of range`);
      tokens.push({ kind: "number", value, pos: start });
      i += match[0].length;
      if (i < n && WORD.test(source[i]!))
        throw fail(i, `unexpected character ${JSON.stringify(source[i])} after a number`);
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < n && WORD.test(source[j]!)) j++;
      const word = source.slice(i, j);
      if (source[j] === ".") {
        j++;
        let key: string;
        if (source[j] === "`" || source[j] === '"') {
          const q = quoted(j);
          key = q.value;
          j = q.end;
        } else {
          const keyStart = j;
          while (j < n && BARE_KEY.test(source[j]!)) j++;
          key = source.slice(keyStart, j);
        }
        if (key === "") throw fail(j, `expected a key after "${word}."`);
        tokens.push({ kind: "field", prefix: word, key, pos: start });
      } else {
        const upper = word.toUpperCase();
        if ((KEYWORDS as readonly string[]).includes(upper))
          tokens.push({ kind: "keyword", value: upper as Keyword, pos: start });
        else tokens.push({ kind: "field", prefix: word, key: undefined, pos: start });
      }
      i = j;
    } else {
      throw fail(start, `unexpected character ${JSON.stringify(c)}`);
    }
  }
  tokens.push({ kind: "end", pos: n });
  return tokens;
}
