/**
 * Regenerates the generated docs: docs/errors.md, the forecasting score table, docs/data-model.md (the live schema)
 * and the attrition column table. `npm run docs:generate`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { renderErrorDocs } from "../src/core/index.js";
import { renderFieldTable } from "../src/projects/attrition/field-table.js";
import { renderScoreTable } from "../src/projects/sales/forecast/score-table.js";
import { renderDataModel } from "./generate-data-model.js";

writeFileSync(new URL("../docs/errors.md", import.meta.url), renderErrorDocs());
process.stdout.write("docs/errors.md written\n");

const forecasting = new URL("../docs/forecasting.md", import.meta.url);
const table = await renderScoreTable(new URL("../data/td2_forecast/", import.meta.url).pathname);
const doc = readFileSync(forecasting, "utf8").replace(
  /<!-- scores -->[\s\S]*<!-- \/scores -->/,
  `<!-- scores -->\n${table}\n<!-- /scores -->`,
);
writeFileSync(forecasting, doc);
process.stdout.write("docs/forecasting.md score table written\n");

writeFileSync(new URL("../docs/data-model.md", import.meta.url), await renderDataModel());
process.stdout.write("docs/data-model.md written\n");

const attrition = new URL("../docs/attrition.md", import.meta.url);
writeFileSync(
  attrition,
  readFileSync(attrition, "utf8").replace(
    /<!-- fields -->[\s\S]*<!-- \/fields -->/,
    `<!-- fields -->\n${renderFieldTable()}\n<!-- /fields -->`,
  ),
);
process.stdout.write("docs/attrition.md column table written\n");
