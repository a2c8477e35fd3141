import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../core/index.js";
import { RUN_STATUSES } from "../entities.js";
import type { Field, FilterNode } from "./filter-ast.js";
import { parseFilter, parseOrderKey } from "./filter-parser.js";
import { printFilter, printOrderKey } from "./filter-printer.js";

const metric = (key: string): Field => ({ entity: "metric", key });
const param = (key: string): Field => ({ entity: "param", key });
const tag = (key: string): Field => ({ entity: "tag", key });
const attr = (key: string): Field => ({ entity: "attribute", key });

/** The error a bad filter gives: INVALID_INPUT with its position. */
function failure(source: string, parse: (s: string) => unknown = parseFilter): { position: number; message: string } {
  try {
    parse(source);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID_INPUT");
    const [detail] = (error as AppError).details as { position: number }[];
    return { position: detail!.position, message: (error as AppError).message };
  }
  throw new Error(`"${source}" parsed without error`);
}

describe("parseFilter", () => {
  it("parses the issue's example into an AST", () => {
    expect(parseFilter("metrics.r2 > 0.8 and params.alpha = '1' and tags.model = 'ridge'")).toEqual({
      type: "and",
      left: {
        type: "and",
        left: { type: "compare", field: metric("r2"), op: ">", value: 0.8 },
        right: { type: "compare", field: param("alpha"), op: "=", value: "1" },
      },
      right: { type: "compare", field: tag("model"), op: "=", value: "ridge" },
    });
  });

  it("binds AND tighter than OR, and parentheses override it", () => {
    const a = { type: "compare", field: metric("a"), op: "=", value: 1 } as const;
    const b = { type: "compare", field: metric("b"), op: "=", value: 2 } as const;
    const c = { type: "compare", field: metric("c"), op: "=", value: 3 } as const;
    expect(parseFilter("metrics.a = 1 OR metrics.b = 2 AND metrics.c = 3")).toEqual({
      type: "or",
      left: a,
      right: { type: "and", left: b, right: c },
    });
    expect(parseFilter("(metrics.a = 1 or metrics.b == 2) and metrics.c = 3")).toEqual({
      type: "and",
      left: { type: "or", left: a, right: b },
      right: c,
    });
  });

  it("reads IN, NOT IN, LIKE, ILIKE, quoted keys, attributes and dates", () => {
    expect(parseFilter("params.solver IN ('lbfgs', \"saga\")")).toEqual({
      type: "in",
      field: param("solver"),
      negated: false,
      values: ["lbfgs", "saga"],
    });
    expect(parseFilter("metrics.`val loss` not in (1, -2.5e3)")).toMatchObject({ negated: true, values: [1, -2500] });
    expect(parseFilter("tags.note ilike '%it''s%'")).toEqual({
      type: "like",
      field: tag("note"),
      op: "ILIKE",
      negated: false,
      pattern: "%it's%",
    });
    expect(parseFilter("run_name NOT LIKE 'trial-%'")).toMatchObject({ field: attr("run_name"), negated: true });
    expect(parseFilter("attributes.status != 'FAILED'")).toMatchObject({ field: attr("status"), op: "!=" });
    expect(parseFilter("attr.name = 'x'")).toMatchObject({ field: attr("run_name") });
    expect(parseFilter("start_time >= '2026-01-01T00:00:00Z'")).toMatchObject({ value: Date.UTC(2026, 0, 1) });
    expect(parseFilter("datasets.digest = 'abc'")).toMatchObject({ field: { entity: "dataset", key: "digest" } });
    expect(parseFilter("metrics.val/loss.v2 <> 1")).toMatchObject({ field: metric("val/loss.v2"), op: "!=" });
    expect(parseFilter("   ")).toBeUndefined();
  });

  it("names the position and the problem of a bad filter", () => {
    expect(failure("metrics.r2 >")).toMatchObject({
      position: 12,
      message: expect.stringMatching(/expected a number/),
    });
    expect(failure("metrics.r2 > 'high'").position).toBe(13);
    expect(failure("params.alpha = 1")).toMatchObject({
      position: 15,
      message: expect.stringMatching(/quoted string/),
    });
    expect(failure("params.alpha > '1'")).toMatchObject({ position: 13, message: expect.stringMatching(/is text/) });
    expect(failure("foo = 1")).toMatchObject({ position: 0, message: expect.stringMatching(/unknown field "foo"/) });
    expect(failure("metric.a = 1 and")).toMatchObject({ position: 16 });
    expect(failure("metrics.a = 1 metrics.b = 2")).toMatchObject({
      position: 14,
      message: expect.stringMatching(/AND, OR/),
    });
    expect(failure("tags.a = 'open")).toMatchObject({ position: 9, message: expect.stringMatching(/unterminated/) });
    expect(failure("(metrics.a = 1")).toMatchObject({ position: 14, message: expect.stringMatching(/close the \(/) });
    expect(failure("metrics.a ! 1").position).toBe(10);
    expect(failure("status = 'DONE'").message).toMatch(/RUNNING, FINISHED/);
    expect(failure("metrics.a LIKE 'x'").message).toMatch(/LIKE applies to text/);
    expect(failure("params.a in ()").position).toBe(13);
    expect(failure("start_time > 'yesterday'").message).toMatch(/not a date/);
    expect(failure("x.a = 1").message).toMatch(/unknown prefix/);
    expect(failure("metrics. = 1").position).toBe(8);
    expect(failure(`${"(".repeat(70)}metrics.a = 1${")".repeat(70)}`).message).toMatch(/nest deeper/);
    expect(failure(Array.from({ length: 101 }, (_, i) => `metrics.m${i} > 0`).join(" and ")).message).toMatch(
      /more than 100/,
    );
  });
});

describe("parseOrderKey", () => {
  it("reads a field and a direction", () => {
    expect(parseOrderKey("metrics.r2 DESC")).toEqual({ field: metric("r2"), direction: "DESC" });
    expect(parseOrderKey("start_time")).toEqual({ field: attr("start_time"), direction: "ASC" });
    expect(printOrderKey(parseOrderKey("params.`a b` desc"))).toBe("params.`a b` DESC");
    expect(failure("metrics.r2 DOWN", parseOrderKey)).toMatchObject({ position: 11 });
  });
});

const anyText = fc.string({ maxLength: 12, unit: "grapheme" });
const anyKey = fc.string({ minLength: 1, maxLength: 12 });
const number = fc.double({ noNaN: true, noDefaultInfinity: true });
const compareOps = fc.constantFrom("=", "!=", "<", "<=", ">", ">=" as const);
const textOps = fc.constantFrom("=", "!=" as const);
const textAttributes = fc.constantFrom(
  "run_id",
  "run_name",
  "experiment_id",
  "parent_run_id",
  "created_by",
  "git_commit",
);

/** Random valid ASTs (every predicate kind, every field kind) for the round-trip property. */
const predicate: fc.Arbitrary<FilterNode> = fc.oneof(
  fc.record({ type: fc.constant("compare"), field: anyKey.map(metric), op: compareOps, value: number }),
  fc.record({
    type: fc.constant("compare"),
    field: fc.oneof(anyKey.map(param), anyKey.map(tag), textAttributes.map(attr)),
    op: textOps,
    value: anyText,
  }),
  fc.record({
    type: fc.constant("compare"),
    field: fc.constantFrom("start_time", "end_time").map(attr),
    op: compareOps,
    value: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  }),
  fc.record({
    type: fc.constant("compare"),
    field: fc.constant(attr("status")),
    op: textOps,
    value: fc.constantFrom(...RUN_STATUSES),
  }),
  fc.record({
    type: fc.constant("like"),
    field: fc.oneof(
      anyKey.map(param),
      anyKey.map(tag),
      fc.constantFrom("name", "digest", "source").map((key) => ({ entity: "dataset", key }) as Field),
    ),
    op: fc.constantFrom("LIKE", "ILIKE" as const),
    negated: fc.boolean(),
    pattern: anyText,
  }),
  fc.record({
    type: fc.constant("in"),
    field: anyKey.map(metric),
    negated: fc.boolean(),
    values: fc.array(number, { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    type: fc.constant("in"),
    field: anyKey.map(tag),
    negated: fc.boolean(),
    values: fc.array(anyText, { minLength: 1, maxLength: 4 }),
  }),
) as fc.Arbitrary<FilterNode>;

const tree = fc.letrec<{ node: FilterNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    predicate,
    fc.record({
      type: fc.constantFrom("and", "or" as const),
      left: tie("node"),
      right: tie("node"),
    }) as fc.Arbitrary<FilterNode>,
  ),
})).node;

