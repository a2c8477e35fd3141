export { type CsvRecord, CsvTokenizer, csvField, parseCsv, readCsvFile, readCsvRecords, toCsv } from "./csv.js";
export {
  isoWeekMonday,
  isoWeekOf,
  isoWeeksInYear,
  type MonthShare,
  weekMonthShares,
  type YearMonth,
  type YearWeek,
  yearWeekProblem,
} from "./iso-week.js";
