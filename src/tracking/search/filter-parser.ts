import { RUN_STATUSES } from "../entities.js";
import {
  ATTRIBUTE_ALIASES,
  ATTRIBUTES,
  type CompareOp,
  DATASET_FIELDS,
  type Field,
  type FieldEntity,
  type FilterNode,
  fieldType,
  type OrderKey,
} from "./filter-ast.js";
import { syntaxError, type Token, tokenize } from "./filter-tokenizer.js";

/** Longest filter accepted, in characters, and most comparisons in one filter (each becomes a sub-query). */
export const MAX_FILTER_LENGTH = 10_000;
export const MAX_PREDICATES = 100;
const MAX_DEPTH = 64;

const PREFIXES: Readonly<Record<string, FieldEntity>> = {
  metrics: "metric",
  metric: "metric",
  params: "param",
  param: "param",
  tags: "tag",
  tag: "tag",
  datasets: "dataset",
  dataset: "dataset",
  attributes: "attribute",
  attribute: "attribute",
  attr: "attribute",
  run: "attribute",
};

/**
 * A recursive-descent parser over the tokens of one filter or order-by. Grammar (keywords in any case):
 *
 *   filter    := or-expr END                      (an empty filter matches every run)
 *   or-expr   := and-expr ( OR and-expr )*
 *   and-expr  := primary ( AND primary )*
 *   primary   := "(" or-expr ")" | predicate
 *   predicate := field op value | field [NOT] IN "(" value ("," value)* ")" | field [NOT] (LIKE | ILIKE) string
 *   op        := = | == | != | <> | < | <= | > | >=
 *   field     := metrics.KEY | params.KEY | tags.KEY | datasets.(name|digest|source) | attributes.NAME | NAME
 *   order-by  := field [ASC | DESC] END
 *
 * Metrics compare with numbers; params, tags, datasets and text attributes with quoted strings (= != IN LIKE
 * ILIKE); start_time and end_time with epoch milliseconds or an ISO date string.
 */
class Parser {
  private i = 0;
  private depth = 0;
  private predicates = 0;

  constructor(
    private readonly what: string,
    private readonly tokens: Token[],
  ) {}

  private fail(pos: number, reason: string): never {
    throw syntaxError(this.what, pos, reason);
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === "keyword" && t.value === word;
  }

  private describe(t: Token): string {
    switch (t.kind) {
      case "end":
        return "the end of the input";
      case "field":
        return `"${t.key === undefined ? t.prefix : `${t.prefix}.${t.key}`}"`;
      case "string":
        return "a string";
      case "number":
        return `the number ${t.value}`;
      default:
        return `"${t.value}"`;
    }
  }

  filter(): FilterNode | undefined {
    if (this.peek().kind === "end") return undefined;
    const node = this.orExpr();
    const t = this.peek();
    if (t.kind !== "end") this.fail(t.pos, `expected AND, OR or the end, got ${this.describe(t)}`);
    return node;
  }

