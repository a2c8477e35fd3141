/** Regenerates the generated docs: docs/errors.md and the forecasting score table. `npm run docs:generate`. */
import { readFileSync, writeFileSync } from "node:fs";
import { renderErrorDocs } from "../src/core/index.js";
import { renderScoreTable } from "../src/projects/sales/forecast/score-table.js";

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
