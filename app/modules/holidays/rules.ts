// What DOST may enter in a year's holiday calendar, and when the portal must remind it to.
import { z } from "zod";
import { type CalendarDayKind, type HolidayCalendar, isIsoDay, isWeekendDay, provisionalYears, yearStatus } from "~/modules/requests/working-days";

export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;

/** "2028-01-26" or "26/01/2028" -> "2028-01-26"; anything else comes back unchanged (and fails the day check). */
export function normaliseDay(value: string): string {
  const trimmed = value.trim();
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  return dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, "0")}-${dmy[1]!.padStart(2, "0")}` : trimmed;
}

export const CalendarDaySchema = z.object({
  date: z.string().trim().min(1, "dost:holidays.errors.dateRequired").transform(normaliseDay).refine(isIsoDay, "dost:holidays.errors.dateInvalid"),
  kind: z.enum(["holiday", "working"], { errorMap: () => ({ message: "dost:holidays.errors.kind" }) }),
  nameVi: z.string().trim().min(1, "dost:holidays.errors.nameVi").max(200, "dost:holidays.errors.nameTooLong"),
  nameEn: z.string().trim().max(200, "dost:holidays.errors.nameTooLong"),
});
export type CalendarDayInput = z.infer<typeof CalendarDaySchema>;

export const MarkEnteredSchema = z.object({
  source: z.string().trim().min(5, "dost:holidays.errors.source").max(500, "dost:holidays.errors.sourceTooLong"),
});

/** A parsed day against its year and the days already in it: the first rule it breaks, as a message key. */
export function checkCalendarDay(year: number, input: { date: string; kind: CalendarDayKind }, existingDates: ReadonlySet<string>): string | null {
  if (!input.date.startsWith(`${year}-`)) return "dost:holidays.errors.otherYear";
  if (existingDates.has(input.date)) return "dost:holidays.errors.duplicate";
  const weekend = isWeekendDay(input.date);
  if (input.kind === "holiday" && weekend) return "dost:holidays.errors.holidayOnWeekend";
  if (input.kind === "working" && !weekend) return "dost:holidays.errors.workingOnWeekday";
  return null;
}

/** A year in the URL: a whole number within the range the calendar keeps, or null. */
export function calendarYearParam(value: string | undefined): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= MIN_CALENDAR_YEAR && year <= MAX_CALENDAR_YEAR ? year : null;
}

// The Government usually announces the next year's Tết in the autumn; from 1 October DOST is
// reminded until it has entered it.
const WARN_FROM_MONTH_DAY = "10-01";

/**
 * The years DOST should enter now: this year while it is not entered, and from 1 October the next
 * year too. Empty when nothing is missing.
 */
export function calendarYearsToEnter(calendar: HolidayCalendar, today: string): number[] {
  const year = Number(today.slice(0, 4));
  const years = today.slice(5) >= WARN_FROM_MONTH_DAY ? [year, year + 1] : [year];
  return years.filter((y) => yearStatus(calendar, y) !== "entered");
}

/**
 * The years a request's promised dates were counted across whose calendar DOST has not entered:
 * those dates are provisional. Empty before submission.
 */
export function provisionalYearsOfRequest(
  calendar: HolidayCalendar,
  request: { submittedOn: string | null; appointmentOn: string | null; deadlineOn?: string | null },
): number[] {
  if (!request.submittedOn) return [];
  const last = [request.appointmentOn, request.deadlineOn ?? null].filter((d): d is string => d !== null).sort().at(-1);
  return last ? provisionalYears(calendar, request.submittedOn, last) : [];
}
