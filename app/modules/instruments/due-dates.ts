// Due-date rules for the instrument register. Dates are calendar days "YYYY-MM-DD" in
// Asia/Ho_Chi_Minh; today's date is always passed in, never read here.

/** `months` null: from this day the type is off the list, or the list asks for no periodic verification. */
export type Cycle = { months: number | null; effectiveFrom: string; source: string; basis: "confirmed" | "secondary" | "inferred" };

/** Adds calendar months; a day that does not exist in the target month becomes its last day (31/01 + 1 = 28/02 or 29/02). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The legal cycle that applies to a verification done on `onDay`: the latest entry whose
 * effectiveFrom is on or before that day (a taximeter verified on 14/10/2024 keeps 12 months;
 * one verified on 15/10/2024 gets 18). Null before the first entry or when there is none.
 */
export function cycleInForce(cycles: readonly Cycle[], onDay: string): Cycle | null {
  let found: Cycle | null = null;
  for (const cycle of cycles) if (cycle.effectiveFrom <= onDay) found = cycle;
  return found;
}

export type DueRule =
  | { kind: "legal"; from: string; months: number; source: string }
  | { kind: "own"; from: string; months: number }
  | { kind: "override"; dueOn: string; reason: string };

export type DueDate = { dueOn: string; rule: DueRule };

/** Legal schedule: counted from the verification day, in the cycle then in force, no grace. */
export function legalDueDate(verifiedOn: string, cycles: readonly Cycle[]): DueDate | null {
  const cycle = cycleInForce(cycles, verifiedOn);
  if (!cycle || cycle.months === null) return null;
  return { dueOn: addMonths(verifiedOn, cycle.months), rule: { kind: "legal", from: verifiedOn, months: cycle.months, source: cycle.source } };
}

/** The business's own schedule (calibration, internal checks): the interval it chose. */
export function ownDueDate(doneOn: string, months: number): DueDate {
  return { dueOn: addMonths(doneOn, months), rule: { kind: "own", from: doneOn, months } };
}

export type DueState = "unknown" | "overdue" | "due30" | "due60" | "due90" | "inDate";

/** An instrument with no event on record is "unknown": never counted as fine. Due on the day itself is still in date. */
export function dueState(dueOn: string | null, today: string): DueState {
  if (!dueOn) return "unknown";
  const days = daysBetween(today, dueOn);
  if (days < 0) return "overdue";
  if (days <= 30) return "due30";
  if (days <= 60) return "due60";
  if (days <= 90) return "due90";
  return "inDate";
}

export function isCompliant(state: DueState): boolean {
  return state !== "unknown" && state !== "overdue";
}

/** Share (0–100, one decimal) of in-service instruments in date; null when there are none. */
export function complianceShare(states: readonly DueState[]): number | null {
  if (!states.length) return null;
  return Math.round((states.filter(isCompliant).length / states.length) * 1000) / 10;
}

/** The same share from counts, as the schedule queries return them. */
export function complianceOfCounts(counts: { inService: number; unknown: number; overdue: number }): number | null {
  if (!counts.inService) return null;
  return Math.round(((counts.inService - counts.unknown - counts.overdue) / counts.inService) * 1000) / 10;
}
