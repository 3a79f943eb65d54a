// Working days of a state agency (Monday to Friday, less public holidays, plus make-up
// Saturdays), for appointment dates and time limits counted in working days. Dates are ISO
// days "YYYY-MM-DD"; all arithmetic is on whole UTC days, so no timezone can shift a day.
import holidaysJson from "@content/holidays/vn-public-holidays.json";
import { HolidaysFileSchema, type LocalizedText } from "~/modules/content/schemas";

const DAY_MS = 86_400_000;
// 1970-01-05, day 4 since the epoch, was a Monday.
const A_MONDAY = 4;

type YearTable = { daysOff: Map<number, LocalizedText>; makeUpDays: Set<number> };

const holidaysFile = HolidaysFileSchema.parse(holidaysJson);

// Labour Code 2019 art. 112: the holidays with a fixed solar date. Tết and Hùng Kings' day
// follow the lunar calendar and the Government's announcement, so only the file has them.
const FIXED_DATE_HOLIDAYS: ReadonlyArray<{ monthDay: string; name: LocalizedText }> = [
  { monthDay: "01-01", name: { vi: "Tết Dương lịch", en: "New Year's Day" } },
  { monthDay: "04-30", name: { vi: "Ngày Chiến thắng (30/4)", en: "Reunification Day (30 April)" } },
  { monthDay: "05-01", name: { vi: "Ngày Quốc tế lao động", en: "International Workers' Day" } },
  { monthDay: "09-02", name: { vi: "Quốc khánh", en: "National Day" } },
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

/** Weekdays d with A_MONDAY <= d <= dayNumber (negative before it); differences count weekdays in a range. */
function weekdaysUpTo(dayNumber: number): number {
  const days = dayNumber - A_MONDAY + 1;
  const weeks = Math.floor(days / 7);
  return weeks * 5 + Math.min(days - weeks * 7, 5);
}

const yearTables = new Map<number, YearTable>();
for (const entry of holidaysFile.years) {
  yearTables.set(entry.year, {
    daysOff: new Map(entry.days.map((d) => [toDayNumber(d.date), d.name])),
    makeUpDays: new Set(entry.workingSaturdays.map((d) => toDayNumber(d.date))),
  });
}

const coverage = {
  firstYear: holidaysFile.years[0]!.year,
  lastYear: holidaysFile.years[holidaysFile.years.length - 1]!.year,
};

/** A year outside the file: weekends and the fixed-date holidays on weekdays, no compensatory days. */
function yearTable(year: number): YearTable {
  let table = yearTables.get(year);
  if (!table) {
    const daysOff = new Map<number, LocalizedText>();
    for (const holiday of FIXED_DATE_HOLIDAYS) {
      const dayNumber = toDayNumber(`${String(year).padStart(4, "0")}-${holiday.monthDay}`);
      if (!isWeekend(dayNumber)) daysOff.set(dayNumber, holiday.name);
    }
    table = { daysOff, makeUpDays: new Set() };
    yearTables.set(year, table);
  }
  return table;
}

function isWorkingDayNumber(dayNumber: number): boolean {
  const table = yearTable(yearOf(dayNumber));
  if (isWeekend(dayNumber)) return table.makeUpDays.has(dayNumber);
  return !table.daysOff.has(dayNumber);
}

export function holidayCoverage(): { firstYear: number; lastYear: number } {
  return { ...coverage };
}

/** Monday to Friday and not a holiday, or a make-up Saturday (ngày làm bù). */
export function isWorkingDay(day: string): boolean {
  return isWorkingDayNumber(toDayNumber(day));
}

/**
 * The holiday that makes this weekday a day off (including a compensatory or swapped day).
 * Null on a working day and on a weekend: a holiday falling on a weekend is named on the
 * weekday taken in lieu instead.
 */
export function holidayOn(day: string): LocalizedText | null {
  const dayNumber = toDayNumber(day);
  return yearTable(yearOf(dayNumber)).daysOff.get(dayNumber) ?? null;
}

/** The count-th working day after fromDay; fromDay itself never counts, so 0 gives fromDay back. */
export function addWorkingDays(fromDay: string, count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number >= 0, got ${count}`);
  let dayNumber = toDayNumber(fromDay);
  for (let left = count; left > 0; ) {
    dayNumber += 1;
    if (isWorkingDayNumber(dayNumber)) left -= 1;
  }
  return toIsoDay(dayNumber);
}

/** Working days d with fromDay < d <= toDay; 0 when toDay is not after fromDay. Whole-week arithmetic, then the year's exceptions. */
export function workingDaysBetween(fromDay: string, toDay: string): number {
  const from = toDayNumber(fromDay);
  const to = toDayNumber(toDay);
  if (to <= from) return 0;
  let count = weekdaysUpTo(to) - weekdaysUpTo(from);
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    const table = yearTable(year);
    for (const dayNumber of table.daysOff.keys()) if (dayNumber > from && dayNumber <= to) count -= 1;
    for (const dayNumber of table.makeUpDays) if (dayNumber > from && dayNumber <= to) count += 1;
  }
  return count;
}
