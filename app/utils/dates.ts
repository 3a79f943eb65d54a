import { z } from "zod";
import { vietnamDay } from "~/modules/i18n/format";

/**
 * Calendar days typed into forms. Every form that takes a date reads it here: a real day of the
 * calendar (no 31/11, no 0000-00-00) within the range its meaning allows, stored as ISO YYYY-MM-DD.
 */

/** Nothing the portal records happened earlier: metrology records older than this are not kept. */
export const EARLIEST_DAY = "1990-01-01";
/** A due date set by hand (an override) is at most this many years ahead: the longest legal cycle is 5. */
export const DUE_YEARS_AHEAD = 10;
/** A wished, planned or promised date is at most this many years ahead. */
export const PLAN_YEARS_AHEAD = 2;
/** The latest validity a provider's designation or accreditation can have ("indefinitely" is left empty). */
export const LATEST_VALIDITY = "2099-12-31";

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
// Typed by hand where the browser has no date picker: day first, as Vietnamese write it.
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysIn = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/**
 * "2026-03-12" (what <input type=date> sends) or "12/03/2026" (also 12-03-2026, 12.3.2026) →
 * "2026-03-12"; null for anything that is not a real day. Never month first: 03/04/2026 is 3 April.
 */
export function parseDay(text: string): string | null {
  const value = text.trim();
  let y: number, m: number, d: number;
  const iso = ISO.exec(value);
  const dayFirst = iso ? null : DAY_FIRST.exec(value);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dayFirst) [d, m, y] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  else return null;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const year = y + years;
  return `${pad(year, 4)}-${pad(m)}-${pad(Math.min(d, daysIn(year, m)))}`;
}

/** A bound: a fixed day, or one worked out when the form is checked ("today" moves). */
export type DayBound = string | (() => string);
export const TODAY: DayBound = () => vietnamDay();
export const yearsFromToday = (years: number): DayBound => () => addYears(vietnamDay(), years);

export type DayRule = {
  min?: DayBound;
  max?: DayBound;
  /** Message when outside [min, max]; minMessage and maxMessage refine it per side. */
  rangeMessage?: string;
  minMessage?: string;
  maxMessage?: string;
  invalidMessage?: string;
};

const boundOf = (bound: DayBound | undefined) => (typeof bound === "function" ? bound() : bound);

/** A typed day checked against a rule: the ISO day, or the message (a translation key) saying why not. */
export function checkDay(text: string, rule: DayRule = {}): { ok: true; day: string } | { ok: false; message: string } {
  const day = parseDay(text);
  if (!day) return { ok: false, message: rule.invalidMessage ?? "common:dates.invalid" };
  const min = boundOf(rule.min);
  const max = boundOf(rule.max);
  const range = rule.rangeMessage ?? "common:dates.outOfRange";
  if (min && day < min) return { ok: false, message: rule.minMessage ?? range };
  if (max && day > max) return { ok: false, message: rule.maxMessage ?? range };
  return { ok: true, day };
}

/**
 * A form's date field as zod: a real day within the rule, as ISO. Optional fields give "" when
 * left empty; required ones say so with `requiredMessage`.
 */
export function isoDate(rule: DayRule & { optional?: boolean; requiredMessage?: string } = {}) {
  return z
    .string()
    .default("")
    .transform((raw, ctx) => {
      if (!raw.trim()) {
        if (rule.optional) return "";
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: rule.requiredMessage ?? "common:dates.required" });
        return z.NEVER;
      }
      const checked = checkDay(raw, rule);
      if (checked.ok) return checked.day;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: checked.message });
      return z.NEVER;
    });
}

// The ranges the portal's forms use, one message each (the messages name the bounds).
/** Something that has happened: a check, a "wrong since" day, a completed request. */
export const PAST_EVENT: DayRule = { min: EARLIEST_DAY, max: TODAY, rangeMessage: "common:dates.eventRange" };
/** A due date set by hand. */
export const DUE_DATE: DayRule = { min: EARLIEST_DAY, max: yearsFromToday(DUE_YEARS_AHEAD), rangeMessage: "common:dates.dueRange" };
/** A date asked for or planned: from today on, not years away. */
export const UPCOMING: DayRule = { min: TODAY, max: yearsFromToday(PLAN_YEARS_AHEAD), rangeMessage: "common:dates.upcomingRange" };
/** The end of a provider's designation or accreditation (may be past: a lapsed provider is shown as such). */
export const VALIDITY: DayRule = { min: EARLIEST_DAY, max: LATEST_VALIDITY, rangeMessage: "common:dates.validityRange" };
