// Calendar arithmetic on `YYYY-MM-DD` strings. Signal dates, arrears dates and supply end dates are
// calendar days without a time of day or a time zone (DDAS, the contract), so everything here counts
// whole UTC days and never looks at a clock: 'today' is always an argument.

import { isCalendarDate } from '../validation.js';

const MS_PER_DAY = 86_400_000;

// Days since 1970-01-01 (UTC). setUTCFullYear, not Date.UTC, because Date.UTC maps years below 100 to 19xx.
function toDayNumber(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(date)}`);
  const at = new Date(0);
  at.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.round(at.getTime() / MS_PER_DAY);
}

function fromDayNumber(day: number): string {
  const at = new Date(day * MS_PER_DAY);
  const year = String(at.getUTCFullYear()).padStart(4, '0');
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `${year}-${month}-${String(at.getUTCDate()).padStart(2, '0')}`;
}

function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Calendar days from `from` to `to`: negative when `to` is earlier. `daysBetween('2026-01-01', '2026-01-31')` is 30. */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * `date` plus `months` calendar months, clamped to the last day of a shorter month: 2025-08-31 plus 6
 * months is 2026-02-28. This is how "more than 6 months in arrears" is read (CAK Zorgverzekeringen):
 * the same day number 6 months on, or the month's last day when that day does not exist.
 */
export function addMonths(date: string, months: number): string {
  toDayNumber(date); // validates
  const [year, month, day] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const monthIndex = year * 12 + (month - 1) + months;
  const [targetYear, targetMonth] = [Math.floor(monthIndex / 12), (monthIndex % 12) + 1];
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(targetYear, targetMonth, 0);
  return ymd(targetYear, targetMonth, Math.min(day, lastDay.getUTCDate()));
}

/** 0 = Sunday … 6 = Saturday, of a day number (1970-01-01, day 0, was a Thursday). */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Easter Sunday of a Gregorian year, by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

export interface PublicHoliday {
  readonly date: string;
  /** The Dutch name, as in the Algemene termijnenwet and the calendar. */
  readonly name: string;
}

// The list for a year never changes, and working-day loops ask for it once per day counted:
// both are memoised per year, which keeps the functions pure to their callers.
const holidayCache = new Map<number, readonly PublicHoliday[]>();
const holidayDayCache = new Map<number, ReadonlySet<number>>();

/**
 * The days that are not working days besides Saturdays and Sundays: the "algemeen erkende
 * feestdagen" of the Algemene termijnenwet (Atw) art. 3. Lid 1 names Nieuwjaarsdag, the Christian
 * second Easter and Whit days, both Christmas days, Ascension Day, the day the King's birthday is
 * celebrated and 5 May (every year, not only every fifth); lid 2 puts Goede Vrijdag on the same
 * footing. The energy regulation counts its notice in "werkdagen" without defining them; the Atw is
 * the statute that names the days on which no legal term may end (art. 1), so its list is used.
 * Easter Sunday and Whit Sunday are Sundays and so never working days anyway.
 *
 * Not modelled: the extra days a royal decree may add under Atw art. 3 lid 3 (bridge days published
 * in the Staatscourant). Missing one makes a notice period one day shorter than the strictest reading.
 */
export function dutchPublicHolidays(year: number): readonly PublicHoliday[] {
  const cached = holidayCache.get(year);
  if (cached !== undefined) return cached;
  const easter = easterSunday(year);
  // Koningsdag (since 2014): 27 April, or Saturday 26 April when the 27th is a Sunday. Before 2014,
  // Koninginnedag: 30 April, or 29 April when the 30th is a Sunday.
  const [kingsDay, moveTo] = year >= 2014 ? [ymd(year, 4, 27), ymd(year, 4, 26)] : [ymd(year, 4, 30), ymd(year, 4, 29)];
  const holidays: PublicHoliday[] = [
    { date: ymd(year, 1, 1), name: 'Nieuwjaarsdag' },
    { date: addDays(easter, -2), name: 'Goede Vrijdag' },
    { date: addDays(easter, 1), name: 'Tweede Paasdag' },
    {
      date: weekday(toDayNumber(kingsDay)) === 0 ? moveTo : kingsDay,
      name: year >= 2014 ? 'Koningsdag' : 'Koninginnedag',
    },
    { date: ymd(year, 5, 5), name: 'Bevrijdingsdag' },
    { date: addDays(easter, 39), name: 'Hemelvaartsdag' },
    { date: addDays(easter, 50), name: 'Tweede Pinksterdag' },
    { date: ymd(year, 12, 25), name: 'Eerste Kerstdag' },
    { date: ymd(year, 12, 26), name: 'Tweede Kerstdag' },
  ];
  // An early Easter puts Ascension Day before 5 May (1 May 2008), so sort rather than trust the order above.
  const sorted = Object.freeze(holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0)));
  holidayCache.set(year, sorted);
  return sorted;
}

function isWorkingDayNumber(day: number): boolean {
  if (weekday(day) === 0 || weekday(day) === 6) return false;
  const year = new Date(day * MS_PER_DAY).getUTCFullYear();
  let holidays = holidayDayCache.get(year);
  if (holidays === undefined) {
    holidays = new Set(dutchPublicHolidays(year).map((holiday) => toDayNumber(holiday.date)));
    holidayDayCache.set(year, holidays);
  }
  return !holidays.has(day);
}

/** True for a day in `dutchPublicHolidays` of its year. */
export function isPublicHoliday(date: string): boolean {
  return dutchPublicHolidays(Number(date.slice(0, 4))).some((holiday) => holiday.date === date);
}

/** Monday to Friday and not an Atw holiday (see `dutchPublicHolidays`). */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(toDayNumber(date));
}

/**
 * The `n`-th working day after `date` (before it for negative `n`); `date` itself does not count, so
 * 0 gives `date` back unchanged. Thursday 2026-12-24 plus 3 working days is Wednesday 2026-12-30.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of working days: ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = toDayNumber(date);
  for (let left = Math.abs(n); left > 0;) {
    day += step;
    if (isWorkingDayNumber(day)) left -= 1;
  }
  return fromDayNumber(day);
}

/**
 * Working days after `from` up to and including `to` (negative, counted the same way backwards, when
 * `to` is earlier). For a working day `to` after `from`, `addWorkingDays(from, workingDaysBetween(from, to))`
 * is `to` again.
 */
export function workingDaysBetween(from: string, to: string): number {
  const [fromDay, toDay] = [toDayNumber(from), toDayNumber(to)];
  const [start, end] = fromDay <= toDay ? [fromDay, toDay] : [toDay, fromDay];
  let count = 0;
  for (let day = start + 1; day <= end; day += 1) if (isWorkingDayNumber(day)) count += 1;
  return fromDay <= toDay ? count : -count;
}
