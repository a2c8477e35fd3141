import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanWeekly, toMonthly } from "./monthly.js";
import { SalesAggregates } from "./sales-aggregates.js";
import { saleKey } from "./sales-repository.js";
import type { RawSale } from "./sales-rows.js";

describe("SalesAggregates", () => {
  it("after any sequence of upserts, equals a full recomputation from the stored rows", () => {
    const row = fc.record({
      yearWeek: fc.integer({ min: 1, max: 52 }).map((w) => 202000 + w),
      vegetable: fc.constantFrom(
        "Tomato",
        "tomate",
        "Tomatto",
        "Pear",
        "Poire",
        "Brussel Sprout",
        "spaceship",
        "zanahoria",
      ),
      sales: fc.oneof(
        fc.integer({ min: 0, max: 500 }),
        fc.constant(100000),
        fc.double({ min: 0, max: 1000, noNaN: true }),
      ),
    });
    fc.assert(
      fc.property(fc.array(fc.array(row, { minLength: 1, maxLength: 5 }), { maxLength: 40 }), (batches) => {
        const aggregates = new SalesAggregates();
        const stored = new Map<string, RawSale>();
        for (const batch of batches) {
          for (const r of batch) {
            stored.set(saleKey(r), r);
            aggregates.set(r);
          }
          // Read between writes, as the server does, so stale caches would show.
          aggregates.monthly(true);
        }
        const { weekly, unknown } = cleanWeekly(stored.values());
        expect(aggregates.weekly()).toEqual(weekly);
        expect(aggregates.unknownVegetables()).toEqual(unknown);
        for (const flag of [true, false]) expect(aggregates.monthly(flag)).toEqual(toMonthly(weekly, flag));
      }),
      { numRuns: 200 },
    );
  });

  it("clear forgets everything", () => {
    const a = new SalesAggregates();
    a.set({ yearWeek: 202010, vegetable: "tomato", sales: 5 });
    a.clear();
    expect(a.weekly()).toEqual([]);
    expect(a.monthly(false)).toEqual([]);
  });
});
