import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanWeekly, toMonthly } from "./monthly.js";
import { meanAndSampleStd, tagOutliers } from "./outliers.js";
import { validateRows } from "./sales-rows.js";

const sale = (yearWeek: number, vegetable: string, sales: number) => ({ yearWeek, vegetable, sales });

describe("monthly sales", () => {
  it("splits a week spanning two months by its days (202005 tomato 70 → 202001: 50, 202002: 20)", () => {
    const { weekly } = cleanWeekly([sale(202005, "tomato", 70)]);
    expect(toMonthly(weekly, false)).toEqual([
      { yearMonth: 202001, vegetable: "tomato", sales: 50 },
      { yearMonth: 202002, vegetable: "tomato", sales: 20 },
    ]);
  });

  it("adds different raw spellings of one vegetable in one week", () => {
    const { weekly } = cleanWeekly([
      sale(202010, "Tomate", 30),
      sale(202010, "tomatto", 12),
      sale(202010, "Carottes", 5),
    ]);
    expect(weekly.map((w) => [w.vegetable, w.sales])).toEqual([
      ["carrot", 5],
      ["tomato", 42],
    ]);
  });

  it("reproduces the course example (weeks inside one month)", () => {
    const { weekly } = cleanWeekly([
      sale(202002, "tomato", 100),
      sale(202003, "tomato", 100),
      sale(202006, "tomato", 100),
      sale(202010, "carrot", 50),
    ]);
    expect(toMonthly(weekly, false)).toEqual([
      { yearMonth: 202001, vegetable: "tomato", sales: 200 },
      { yearMonth: 202002, vegetable: "tomato", sales: 100 },
      { yearMonth: 202003, vegetable: "carrot", sales: 50 },
    ]);
  });

  it("keeps unknown names out of the cleaned data and reports them", () => {
    const { weekly, unknown } = cleanWeekly([
      sale(202010, "spaceship", 5),
      sale(202011, "spaceship", 6),
      sale(202010, "pear", 1),
    ]);
    expect(weekly.map((w) => w.vegetable)).toEqual(["pear"]);
    expect(unknown).toEqual([{ vegetable: "spaceship", rows: 2, sales: 11 }]);
  });

  it("drops an outlier week per vegetable only with removeOutliers (weeks 1–27 at 70, week 50 at 100000)", () => {
    const rows = [];
    for (let w = 1; w <= 27; w++) rows.push(sale(202000 + w, "tomato", 70));
    rows.push(sale(202050, "tomato", 100000));
    // Another vegetable selling far more must not make tomato's outlier disappear (the rule is per vegetable).
    for (let w = 1; w <= 30; w++) rows.push(sale(202000 + w, "potato", 500000 + w));
    const { weekly } = cleanWeekly(rows);
    expect(weekly.filter((w) => w.isOutlier).map((w) => [w.yearWeek, w.vegetable])).toEqual([[202050, "tomato"]]);
    const dec = (removeOutliers: boolean) =>
      toMonthly(weekly, removeOutliers).filter((m) => m.yearMonth === 202012 && m.vegetable === "tomato");
    expect(dec(false)).toEqual([{ yearMonth: 202012, vegetable: "tomato", sales: 100000 }]);
    expect(dec(true)).toEqual([]);
  });

  it("conserves the total: monthly sales add up to weekly sales", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            year: fc.integer({ min: 2019, max: 2024 }),
            week: fc.integer({ min: 1, max: 52 }),
            sales: fc.integer({ min: 0, max: 10_000 }),
          }),
          {
            maxLength: 40,
          },
        ),
        (rows) => {
          const { weekly } = cleanWeekly(rows.map((r) => sale(r.year * 100 + r.week, "tomato", r.sales)));
          const total = weekly.reduce((s, w) => s + w.sales, 0);
          const months = toMonthly(weekly, false);
          const monthly = months.reduce((s, m) => s + m.sales, 0);
          // Each month is rounded to 1e-6, so the totals agree within half of that per month.
          expect(Math.abs(monthly - total)).toBeLessThanOrEqual(months.length * 5e-7 + 1e-9);
        },
      ),
    );
  });
});

describe("outliers", () => {
  it("uses the sample standard deviation and never flags constant data", () => {
    expect(meanAndSampleStd([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(5 / 3) });
    expect(tagOutliers([5, 5, 5])).toEqual([false, false, false]);
    expect(tagOutliers([1, 1, 1, 10], 1)).toEqual([false, false, false, true]);
  });
});

describe("row validation", () => {
  it("keeps valid rows and names each problem of the others with its index", () => {
    const { valid, rejected } = validateRows([
      { year_week: 202001, vegetable: " Tomate ", sales: 489 },
      { year_week: 202000, vegetable: "tomato", sales: 1 },
      { year_week: 202154, vegetable: "tomato", sales: 1 },
      { year_week: 202153, vegetable: "tomato", sales: 1 },
      { vegetable: "tomato", sales: 1 },
      { year_week: "202001", vegetable: "tomato", sales: 1 },
      { year_week: 202001, vegetable: "", sales: 1 },
      { year_week: 202001, vegetable: "tomato", sales: -1 },
      { year_week: 202001, vegetable: "tomato", sales: "12" },
      { year_week: 202001, vegetable: 3, sales: 1 },
      "nope",
      { year_week: 202053, vegetable: "carrot", sales: 0 },
    ]);
    expect(valid).toEqual([
      { yearWeek: 202001, vegetable: "Tomate", sales: 489 },
      { yearWeek: 202053, vegetable: "carrot", sales: 0 },
    ]);
    expect(rejected.map((r) => [r.index, r.reason])).toEqual([
      [1, "year_week 202000: week 00 does not exist (weeks start at 01)"],
      [2, "year_week 202154: week 54 is beyond 53"],
      [3, "year_week 202153: ISO year 2021 has only 52 weeks"],
      [4, "missing field year_week"],
      [5, 'year_week must be an integer YYYYWW, got the string "202001"'],
      [6, "vegetable is empty"],
      [7, "sales must not be negative, got -1"],
      [8, 'sales must be a number, got the string "12"'],
      [9, "vegetable must be a string, got number 3"],
      [10, 'row must be an object {year_week, vegetable, sales}, got the string "nope"'],
    ]);
  });
});
