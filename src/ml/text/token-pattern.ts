import { AppError } from "../../core/index.js";

/** scikit-learn's default token pattern: runs of two or more Unicode word characters. */
export const DEFAULT_TOKEN_PATTERN = "(?u)\\b\\w\\w+\\b";

/** Whether a pattern is scikit-learn's default one (served by the fast word encoder). */
export function isDefaultTokenPattern(pattern: string): boolean {
  return pattern === DEFAULT_TOKEN_PATTERN || pattern === "\\b\\w\\w+\\b";
}

/** Python's `\w` on str patterns: letters, digits of any script and the underscore (checked against CPython 3.11). */
export const WORD_CLASS = "\\p{L}\\p{N}_";
/** Python's `\s` on str patterns (str.isspace): differs from JavaScript's on U+001C–U+001F, U+0085 and U+FEFF. */
export const SPACE_CLASS =
  "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

const SYNTAX = new Set("^$\\.*+?()[]{}|/");
const WORD_BOUNDARY = `(?:(?<=[${WORD_CLASS}])(?![${WORD_CLASS}])|(?<![${WORD_CLASS}])(?=[${WORD_CLASS}]))`;
const NOT_WORD_BOUNDARY = `(?:(?<=[${WORD_CLASS}])(?=[${WORD_CLASS}])|(?<![${WORD_CLASS}])(?![${WORD_CLASS}]))`;

/** A compiled token pattern: a global, Unicode JavaScript regex and whether the token is its capturing group. */
export interface TokenPattern {
  readonly regex: RegExp;
  readonly group: boolean;
}

function invalid(pattern: string, reason: string): AppError {
  return new AppError("INVALID_INPUT", `tokenPattern ${JSON.stringify(pattern)}: ${reason}`, [
    { field: "tokenPattern", reason },
  ]);
}

/**
 * Compiles a token pattern written in Python `re` syntax (so patterns copied from scikit-learn code mean the same
 * thing): `\w \W \d \D \s \S \b \B \A \Z`, `(?P<name>…)` and the inline flags `(?u)`, `(?i)`, `(?m)`, `(?s)` are
 * translated to their Unicode meaning in Python; at most one capturing group, whose text is then the token.
 */
export function compileTokenPattern(pattern: string): TokenPattern {
  let flags = "gu";
  let rest = pattern;
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(rest);
  if (inline) {
    for (const f of inline[1]!) {
      if (f === "i" || f === "m" || f === "s") {
        if (!flags.includes(f)) flags += f;
      } else if (f !== "u") throw invalid(pattern, `the inline flag (?${f}) is not supported`);
    }
    rest = rest.slice(inline[0].length);
  }
  let source = "";
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === "\\") {
      const e = rest[i + 1];
      if (e === undefined) throw invalid(pattern, "it ends with a lone backslash");
      i++;
      if (e === "U") {
        // Python's \UXXXXXXXX: eight hex digits of a code point.
        source += `\\u{${rest.slice(i + 1, i + 9)}}`;
        i += 8;
      } else source += inClass ? classEscape(pattern, e) : outsideClassEscape(e);
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      source += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      source += c;
      if (rest[i + 1] === "^") source += rest[++i];
      if (rest[i + 1] === "]") source += `\\${rest[++i]}`;
      continue;
    }
    if (c === "(" && rest.startsWith("(?P<", i)) {
      source += "(?<";
      i += 3;
      continue;
    }
    if (c === "(" && rest.startsWith("(?P=", i)) {
      const end = rest.indexOf(")", i);
      source += `\\k<${rest.slice(i + 4, end)}>`;
      i = end;
      continue;
    }
    source += c;
  }
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags);
  } catch (e) {
    throw invalid(pattern, `not a supported regular expression (${(e as Error).message})`);
  }
  const groups = new RegExp(`${source}|`, flags.replace("g", "")).exec("")!.length - 1;
  if (groups > 1) {
    throw invalid(pattern, "more than 1 capturing group in token pattern; only a single group should be captured");
  }
  return { regex, group: groups === 1 };
}

function outsideClassEscape(e: string): string {
  switch (e) {
    case "w":
      return `[${WORD_CLASS}]`;
    case "W":
      return `[^${WORD_CLASS}]`;
    case "d":
      return "\\p{Nd}";
    case "D":
      return "\\P{Nd}";
    case "s":
      return `[${SPACE_CLASS}]`;
    case "S":
      return `[^${SPACE_CLASS}]`;
    case "b":
      return WORD_BOUNDARY;
    case "B":
      return NOT_WORD_BOUNDARY;
    case "A":
      return "(?<![\\s\\S])";
    case "Z":
      return "(?![\\s\\S])";
    default:
      return literalEscape(e, false);
  }
}

function classEscape(pattern: string, e: string): string {
  switch (e) {
    case "w":
      return WORD_CLASS;
    case "d":
      return "\\p{Nd}";
    case "s":
      return SPACE_CLASS;
    case "b":
      return "\\x08";
    case "W":
    case "D":
    case "S":
      throw invalid(pattern, `\\${e} inside a character class is not supported`);
    default:
      return literalEscape(e, true);
  }
}

// Python accepts an escaped punctuation character anywhere; Unicode-mode JavaScript only accepts syntax characters.
function literalEscape(e: string, inClass: boolean): string {
  if (/[a-zA-Z0-9]/.test(e) || SYNTAX.has(e) || (inClass && e === "-")) return `\\${e}`;
  return `\\u{${e.codePointAt(0)!.toString(16)}}`;
}
