import { describe, expect, it } from "vitest";
import { readAll, type SalesRepository } from "./sales-repository.js";

/**
 * The conformance suite every SalesRepository passes. `open` gives a repository on an empty store; `reopen` opens
 * the same store again (to check durability).
 */
export function salesRepositorySuite(
  name: string,
  open: () => Promise<{ repo: SalesRepository; reopen: () => Promise<SalesRepository> }>,
): void {
  describe(`SalesRepository conformance: ${name}`, () => {
    it("stores rows and reads them back ordered by week then spelling", async () => {
      const { repo } = await open();
      await repo.upsert([
        { yearWeek: 202002, vegetable: "Tomato", sales: 505 },
        { yearWeek: 202001, vegetable: "Tomate", sales: 489 },
        { yearWeek: 202001, vegetable: "Peer", sales: 95.5 },
      ]);
      expect(await readAll(repo)).toEqual([
        { yearWeek: 202001, vegetable: "Peer", sales: 95.5 },
        { yearWeek: 202001, vegetable: "Tomate", sales: 489 },
        { yearWeek: 202002, vegetable: "Tomato", sales: 505 },
      ]);
      await repo.close();
    });

    it("replaces the same (week, raw spelling) and keeps other spellings of the same week apart", async () => {
      const { repo } = await open();
      await repo.upsert([{ yearWeek: 202001, vegetable: "Tomate", sales: 1 }]);
      await repo.upsert([
        { yearWeek: 202001, vegetable: "Tomate", sales: 2 },
        { yearWeek: 202001, vegetable: "tomato", sales: 3 },
      ]);
      await repo.upsert([
        { yearWeek: 202001, vegetable: "Tomate", sales: 4 },
        { yearWeek: 202001, vegetable: "Tomate", sales: 5 },
      ]);
      expect(await readAll(repo)).toEqual([
        { yearWeek: 202001, vegetable: "Tomate", sales: 5 },
        { yearWeek: 202001, vegetable: "tomato", sales: 3 },
      ]);
      await repo.close();
    });

    it("pages through many rows and keeps them after reopening", async () => {
      const { repo, reopen } = await open();
      const rows = [];
      for (let y = 2000; y < 2030; y++)
        for (let w = 1; w <= 52; w++) rows.push({ yearWeek: y * 100 + w, vegetable: `v,"${w % 3}"`, sales: w });
      await repo.upsert(rows);
      const pages: number[] = [];
      for await (const page of repo.scan(500)) pages.push(page.length);
      expect(pages.reduce((a, b) => a + b, 0)).toBe(rows.length);
      expect(Math.max(...pages)).toBeLessThanOrEqual(500);
      await repo.close();
      const again = await reopen();
      const back = await readAll(again);
      expect(back.length).toBe(rows.length);
      expect(back[0]).toEqual({ yearWeek: 200001, vegetable: 'v,"1"', sales: 1 });
      await again.close();
    });

    it("clear empties the store, durably", async () => {
      const { repo, reopen } = await open();
      await repo.upsert([{ yearWeek: 202001, vegetable: "Tomate", sales: 1 }]);
      await repo.clear();
      expect(await readAll(repo)).toEqual([]);
      await repo.upsert([{ yearWeek: 202002, vegetable: "Tomate", sales: 2 }]);
      await repo.close();
      const again = await reopen();
      expect(await readAll(again)).toEqual([{ yearWeek: 202002, vegetable: "Tomate", sales: 2 }]);
      await again.close();
    });
  });
}
