import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openSalesRepository } from "./open-sales-repository.js";
import { SalesService } from "./sales-service.js";

describe("SalesService read caches", () => {
  it("after any sequence of posts, the cached JSON answers equal the data rendered afresh", async () => {
    const service = await SalesService.open(
      await openSalesRepository(`sqlite:${join(mkdtempSync(join(tmpdir(), "atelier-svc-")), "s.db")}`),
    );
    const row = fc.record({
      year_week: fc
        .integer({ min: 2019, max: 2024 })
        .chain((y) => fc.integer({ min: 1, max: 52 }).map((w) => y * 100 + w)),
      vegetable: fc.constantFrom("Tomato", "tomate", "Pear", "Poire", "spaceship", "Brussel Sprout"),
      sales: fc.integer({ min: 0, max: 1000 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(row, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        async (posts) => {
          await service.reset();
          for (const rows of posts) {
            await service.post(rows);
            // Reading between posts fills the caches that the next post must invalidate.
            service.rawSalesJson();
            service.monthlyJson(true);
          }
          const raw = service
            .rawSales()
            .map((r) => ({ year_week: r.yearWeek, vegetable: r.vegetable, sales: r.sales }));
          expect(JSON.parse(service.rawSalesJson())).toEqual(raw);
          for (const flag of [true, false]) {
            const monthly = service
              .monthlySales(flag)
              .map((m) => ({ year_month: m.yearMonth, vegetable: m.vegetable, sales: m.sales }));
            expect(JSON.parse(service.monthlyJson(flag))).toEqual(monthly);
          }
        },
      ),
      { numRuns: 60 },
    );
    await service.close();
  });
});