  private orExpr(): FilterNode {
    let left = this.andExpr();
    while (this.isKeyword("OR")) {
      this.next();
      left = { type: "or", left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): FilterNode {
    let left = this.primary();
    while (this.isKeyword("AND")) {
      this.next();
      left = { type: "and", left, right: this.primary() };
    }
    return left;
  }

  private primary(): FilterNode {
    const t = this.peek();
    if (t.kind === "punct" && t.value === "(") {
      if (++this.depth > MAX_DEPTH) this.fail(t.pos, `parentheses nest deeper than ${MAX_DEPTH}`);
      this.next();
      const inner = this.orExpr();
      const close = this.next();
      if (close.kind !== "punct" || close.value !== ")")
        this.fail(close.pos, `expected ) to close the ( at position ${t.pos}, got ${this.describe(close)}`);
      this.depth--;
      return inner;
    }
    return this.predicate();
  }

  field(): { field: Field; pos: number } {
    const t = this.next();
    if (t.kind !== "field") this.fail(t.pos, `expected a field such as metrics.r2, got ${this.describe(t)}`);
    if (t.key === undefined) {
      const name = t.prefix.toLowerCase();
      const attribute = ATTRIBUTE_ALIASES[name] ?? (name in ATTRIBUTES ? name : undefined);
      if (attribute === undefined)
        this.fail(t.pos, `unknown field "${t.prefix}": use metrics.${t.prefix}, params.${t.prefix}, tags.${t.prefix}`);
      return { field: { entity: "attribute", key: attribute }, pos: t.pos };
    }
    const entity = PREFIXES[t.prefix.toLowerCase()];
    if (entity === undefined)
      this.fail(t.pos, `unknown prefix "${t.prefix}": use metrics, params, tags, datasets or attributes`);
    if (entity === "attribute") {
      const name = t.key.toLowerCase();
      const attribute = ATTRIBUTE_ALIASES[name] ?? (name in ATTRIBUTES ? name : undefined);
      if (attribute === undefined)
        this.fail(t.pos, `unknown attribute "${t.key}": one of ${Object.keys(ATTRIBUTES).join(", ")}`);
      return { field: { entity, key: attribute }, pos: t.pos };
    }
    if (entity === "dataset" && !(DATASET_FIELDS as readonly string[]).includes(t.key))
      this.fail(t.pos, `unknown dataset field "${t.key}": one of ${DATASET_FIELDS.join(", ")}`);
    return { field: { entity, key: t.key }, pos: t.pos };
  }

  private predicate(): FilterNode {
    const { field, pos } = this.field();
    if (++this.predicates > MAX_PREDICATES) this.fail(pos, `more than ${MAX_PREDICATES} comparisons`);
    const type = fieldType(field);
    const t = this.peek();
    let negated = false;
    if (t.kind === "keyword" && t.value === "NOT") {
      this.next();
      negated = true;
    }
    const op = this.next();
    if (op.kind === "keyword" && op.value === "IN") {
      const open = this.next();
      if (open.kind !== "punct" || open.value !== "(")
        this.fail(open.pos, `expected ( after IN, got ${this.describe(open)}`);
      const values: (string | number)[] = [this.value(field, "IN")];
      for (;;) {
        const sep = this.next();
        if (sep.kind === "punct" && sep.value === ")") break;
        if (sep.kind !== "punct" || sep.value !== ",") this.fail(sep.pos, `expected , or ), got ${this.describe(sep)}`);
        values.push(this.value(field, "IN"));
      }
      return { type: "in", field, negated, values };
    }
    if (op.kind === "keyword" && (op.value === "LIKE" || op.value === "ILIKE")) {
      if (type !== "string") this.fail(op.pos, `${op.value} applies to text fields, not to ${fieldName(field)}`);
      const p = this.next();
      if (p.kind !== "string") this.fail(p.pos, `expected a quoted pattern after ${op.value}, got ${this.describe(p)}`);
      return { type: "like", field, op: op.value, negated, pattern: p.value };
    }
    if (negated) this.fail(op.pos, `expected IN, LIKE or ILIKE after NOT, got ${this.describe(op)}`);
    if (op.kind !== "op")
      this.fail(op.pos, `expected a comparison (=, !=, <, <=, >, >=, IN, LIKE), got ${this.describe(op)}`);
    const compare = op.value as CompareOp;
    if (type === "string" && compare !== "=" && compare !== "!=")
      this.fail(op.pos, `${fieldName(field)} is text: compare it with =, !=, IN, LIKE or ILIKE`);
    return { type: "compare", field, op: compare, value: this.value(field, compare) };
  }

  private value(field: Field, context: string): string | number {
    const t = this.next();
    const type = fieldType(field);
    if (type === "number") {
      if (t.kind !== "number")
        this.fail(
          t.pos,
          `${fieldName(field)} is a number: expected a number after ${context}, got ${this.describe(t)}`,
        );
      return t.value;
    }
    if (type === "time") {
      if (t.kind === "number") return t.value;
      if (t.kind === "string") {
        const ms = Date.parse(t.value);
        if (Number.isNaN(ms)) this.fail(t.pos, `"${t.value}" is not a date (use ISO 8601 or epoch milliseconds)`);
        return ms;
      }
      this.fail(t.pos, `expected a time (epoch milliseconds or a quoted ISO date), got ${this.describe(t)}`);
    }
    if (t.kind !== "string")
      this.fail(
        t.pos,
        `${fieldName(field)} is text: expected a quoted string after ${context}, got ${this.describe(t)}`,
      );
    if (
      field.entity === "attribute" &&
      field.key === "status" &&
      !(RUN_STATUSES as readonly string[]).includes(t.value)
    )
      this.fail(t.pos, `status is one of ${RUN_STATUSES.join(", ")}, not "${t.value}"`);
    return t.value;
  }

  orderKey(): OrderKey {
    const { field } = this.field();
    let direction: "ASC" | "DESC" = "ASC";
    const t = this.peek();
    if (t.kind === "keyword" && (t.value === "ASC" || t.value === "DESC")) {
      this.next();
      direction = t.value;
    }
    const end = this.peek();
    if (end.kind !== "end") this.fail(end.pos, `expected ASC, DESC or the end, got ${this.describe(end)}`);
    return { field, direction };
  }
}

/** How a field is written in messages and by the printer: `metrics.r2`. */
export function fieldName(field: Field): string {
  const prefix = { metric: "metrics", param: "params", tag: "tags", dataset: "datasets", attribute: "attributes" }[
    field.entity
  ];
  return `${prefix}.${/^[A-Za-z0-9_][A-Za-z0-9_\-./:]*$/.test(field.key) ? field.key : `\`${field.key.replaceAll("`", "``")}\``}`;
}

/** Parses a search filter into its AST (undefined for an empty filter); INVALID_INPUT with the position otherwise. */
export function parseFilter(source: string): FilterNode | undefined {
  if (typeof source !== "string") throw syntaxError("filter", 0, "the filter must be a string");
  if (source.length > MAX_FILTER_LENGTH)
    throw syntaxError("filter", MAX_FILTER_LENGTH, `longer than ${MAX_FILTER_LENGTH} characters`);
  return new Parser("filter", tokenize(source, "filter")).filter();
}

/** Parses one order-by key such as `metrics.r2 DESC`. */
export function parseOrderKey(source: string): OrderKey {
  if (typeof source !== "string" || source.length > 1000)
    throw syntaxError("orderBy", 0, "each orderBy entry must be a string of at most 1000 characters");
  return new Parser("orderBy", tokenize(source, "orderBy")).orderKey();
}
