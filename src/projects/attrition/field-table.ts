import { ALL_FIELDS } from "./employee-fields.js";
import { MISSING_SHARES } from "./generator.js";

/**
 * The data set's columns as a Markdown table (type, allowed values, missing share, description), generated into
 * docs/attrition.md by `npm run docs:generate` so the documentation is the code's own table.
 */
export function renderFieldTable(): string {
  const lines = ["| column | type | values | missing | description |", "| --- | --- | --- | --- | --- |"];
  for (const f of ALL_FIELDS) {
    const values = f.enum
      ? f.enum.map((v) => `\`${v}\``).join(", ")
      : f.minimum !== undefined && f.maximum !== undefined
        ? `${f.minimum}–${f.maximum.toLocaleString("en-US")}`
        : "";
    const missing = MISSING_SHARES[f.name];
    lines.push(
      `| \`${f.name}\` | ${f.type} | ${values} | ${missing ? `${(100 * missing).toFixed(0)} %` : "never"} | ${f.description} |`,
    );
  }
  return lines.join("\n");
}
