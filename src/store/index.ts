export {
  type Database,
  type DialectName,
  isPostgres,
  migrateToLatest,
  type OpenDatabaseOptions,
  openDatabase,
  parseDatabaseUrl,
} from "./database.js";
