// Which reminders fall due today, and what an instrument's public standing is. Pure: today's
// Vietnamese date is passed in; the digest and the status page call these with the stored schedule.
import { type InstrumentStatus } from "@db/schema";
import { daysBetween } from "./due-dates";

export type ReminderKind = "due30" | "due7" | "overdue";
export const REMINDER_KINDS: readonly ReminderKind[] = ["overdue", "due7", "due30"];

/**
 * The one reminder a due date calls for today, or null when it is more than 30 days away. Only the
 * most urgent window counts: an instrument first seen 5 days before its date gets "due7", not
 * "due30" as well. The due day itself is still in date (see dueState), so "overdue" starts the day after.
 */
export function reminderKindFor(dueOn: string, today: string): ReminderKind | null {
  const days = daysBetween(today, dueOn);
  if (days < 0) return "overdue";
  if (days <= 7) return "due7";
  if (days <= 30) return "due30";
  return null;
}

export type ReminderCandidate = { instrumentId: number; dueOn: string };
export type ReminderKey = { instrumentId: number; kind: ReminderKind; dueOn: string };

export const reminderKey = (r: ReminderKey) => `${r.instrumentId}|${r.kind}|${r.dueOn}`;

/**
 * The reminders to send today: each instrument's current window, minus those already sent for the
 * same due date. A new due date (after a verification) is a new key, so it is reminded again.
 */
export function remindersDueToday<T extends ReminderCandidate>(
  candidates: readonly T[],
  alreadySent: readonly ReminderKey[],
  today: string,
): Array<T & { kind: ReminderKind }> {
  const sent = new Set(alreadySent.map(reminderKey));
  const due: Array<T & { kind: ReminderKind }> = [];
  for (const candidate of candidates) {
    const kind = reminderKindFor(candidate.dueOn, today);
    if (kind && !sent.has(reminderKey({ instrumentId: candidate.instrumentId, kind, dueOn: candidate.dueOn }))) due.push({ ...candidate, kind });
  }
  return due;
}

/** Today's reminders of one business in digest order: overdue first (oldest date first), then 7 days, then 30. */
export function digestSections<T extends { kind: ReminderKind; dueOn: string; tag: string }>(reminders: readonly T[]) {
  return REMINDER_KINDS.map((kind) => ({
    kind,
    items: reminders.filter((r) => r.kind === kind).sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.tag.localeCompare(b.tag, "vi")),
  })).filter((section) => section.items.length > 0);
}

export type Standing =
  /** In date until `until` inclusive; `legal` says whether it is the legal verification (group 2). */
  | { kind: "valid"; until: string; legal: boolean }
  | { kind: "overdue"; dueOn: string; legal: boolean }
  /** In service with no passing check on record: never shown as fine. */
  | { kind: "unknown"; legal: boolean }
  /** The last check failed: must not be used until a passing one. */
  | { kind: "quarantined" }
  | { kind: "outOfService" };

/**
 * What the public status page says. For a legally controlled (group 2) type it is the legal
 * verification date, whatever the business's own calibration plan says; for the others, the
 * business's own next date. An instrument taken out of use says so before any date.
 */
export function publicStanding(
  instrument: { group: 1 | 2; status: InstrumentStatus; legalDueOn: string | null; nextDueOn: string | null },
  today: string,
): Standing {
  if (instrument.status === "quarantined") return { kind: "quarantined" };
  if (instrument.status === "out_of_service" || instrument.status === "retired") return { kind: "outOfService" };
  const legal = instrument.group === 2;
  const dueOn = legal ? instrument.legalDueOn : instrument.nextDueOn;
  if (!dueOn) return { kind: "unknown", legal };
  if (daysBetween(today, dueOn) < 0) return { kind: "overdue", dueOn, legal };
  return { kind: "valid", until: dueOn, legal };
}
