// The shipped holiday file (content/holidays/vn-public-holidays.json) is the calendar's initial
// content: seed.server.ts copies it into the database once; tests use it as a known calendar.
import holidaysJson from "@content/holidays/vn-public-holidays.json";
import { HolidaysFileSchema } from "~/modules/content/schemas";
import { type CalendarYear, type HolidayCalendar, holidayCalendar } from "~/modules/requests/working-days";

export type ShippedYear = CalendarYear & { source: string };

/** The file's years: an announced year counts as entered, a computed one stays provisional. */
export function shippedCalendarYears(): ShippedYear[] {
  const file = HolidaysFileSchema.parse(holidaysJson);
  return file.years.map((entry) => ({
    year: entry.year,
    status: entry.basis === "announced" ? "entered" : "provisional",
    source: entry.note.vi,
    days: [
      ...entry.days.map((d) => ({ date: d.date, kind: "holiday" as const, name: d.name })),
      ...entry.workingSaturdays.map((d) => ({ date: d.date, kind: "working" as const, name: d.name })),
    ].sort((a, b) => a.date.localeCompare(b.date)),
  }));
}

/** The shipped file as a calendar (what a fresh database holds). */
export function shippedHolidayCalendar(): HolidayCalendar {
  return holidayCalendar(shippedCalendarYears());
}
