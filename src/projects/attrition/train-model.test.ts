import { loadModel, type Pipeline } from "atelier/ml";
import { describe, expect, it } from "vitest";
import { readCsvRecords } from "../../data/index.js";
import type { Employee } from "./employee-fields.js";
import { parseEmployeeRecord } from "./employee-rows.js";
import { exampleEmployee } from "./model-signature.js";
import { employeesFrame, trainAttritionModel } from "./train-model.js";

const SAMPLE = new URL("../../../data/attrition/employees.csv", import.meta.url).pathname;

describe("trainAttritionModel on the committed sample (2 000 employees)", () => {
  it("picks a classifier by cross-validated ROC AUC and scores well above chance on the held-out employees", async () => {
    const employees = (await readCsvRecords(SAMPLE)).map((r) => parseEmployeeRecord(r) as Employee);
    const trained = trainAttritionModel(employees, { seed: 42, nJobs: 2 });
    expect(trained.rows).toEqual({ train: 1600, test: 400, positiveRate: expect.closeTo(0.16, 2) });
    // 6 logistic regressions, 2 forests, 2 boosted-tree settings; the best is the rank-1 candidate.
    expect(trained.candidates).toHaveLength(10);
    expect(new Set(trained.candidates.map((c) => c.classifier))).toEqual(
      new Set(["LogisticRegression", "RandomForestClassifier", "HistGradientBoostingClassifier"]),
    );
    expect(trained.best.rank).toBe(1);
    expect(trained.best.meanRocAuc).toBe(Math.max(...trained.candidates.map((c) => c.meanRocAuc)));
    // Seed 42: HistGradientBoosting (learning rate 0.05, depth 3), CV ROC AUC 0.783, test ROC AUC 0.740.
    expect(trained.best.meanRocAuc).toBeGreaterThan(0.75);
    expect(trained.test.rocAuc).toBeGreaterThan(0.7);
    expect(trained.test.accuracy).toBeGreaterThan(0.8);
    expect(trained.test.report).toMatch(/yes\s+0\.\d{3}/);
    // The pipeline imputes missing fields and survives a save/load round trip unchanged.
    const { X } = employeesFrame([
      { employeeId: 0, features: exampleEmployee(), attrition: "no" },
      {
        employeeId: 0,
        features: { ...exampleEmployee(), monthly_income: null, business_travel: null },
        attrition: "no",
      },
    ]);
    const proba = trained.model.predictProba!(X);
    expect(proba.rows).toBe(2);
    const loaded = loadModel<Pipeline>(JSON.stringify(trained.model.toJSON()));
    expect(Array.from(loaded.predictProba!(X).data)).toEqual(Array.from(proba.data));
  }, 120_000);
});
