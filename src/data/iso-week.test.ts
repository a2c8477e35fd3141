import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoWeekMonday, isoWeekOf, isoWeeksInYear, weekMonthShares, yearWeekProblem } from "./iso-week.js";

describe("ISO weeks", () => {
  it("knows which years have 53 weeks", () => {
    expect([2015, 2020, 2026, 2032].map(isoWeeksInYear)).toEqual([53, 53, 53, 53]);
    expect([2019, 2021, 2022, 2023, 2024, 2025].map(isoWeeksInYear)).toEqual([52, 52, 52, 52, 52, 52]);
  });

  it("finds the Monday of a week (week 1 holds January 4th)", () => {
    expect(isoWeekMonday(2020, 1).toISOString().slice(0, 10)).toBe("2019-12-30");
    expect(isoWeekMonday(2020, 5).toISOString().slice(0, 10)).toBe("2020-01-27");
    expect(isoWeekMonday(2021, 1).toISOString().slice(0, 10)).toBe("2021-01-04");
    expect(isoWeekMonday(2020, 53).toISOString().slice(0, 10)).toBe("2020-12-28");
  });

  it("splits a week across months by its days (202005: 5 days in January, 2 in February)", () => {
    expect(weekMonthShares(202005)).toEqual([
      { yearMonth: 202001, days: 5 },
      { yearMonth: 202002, days: 2 },
    ]);
    expect(weekMonthShares(202001)).toEqual([
      { yearMonth: 201912, days: 2 },
      { yearMonth: 202001, days: 5 },
    ]);
    expect(weekMonthShares(202010)).toEqual([{ yearMonth: 202003, days: 7 }]);
    expect(weekMonthShares(202053)).toEqual([
      { yearMonth: 202012, days: 4 },
      { yearMonth: 202101, days: 3 },
    ]);
  });

  it("names what is wrong with an invalid week", () => {
    expect(yearWeekProblem(202000)).toMatch(/week 00/);
    expect(yearWeekProblem(202054)).toMatch(/beyond 53/);
    expect(yearWeekProblem(202153)).toMatch(/only 52 weeks/);
    expect(yearWeekProblem(2020.5)).toMatch(/integer/);
    expect(yearWeekProblem("202001")).toMatch(/integer/);
    expect(yearWeekProblem(202053)).toBeUndefined();
  });

  it("round-trips every valid week through its Monday, and every week has 7 days in at most 2 months", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 53 }), (year, week) => {
        const yw = year * 100 + week;
        if (week > isoWeeksInYear(year)) {
          expect(yearWeekProblem(yw)).toBeDefined();
          return;
        }
        expect(yearWeekProblem(yw)).toBeUndefined();
        const monday = isoWeekMonday(year, week);
        expect(monday.getUTCDay()).toBe(1);
        expect(isoWeekOf(monday)).toBe(yw);
        expect(isoWeekOf(new Date(monday.getTime() + 6 * 86_400_000))).toBe(yw);
        const shares = weekMonthShares(yw);
        expect(shares.length).toBeLessThanOrEqual(2);
        expect(shares.reduce((s, x) => s + x.days, 0)).toBe(7);
      }),
    );
  });

  it("agrees with the ISO week of every day over several years", () => {
    let prev = isoWeekOf(new Date(Date.UTC(2018, 11, 31)));
    for (let d = 1; d < 365 * 8; d++) {
      const date = new Date(Date.UTC(2018, 11, 31) + d * 86_400_000);
      const w = isoWeekOf(date);
      if (date.getUTCDay() === 1) expect(w).not.toBe(prev);
      else expect(w).toBe(prev);
      prev = w;
    }
  });
});
