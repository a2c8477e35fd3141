import { existsSync, readFileSync, writeFileSync } from "node:fs";

const DOC = new URL("../../docs/benchmarks.md", import.meta.url);

/** A markdown table from a header and rows. */
export function markdownTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/**
 * Replaces one benchmark's section of docs/benchmarks.md (between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`),
 * appending it when absent, so each benchmark rewrites only its own rows.
 */
export function writeSection(name: string, title: string, body: string): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const section = `${start}\n## ${title}\n\n${body.trim()}\n${end}`;
  let doc = existsSync(DOC)
    ? readFileSync(DOC, "utf8")
    : "# Benchmarks\n\nEach section is written by its script in bench/; rerun it to refresh the numbers.\n";
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) doc = doc.slice(0, i) + section + doc.slice(j + end.length);
  else doc = `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(DOC, doc);
}
