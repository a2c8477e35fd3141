/**
 * ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday) and how a week's days fall into
 * calendar months. All computations are in UTC days, so no time zone or DST can shift a day.
 */

const DAY_MS = 86_400_000;

/** A week written as the integer YYYYWW (e.g. 202005 for ISO week 5 of 2020). */
export type YearWeek = number;
/** A month written as the integer YYYYMM (e.g. 202001 for January 2020). */
export type YearMonth = number;

/** Days since 1970-01-01 (UTC) of a calendar date. */
function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
function isoWeekday(days: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Number of ISO weeks in an ISO year: 53 when the year starts on a Thursday, or on a Wednesday in a leap year. */
export function isoWeeksInYear(year: number): 52 | 53 {
  const jan1 = isoWeekday(dayNumber(year, 1, 1));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** Why a YYYYWW value is not a valid ISO week, or undefined when it is valid. */
export function yearWeekProblem(value: unknown): string | undefined {
  if (typeof value !== "number" || !Number.isInteger(value)) return "year_week must be an integer YYYYWW";
  const year = Math.floor(value / 100);
  const week = value % 100;
  if (year < 1000 || year > 9999) return `year_week ${value}: year ${year} is not a 4-digit year`;
  if (week === 0) return `year_week ${value}: week 00 does not exist (weeks start at 01)`;
  if (week > 53) return `year_week ${value}: week ${week} is beyond 53`;
  const weeks = isoWeeksInYear(year);
  if (week > weeks) return `year_week ${value}: ISO year ${year} has only ${weeks} weeks`;
  return undefined;
}

/** The Monday (as a UTC Date) that starts an ISO week. */
export function isoWeekMonday(year: number, week: number): Date {
  const jan4 = dayNumber(year, 1, 4);
  const week1Monday = jan4 - (isoWeekday(jan4) - 1);
  return new Date((week1Monday + (week - 1) * 7) * DAY_MS);
}

/** The ISO week (YYYYWW) holding a date. */
export function isoWeekOf(date: Date): YearWeek {
  const days = Math.floor(date.getTime() / DAY_MS);
  const thursday = days - isoWeekday(days) + 4;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - dayNumber(year, 1, 1)) / 7) + 1;
  return year * 100 + week;
}

/** A share of a week that falls in one month: `days` of the week's 7 days are in `yearMonth`. */
export interface MonthShare {
  readonly yearMonth: YearMonth;
  readonly days: number;
}

const splitCache = new Map<YearWeek, readonly MonthShare[]>();

/**
 * The months a valid ISO week's seven days fall in, in order: one share of 7 days, or two shares (n and 7 - n)
 * when the week spans a month boundary. Cached: there are only ~53 weeks a year.
 */
export function weekMonthShares(yearWeek: YearWeek): readonly MonthShare[] {
  const hit = splitCache.get(yearWeek);
  if (hit) return hit;
  const monday = isoWeekMonday(Math.floor(yearWeek / 100), yearWeek % 100);
  const shares: MonthShare[] = [];
  for (let d = 0; d < 7; d++) {
    const day = new Date(monday.getTime() + d * DAY_MS);
    const ym = day.getUTCFullYear() * 100 + day.getUTCMonth() + 1;
    const last = shares[shares.length - 1];
    if (last && last.yearMonth === ym) shares[shares.length - 1] = { yearMonth: ym, days: last.days + 1 };
    else shares.push({ yearMonth: ym, days: 1 });
  }
  splitCache.set(yearWeek, shares);
  return shares;
}
