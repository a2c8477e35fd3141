import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SeededRandom } from "../../core/index.js";
import { openServices, type Services } from "../tracking-services.suite.js";
import { parseFilter, parseOrderKey } from "./filter-parser.js";
import { explainRunSearch, type RunSearch, searchRuns } from "./run-search.js";

/**
 * On SQLite the search picks its plan (walk the order key's index, or drive from a selective filter's index); both
 * plans must give the same runs in the same order, page after page.
 */
describe("search plans on SQLite", () => {
  let services: Services;
  let experimentId: string;
  beforeAll(async () => {
    services = await openServices("sqlite::memory:", "/tmp/atelier-search-plan-blobs");
    const random = new SeededRandom(3);
    for (let i = 0; i < 1200; i++) {
      services.clock.advance(1000);
      const run = await services.tracking.createRun({ experimentName: "plans", name: `r${i}` }, "t");
      experimentId = run.experimentId;
      const metrics = [
        { key: "m0", value: random.next() },
        { key: "m2", value: Math.round(random.next() * 20) / 20 },
      ];
      if (i % 7) metrics.push({ key: "m1", value: random.next() });
      await services.tracking.logBatch(run.id, { params: { alpha: String(i % 5) }, metrics });
    }
  }, 120_000);
  afterAll(async () => {
    await services.close();
  });

  async function everyPage(search: Omit<RunSearch, "pageToken">, drivers: "auto" | "off"): Promise<string[]> {
    const db = services.tracking["runs"].db;
    const names: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await searchRuns(db, false, { ...search, ...(pageToken ? { pageToken } : {}) }, drivers);
      names.push(...page.items.map((r) => r.name));
      pageToken = page.nextPageToken;
    } while (pageToken);
    return names;
  }

  it.each([
    ["metrics.m0 > 0.998", ["metrics.m1 DESC"]],
    ["metrics.m0 > 0.3", ["metrics.m1 DESC"]],
    ["metrics.m2 = 0.5 and params.alpha IN ('1', '2')", ["metrics.m1 ASC", "metrics.m0 DESC"]],
    ["params.alpha = '3' and metrics.m0 < 0.01", []],
    ["metrics.m2 IN (0.1, 0.95) or metrics.m0 > 0.99", ["params.alpha DESC"]],
  ])("%s ordered by %j: the same runs whatever the plan", async (filter, order) => {
    const search = {
      experimentIds: [experimentId],
      filter: parseFilter(filter),
      orderBy: order.map(parseOrderKey),
      pageSize: 37,
    };
    const off = await everyPage(search, "off");
    expect(off.length).toBeGreaterThan(0);
    expect(new Set(off).size).toBe(off.length);
    expect(await everyPage(search, "auto")).toEqual(off);
  });

  it("drives from a selective filter's index, and walks the order index otherwise", async () => {
    const db = services.tracking["runs"].db;
    const plan = (filter: string) =>
      explainRunSearch(db, false, {
        experimentIds: [experimentId],
        filter: parseFilter(filter),
        orderBy: [parseOrderKey("metrics.m1 DESC")],
        pageSize: 50,
      });
    expect(await plan("metrics.m0 > 0.999")).toMatch(
      /SEARCH d USING COVERING INDEX tracking_latest_metrics_experiment_key_value/,
    );
    expect(await plan("metrics.m0 > 0.001")).toMatch(
      /^SEARCH o0 USING COVERING INDEX tracking_latest_metrics_experiment_key_value/,
    );
  });
});
