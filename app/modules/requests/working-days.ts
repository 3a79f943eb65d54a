// Working days of a state agency (Monday to Friday, less public holidays, plus make-up
// Saturdays), for appointment dates and time limits counted in working days. Dates are ISO
// days "YYYY-MM-DD"; all arithmetic is on whole UTC days, so no timezone can shift a day.
// The holiday calendar is data DOST keeps in the portal (app/modules/holidays): every function
// here takes it as its first argument and reads nothing else.
import { type LocalizedText } from "~/modules/content/schemas";

const DAY_MS = 86_400_000;
// 1970-01-05, day 4 since the epoch, was a Monday.
const A_MONDAY = 4;

/** "entered": DOST entered the Government's announced calendar; "provisional": computed or incomplete. */
export type CalendarStatus = "entered" | "provisional";
/** "holiday": a weekday off (a compensatory or swapped day included); "working": a make-up Saturday or Sunday. */
export type CalendarDayKind = "holiday" | "working";
export type CalendarDay = { date: string; kind: CalendarDayKind; name: LocalizedText };
export type CalendarYear = { year: number; status: CalendarStatus; days: readonly CalendarDay[] };

type YearTable = { daysOff: Map<number, LocalizedText>; makeUpDays: Set<number> };

/**
 * The years DOST keeps, each with its days listed in full; a year it does not keep is worked out
 * from the fixed-date rules of the Labour Code (and never counts as entered).
 */
export type HolidayCalendar = {
  readonly years: ReadonlyMap<number, { status: CalendarStatus; table: YearTable }>;
  /** Years outside `years`, worked out once per calendar. */
  readonly computed: Map<number, YearTable>;
};

// The holidays with a fixed solar date; Tết and Hùng Kings' day follow the lunar calendar and the
// Government's announcement, so only DOST's calendar has them. `fromYear`: the first year the rule
// applies; `inLieu`: a holiday on a weekend is taken on the next working day (Labour Code art. 111(3)).
export const FIXED_DATE_HOLIDAYS: ReadonlyArray<{ monthDay: string; fromYear: number; inLieu: boolean; name: LocalizedText }> = [
  // Labour Code 2019 art. 112(1).
  { monthDay: "01-01", fromYear: 0, inLieu: true, name: { vi: "Tết Dương lịch", en: "New Year's Day" } },
  { monthDay: "04-30", fromYear: 0, inLieu: true, name: { vi: "Ngày Chiến thắng (30/4)", en: "Reunification Day (30 April)" } },
  { monthDay: "05-01", fromYear: 0, inLieu: true, name: { vi: "Ngày Quốc tế lao động", en: "International Workers' Day" } },
  { monthDay: "09-02", fromYear: 0, inLieu: true, name: { vi: "Quốc khánh", en: "National Day" } },
  // National Assembly Resolution 28/2026/QH16 art. 2, in force 1/7/2026 (docs/legal/research-procedures.md §2).
  // Not in art. 112(1), so our reading is that art. 111(3) gives no day in lieu; moot until Saturday 24/11/2029.
  { monthDay: "11-24", fromYear: 2026, inLieu: false, name: { vi: "Ngày Văn hóa Việt Nam", en: "Vietnam Culture Day" } },
];

// A queue page counts working days for every row, mostly between the same few dates.
const dayNumbers = new Map<string, number>();

function toDayNumber(day: string): number {
  let dayNumber = dayNumbers.get(day);
  if (dayNumber === undefined) {
    dayNumber = parseDayNumber(day);
    if (dayNumbers.size >= 10_000) dayNumbers.clear();
    dayNumbers.set(day, dayNumber);
  }
  return dayNumber;
}

function parseDayNumber(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`not an ISO day: ${day}`);
  return ms / DAY_MS;
}

function toIsoDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function yearOf(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCFullYear();
}

function isWeekend(dayNumber: number): boolean {
  const weekday = (((dayNumber - A_MONDAY) % 7) + 7) % 7; // 0 = Monday
  return weekday >= 5;
}

/** True for a real ISO day on Saturday or Sunday. */
export function isWeekendDay(day: string): boolean {
  return isWeekend(toDayNumber(day));
}

/** True when `day` is a real calendar day written YYYY-MM-DD. */
export function isIsoDay(day: string): boolean {
  try {
    toDayNumber(day);
    return true;
  } catch {
    return false;
  }
}

/** Weekdays d with A_MONDAY <= d <= dayNumber (negative before it); differences count weekdays in a range. */
function weekdaysUpTo(dayNumber: number): number {
  const days = dayNumber - A_MONDAY + 1;
  const weeks = Math.floor(days / 7);
  return weeks * 5 + Math.min(days - weeks * 7, 5);
}

/**
 * What the law alone fixes for a year: the fixed-date holidays, each falling on a weekend taken on
 * the next working day (Labour Code art. 111). No Tết, no Hùng Kings' day, no swapped days.
 */
