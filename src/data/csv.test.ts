import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvTokenizer, parseCsv, readCsvRecords, toCsv } from "./csv.js";

describe("CSV", () => {
  it("parses quotes, doubled quotes, embedded commas and newlines, CRLF and a BOM", () => {
    const text = '\ufeffa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"multi\nline",\r\n\r\n3,plain,last';
    const { header, records } = parseCsv(text);
    expect(header).toEqual(["a", "b", "c"]);
    expect(records).toEqual([
      { a: "1", b: "x, y", c: 'say "hi"' },
      { a: "2", b: "multi\nline", c: "" },
      { a: "3", b: "plain", c: "last" },
    ]);
  });

  it("gives the same rows whatever the chunk boundaries", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", " ", "é") }), {
            minLength: 2,
            maxLength: 2,
          }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 10 }),
        (rows, cuts) => {
          const records = rows.map(([x, y]) => ({ x, y }));
          const text = toCsv(["x", "y"], records);
          const tokenizer = new CsvTokenizer();
          const out: string[][] = [];
          let pos = 0;
          let k = 0;
          while (pos < text.length) {
            const n = cuts[k++ % cuts.length]!;
            out.push(...tokenizer.push(text.slice(pos, pos + n)));
            pos += n;
          }
          out.push(...tokenizer.end());
          // A row of two empty fields serialises as ",", still a record of two fields.
          expect(out).toEqual([["x", "y"], ...rows]);
        },
      ),
    );
  });

  it("streams a file and names a missing one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "atelier-csv-"));
    const path = join(dir, "x.csv");
    writeFileSync(path, "year_week,vegetable,sales\n202001,Tomate,489\n202001,Peer,95\n");
    expect(await readCsvRecords(path)).toEqual([
      { year_week: "202001", vegetable: "Tomate", sales: "489" },
      { year_week: "202001", vegetable: "Peer", sales: "95" },
    ]);
    await expect(readCsvRecords(join(dir, "missing.csv"))).rejects.toThrow(/File not found/);
  });
});
