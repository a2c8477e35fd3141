import { CompiledQuery } from "kysely";

const texts = new Map<string, string>();

/**
 * The SQL of a multi-row INSERT of `rows` rows into fixed columns, built once per shape and cached. Log batches take
 * this path for metric points: Kysely's builder costs more than SQLite's insert itself at 100 000 points a second.
 * Every value stays a bound parameter; table, columns and suffix are constants of the caller.
 */
export function bulkInsert(
  table: string,
  columns: readonly string[],
  rows: number,
  postgres: boolean,
  suffix: string,
  parameters: readonly unknown[],
): CompiledQuery {
  const key = `${table}|${rows}|${postgres}|${suffix}`;
  let text = texts.get(key);
  if (text === undefined) {
    const width = columns.length;
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(postgres ? `$${r * width + c}` : "?");
      tuples.push(`(${cells.join(", ")})`);
    }
    text = `insert into ${table} (${columns.join(", ")}) values ${tuples.join(", ")} ${suffix}`;
    // Few shapes recur (full chunks, plus one remainder per batch size): keep the cache small anyway.
    if (texts.size > 256) texts.clear();
    texts.set(key, text);
  }
  return CompiledQuery.raw(text, [...parameters]);
}
