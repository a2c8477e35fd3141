import { AppError } from "../../../core/index.js";
import { readCsvRecords } from "../../../data/index.js";

/**
 * The forecasting data as a panel: items × months, in the order items first appear in the sales file and months
 * ascending (YYYY-MM-01). Exogenous series (marketing, price, stock refills, objectives) are planned in advance, so
 * the value of month M may be used to predict M; sales may only be read strictly before M (see features.ts).
 */
export interface SalesPanel {
  readonly items: readonly string[];
  readonly months: readonly string[];
  /** sales[i][t]; NaN where the file has no row. */
  readonly sales: readonly Float64Array[];
  readonly marketing?: readonly Float64Array[];
  readonly price?: readonly Float64Array[];
  /** Stock refills summed over each month. */
  readonly stock?: readonly Float64Array[];
  /** Yearly objective per item, by fiscal year (a fiscal year ends in June and is named by that year). */
  readonly objectives?: readonly ReadonlyMap<number, number>[];
}

/** The data files a forecast reads (sales always; the others only when a feature needs them). */
export interface PanelFiles {
  readonly sales: string;
  readonly marketing?: string;
  readonly price?: string;
  readonly stock?: string;
  readonly objectives?: string;
}

type Row = Record<string, string>;

function requireColumns(file: string, rows: readonly Row[], columns: readonly string[]): void {
  const have = rows.length > 0 ? Object.keys(rows[0]!) : [];
  const missing = columns.filter((c) => !have.includes(c));
  if (missing.length > 0) {
    throw new AppError(
      "INVALID_INPUT",
      `${file} lacks column(s) ${missing.join(", ")} (has: ${have.join(", ") || "no rows"})`,
      [{ field: file, reason: `missing column(s) ${missing.join(", ")}` }],
    );
  }
}

function number(file: string, row: Row, column: string, line: number): number {
  const v = Number(row[column]);
  if (row[column] === undefined || row[column]!.trim() === "" || !Number.isFinite(v)) {
    throw new AppError(
      "INVALID_INPUT",
      `${file} line ${line}: ${column} is not a number (${JSON.stringify(row[column])})`,
      [{ field: file, index: line, reason: `${column} is not a number` }],
    );
  }
  return v;
}

/** "2023-07-15" → "2023-07-01" (the month a date falls in). */
export function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** A monthly series file (dates,item_id,COLUMN) as one array per item, aligned with the panel's months. */
function monthlySeries(
  file: string,
  rows: readonly Row[],
  column: string,
  items: Map<string, number>,
  months: Map<string, number>,
  sum: boolean,
  dateColumn = "dates",
): Float64Array[] {
  requireColumns(file, rows, [dateColumn, "item_id", column]);
  const out = [...items.keys()].map(() => new Float64Array(months.size));
  rows.forEach((row, k) => {
    const i = items.get(row.item_id!);
    const t = months.get(monthOf(row[dateColumn]!));
    if (i === undefined || t === undefined) return;
    const v = number(file, row, column, k + 2);
    out[i]![t] = sum ? out[i]![t]! + v : v;
  });
  return out;
}

/** Reads the files into a panel; a missing file or column is INVALID_INPUT naming it. */
export async function loadPanel(files: PanelFiles): Promise<SalesPanel> {
  const read = async (path: string) => {
    try {
      return await readCsvRecords(path);
    } catch (error) {
      throw new AppError("INVALID_INPUT", `Cannot read data file ${path}: ${(error as Error).message}`, [
        { field: path, reason: "cannot be read" },
      ]);
    }
  };
  const salesRows = await read(files.sales);
  requireColumns(files.sales, salesRows, ["dates", "item_id", "sales"]);
  const items = new Map<string, number>();
  const monthSet = new Set<string>();
  for (const r of salesRows) {
    if (!items.has(r.item_id!)) items.set(r.item_id!, items.size);
    monthSet.add(monthOf(r.dates!));
  }
  const monthList = [...monthSet].sort();
  const months = new Map(monthList.map((m, t) => [m, t]));
  const sales = [...items.keys()].map(() => new Float64Array(monthList.length).fill(Number.NaN));
  salesRows.forEach((r, k) => {
    sales[items.get(r.item_id!)!]![months.get(monthOf(r.dates!))!] = number(files.sales, r, "sales", k + 2);
  });
  const panel: { -readonly [K in keyof SalesPanel]: SalesPanel[K] } = {
    items: [...items.keys()],
    months: monthList,
    sales,
  };
  if (files.marketing)
    panel.marketing = monthlySeries(
      files.marketing,
      await read(files.marketing),
      "marketing_spend",
      items,
      months,
      false,
    );
  if (files.price) panel.price = monthlySeries(files.price, await read(files.price), "price", items, months, false);
  if (files.stock)
    panel.stock = monthlySeries(files.stock, await read(files.stock), "stock_refill", items, months, true, "date");
  if (files.objectives) {
    const rows = await read(files.objectives);
    requireColumns(files.objectives, rows, ["item_id", "fiscal_year", "objective"]);
    const objectives = [...items.keys()].map(() => new Map<number, number>());
    rows.forEach((r, k) => {
      const i = items.get(r.item_id!);
      if (i !== undefined)
        objectives[i]!.set(
          number(files.objectives!, r, "fiscal_year", k + 2),
          number(files.objectives!, r, "objective", k + 2),
        );
    });
    panel.objectives = objectives;
  }
  return panel;
}

/** A copy of the panel where sales from month index `t` on are replaced (for leak tests and what-if runs). */
export function withSales(panel: SalesPanel, i: number, t: number, value: number): SalesPanel {
  const sales = panel.sales.map((s) => s.slice());
  sales[i]![t] = value;
  return { ...panel, sales };
}