describe("filter language properties", () => {
  it("printing an AST and parsing it back gives the same AST", () => {
    fc.assert(
      fc.property(tree, (ast) => {
        expect(parseFilter(printFilter(ast))).toEqual(ast);
      }),
      { numRuns: 500 },
    );
  });

  const pieces = fc.constantFrom(
    "metrics.r2",
    "params.a",
    "tags.`x y`",
    "status",
    "start_time",
    "and",
    "OR",
    "not",
    "in",
    "like",
    "ilike",
    "(",
    ")",
    ",",
    "=",
    "!=",
    "<>",
    ">=",
    "!",
    "'s'",
    '"t"',
    "'",
    "`",
    "1",
    "-2.5e3",
    ".",
    "-",
    "x.",
    "metrics.",
    "datasets.name",
    "\\",
  );
  it("any input either parses or fails with INVALID_INPUT, never another error", () => {
    const check = (source: string) => {
      try {
        parseFilter(source);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("INVALID_INPUT");
        const position = ((error as AppError).details as { position: number }[])[0]!.position;
        expect(position).toBeGreaterThanOrEqual(0);
        expect(position).toBeLessThanOrEqual(source.length);
      }
    };
    fc.assert(fc.property(fc.string({ maxLength: 60 }), check), { numRuns: 1000 });
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 12 }).map((p) => p.join(" ")),
        check,
      ),
      { numRuns: 2000 },
    );
  });
});
