/** Regenerates the generated docs: docs/errors.md from the error-code table. `npm run docs:generate`. */
import { writeFileSync } from "node:fs";
import { renderErrorDocs } from "../src/core/index.js";

writeFileSync(new URL("../docs/errors.md", import.meta.url), renderErrorDocs());
process.stdout.write("docs/errors.md written\n");
