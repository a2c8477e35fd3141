import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isoWeekMonday, parseCsv } from "../../data/index.js";
import { cleanWeekly, toMonthly } from "./monthly.js";
import { completeMonths, forecastVegetable } from "./vegetable-forecast.js";

const csv = parseCsv(
  readFileSync(new URL("../../../data/td1_sales/weekly_sales.csv", import.meta.url), "utf8"),
).records;
const raw = csv.map((r) => ({ yearWeek: Number(r.year_week), vegetable: r.vegetable!, sales: Number(r.sales) }));

describe("vegetable forecast on the course's td1 data", () => {
  const { weekly } = cleanWeekly(raw);
  const monthly = toMonthly(weekly, true);

  it("uses complete months only (the partial first month, December 2019, is left out)", () => {
    const complete = completeMonths(weekly, "tomato");
    expect(complete.has(201912)).toBe(false);
    expect(complete.has(202001)).toBe(true);
  });

  it("forecasts the next months after the last complete month with a seasonal method for tomatoes", () => {
    const f = forecastVegetable(monthly, weekly, "tomato", 3);
    expect(f.map((x) => x.yearMonth)).toEqual([202401, 202402, 202403]);
    expect(f.every((x) => ["seasonal-index", "seasonal-growth", "last-year"].includes(x.method) && x.sales > 0)).toBe(
      true,
    );
    // Tomatoes sell far more in summer: the forecast follows last winter's level, not December's.
    const lastJanuary = monthly.find((m) => m.vegetable === "tomato" && m.yearMonth === 202301)!.sales;
    expect(Math.abs(f[0]!.sales - lastJanuary) / lastJanuary).toBeLessThan(0.3);
  });

  it("backtested on the last six months of every vegetable: far better than last month's sales, as good as last year's", () => {
    let ours = 0;
    let lastMonth = 0;
    let lastYear = 0;
    for (const vegetable of ["tomato", "pear", "brussels sprout"]) {
      const complete = [...completeMonths(weekly, vegetable)].sort((a, b) => a - b);
      for (let k = 6; k >= 1; k--) {
        const cutoff = complete[complete.length - k - 1]!;
        const target = complete[complete.length - k]!;
        // What was known at the end of the cutoff month: every week that started by then.
        const cutoffEnd = Date.UTC(Math.floor(cutoff / 100), cutoff % 100, 0);
        const visibleWeeks = weekly.filter(
          (w) => isoWeekMonday(Math.floor(w.yearWeek / 100), w.yearWeek % 100).getTime() <= cutoffEnd,
        );
        const visible = toMonthly(visibleWeeks, true);
        const [f] = forecastVegetable(visible, visibleWeeks, vegetable, 1);
        expect(f!.yearMonth).toBe(target);
        const actual = monthly.find((m) => m.vegetable === vegetable && m.yearMonth === target)!.sales;
        const series = (ym: number) => monthly.find((m) => m.vegetable === vegetable && m.yearMonth === ym)!.sales;
        ours += Math.abs(f!.sales - actual) / actual;
        lastMonth += Math.abs(series(cutoff) - actual) / actual;
        lastYear += Math.abs(series(target - 100) - actual) / actual;
      }
    }
    // 18 one-step forecasts: tomatoes are strongly seasonal, pears and sprouts are flat with noise.
    expect(ours / 18).toBeLessThan(0.06);
    expect(ours).toBeLessThan(lastMonth / 2);
    expect(ours).toBeLessThan(lastYear * 1.1);
  });

  it("names an unknown vegetable", () => {
    expect(() => forecastVegetable(monthly, weekly, "durian", 2)).toThrow(/durian/);
  });
});
