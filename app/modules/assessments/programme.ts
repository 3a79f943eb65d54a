// Calendar rules of the programme document: its period, its review dates and its task deadlines.
// All dates are ISO calendar days ("YYYY-MM-DD"); no clock, no time zone.

/** The programme runs for one year: the 510 guidance asks for a period of at least one year. */
export const PROGRAMME_MONTHS = 12;

/** Quarterly checks fall at the end of months 3, 6 and 9; the yearly review closes the period. */
export const REVIEW_MONTHS = [3, 6, 9, 12] as const;

function parseDay(day: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not an ISO day: ${day}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const { y, m, d } = parseDay(day);
  return formatDay(new Date(Date.UTC(y, m - 1, d + days)));
}

/**
 * The last day of a span of `months` months that starts on `start`: the day before the same date
 * `months` later, or, when that month has no such date (the 31st, 29 February), its last day.
 * 15/03/2026 + 12 → 14/03/2027; 31/01/2026 + 1 → 28/02/2026; 29/02/2024 + 12 → 28/02/2025.
 */
export function endOfMonthsFrom(start: string, months: number): string {
  const { y, m, d } = parseDay(start);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const daysInTarget = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  if (d > daysInTarget) return formatDay(new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), daysInTarget)));
  return addDays(formatDay(new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), d))), -1);
}

export type ProgrammePeriod = { start: string; end: string };

/**
 * Twelve months from the day the assessment was submitted, or from the day it was started while it
 * is still a draft. Both are calendar days in Vietnam, computed by the caller.
 */
export function programmePeriod(startedOn: string, submittedOn: string | null): ProgrammePeriod {
  const start = submittedOn ?? startedOn;
  return { start, end: endOfMonthsFrom(start, PROGRAMME_MONTHS) };
}

export type ReviewPoint = { kind: "quarterly" | "yearly"; months: number; due: string };

export function reviewSchedule(periodStart: string): ReviewPoint[] {
  return REVIEW_MONTHS.map((months) => ({
    kind: months === PROGRAMME_MONTHS ? "yearly" : "quarterly",
    months,
    due: endOfMonthsFrom(periodStart, months),
  }));
}

/** How soon a gap must be closed, from its priority (weight × shortfall, see rankGaps). */
export function monthsToClose(priority: number): 3 | 6 | 12 {
  if (priority >= 3) return 3;
  if (priority >= 1.5) return 6;
  return 12;
}

/** A task's deadline falls on a review date, so each check looks at the tasks just due. */
export function taskTargetDate(periodStart: string, priority: number): string {
  return endOfMonthsFrom(periodStart, monthsToClose(priority));
}
