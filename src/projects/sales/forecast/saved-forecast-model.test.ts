import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runForecast } from "./make-predictions.js";
import { forecastOne, loadForecastModel } from "./saved-forecast-model.js";

const DATA = new URL("../../../../data/td2_forecast/", import.meta.url).pathname;
const data = Object.fromEntries(
  ["sales", "marketing", "price", "stock", "objectives"].map((f) => [f, join(DATA, `${f}.csv`)]),
);

describe("saved forecasting models", () => {
  it.each([
    ["PrevMonthSale", []],
    ["Ridge", ["past_sales", "marketing", "stock"]],
    ["CustomModel", []],
  ])("%s round-trips through JSON with identical forecasts", async (model, features) => {
    const f = await runForecast({ data, start_test: "2023-07-01", model, features });
    const loaded = loadForecastModel(JSON.parse(JSON.stringify(f.model.toJSON()))).attach(f.panel);
    for (const row of f.rows.slice(0, 24)) {
      const i = f.panel.items.indexOf(row.item_id);
      const t = f.panel.months.indexOf(row.dates);
      expect(loaded.predict(i, t)).toBe(row.prediction);
    }
  });

  it("forecasts the month after the data with stated assumptions, and names what it cannot do", async () => {
    const f = await runForecast({ data, start_test: "2023-07-01", model: "CustomModel", features: [] });
    const model = loadForecastModel(f.model.toJSON());
    const next = forecastOne(model, f.panel, "item_3", "2024-01");
    expect(next.prediction).toBeGreaterThan(0);
    expect(next.assumptions[0]).toMatch(/no planned marketing/);
    const inside = forecastOne(model, f.panel, "item_3", "2023-08");
    expect(inside.prediction).toBe(f.rows.find((r) => r.item_id === "item_3" && r.dates === "2023-08-01")!.prediction);
    expect(() => forecastOne(model, f.panel, "item_3", "2024-05")).toThrow(/No data to forecast 2024-05/);
    expect(() => forecastOne(model, f.panel, "item_999", "2024-01")).toThrow(/Unknown item/);
  });
});