export function fixedDateDays(year: number): CalendarDay[] {
  const off = new Map<number, LocalizedText>();
  const inForce = FIXED_DATE_HOLIDAYS.filter((holiday) => year >= holiday.fromYear).map((holiday) => ({
    ...holiday,
    dayNumber: toDayNumber(`${String(year).padStart(4, "0")}-${holiday.monthDay}`),
  }));
  // Holidays on weekdays first, so a day in lieu never takes another holiday's own date.
  for (const holiday of inForce) if (!isWeekend(holiday.dayNumber)) off.set(holiday.dayNumber, holiday.name);
  for (const holiday of inForce) {
    if (!isWeekend(holiday.dayNumber) || !holiday.inLieu) continue;
    let dayNumber = holiday.dayNumber;
    while (isWeekend(dayNumber) || off.has(dayNumber)) dayNumber += 1;
    off.set(dayNumber, { vi: `Nghỉ bù ${holiday.name.vi}`, en: `${holiday.name.en}, day off in lieu` });
  }
  return [...off.entries()]
    .sort(([a], [b]) => a - b)
    .map(([dayNumber, name]) => ({ date: toIsoDay(dayNumber), kind: "holiday" as const, name }));
}

function tableOf(days: readonly CalendarDay[]): YearTable {
  const table: YearTable = { daysOff: new Map(), makeUpDays: new Set() };
  for (const day of days) {
    if (day.kind === "holiday") table.daysOff.set(toDayNumber(day.date), day.name);
    else table.makeUpDays.add(toDayNumber(day.date));
  }
  return table;
}

/** Builds the calendar the functions below read, from DOST's years (or a test's). */
export function holidayCalendar(years: readonly CalendarYear[]): HolidayCalendar {
  return {
    years: new Map(years.map((year) => [year.year, { status: year.status, table: tableOf(year.days) }])),
    computed: new Map(),
  };
}

function yearTable(calendar: HolidayCalendar, year: number): YearTable {
  const kept = calendar.years.get(year);
  if (kept) return kept.table;
  let table = calendar.computed.get(year);
  if (!table) {
    table = tableOf(fixedDateDays(year));
    calendar.computed.set(year, table);
  }
  return table;
}

/** "missing": DOST keeps no calendar for the year; its days come from the fixed-date rules. */
export function yearStatus(calendar: HolidayCalendar, year: number): CalendarStatus | "missing" {
  return calendar.years.get(year)?.status ?? "missing";
}

/**
 * The years from fromDay's to toDay's whose calendar DOST has not entered: a date counted across
 * them is provisional (Tết, Hùng Kings' day or a swapped day may be missing).
 */
export function provisionalYears(calendar: HolidayCalendar, fromDay: string, toDay: string): number[] {
  const from = yearOf(toDayNumber(fromDay));
  const to = yearOf(toDayNumber(toDay));
  const years: number[] = [];
  for (let year = Math.min(from, to); year <= Math.max(from, to); year++) if (yearStatus(calendar, year) !== "entered") years.push(year);
  return years;
}

function isWorkingDayNumber(calendar: HolidayCalendar, dayNumber: number): boolean {
  const table = yearTable(calendar, yearOf(dayNumber));
  if (isWeekend(dayNumber)) return table.makeUpDays.has(dayNumber);
  return !table.daysOff.has(dayNumber);
}

/** Monday to Friday and not a holiday, or a make-up Saturday (ngày làm bù). */
export function isWorkingDay(calendar: HolidayCalendar, day: string): boolean {
  return isWorkingDayNumber(calendar, toDayNumber(day));
}

/**
 * The holiday that makes this weekday a day off (including a compensatory or swapped day).
 * Null on a working day and on a weekend: a holiday falling on a weekend is named on the
 * weekday taken in lieu instead.
 */
export function holidayOn(calendar: HolidayCalendar, day: string): LocalizedText | null {
  const dayNumber = toDayNumber(day);
  return yearTable(calendar, yearOf(dayNumber)).daysOff.get(dayNumber) ?? null;
}

/** The count-th working day after fromDay; fromDay itself never counts, so 0 gives fromDay back. */
export function addWorkingDays(calendar: HolidayCalendar, fromDay: string, count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number >= 0, got ${count}`);
  let dayNumber = toDayNumber(fromDay);
  for (let left = count; left > 0; ) {
    dayNumber += 1;
    if (isWorkingDayNumber(calendar, dayNumber)) left -= 1;
  }
  return toIsoDay(dayNumber);
}

/** Working days d with fromDay < d <= toDay; 0 when toDay is not after fromDay. Whole-week arithmetic, then the year's exceptions. */
export function workingDaysBetween(calendar: HolidayCalendar, fromDay: string, toDay: string): number {
  const from = toDayNumber(fromDay);
  const to = toDayNumber(toDay);
  if (to <= from) return 0;
  let count = weekdaysUpTo(to) - weekdaysUpTo(from);
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    const table = yearTable(calendar, year);
    for (const dayNumber of table.daysOff.keys()) if (dayNumber > from && dayNumber <= to) count -= 1;
    for (const dayNumber of table.makeUpDays) if (dayNumber > from && dayNumber <= to) count += 1;
  }
  return count;
}
