import { migrateToLatest, openDatabase } from "../../store/index.js";
import { CsvSalesRepository } from "./csv-sales-repository.js";
import type { SalesRepository } from "./sales-repository.js";
import { SqlSalesRepository, salesMigrations } from "./sql-sales-repository.js";

/** Opens the sales store a URL names: `csv:PATH`, `sqlite:PATH` or `postgres://…` (migrated on open). */
export async function openSalesRepository(url: string): Promise<SalesRepository> {
  if (url.startsWith("csv:")) return CsvSalesRepository.open(url.slice("csv:".length));
  const database = await openDatabase(url);
  await migrateToLatest(database, salesMigrations);
  return new SqlSalesRepository(database);
}
