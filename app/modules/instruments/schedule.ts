import { type EventKind, type EventResult, type InstrumentStatus } from "@db/schema";
import { type Cycle, type DueDate, legalDueDate, ownDueDate } from "./due-dates";

export type ScheduleEvent = {
  id: number;
  kind: EventKind;
  performedOn: string;
  result: EventResult | null;
  overrideDueOn: string | null;
  notes: string;
  supersedesEventId: number | null;
  provider: string;
  certificateNo: string;
};

export type Schedule = {
  legal: DueDate | null;
  own: DueDate | null;
  next: DueDate | null;
  /** The latest check failed and no passing one came after: the instrument must not be used. */
  failed: boolean;
  lastPassing: { performedOn: string; certificateNo: string; provider: string } | null;
};

const passed = (e: ScheduleEvent) => e.result === "pass" || e.result === "adjusted";
const latest = (events: ScheduleEvent[]) =>
  events.reduce<ScheduleEvent | null>((best, e) => (!best || e.performedOn > best.performedOn || (e.performedOn === best.performedOn && e.id > best.id) ? e : best), null);

/**
 * The schedule of one instrument from its events. Only a passing event moves a due date; a
 * corrected event counts no more; the legal date comes from the cycle in force on the
 * verification day, and an override may bring a legal date forward but never push it back.
 */
export function computeSchedule(input: {
  group: 1 | 2;
  cycles: readonly Cycle[];
  ownIntervalMonths: number | null;
  events: readonly ScheduleEvent[];
}): Schedule {
  const superseded = new Set(input.events.map((e) => e.supersedesEventId).filter((id): id is number => id !== null));
  const events = input.events.filter((e) => !superseded.has(e.id));
  const checks = events.filter((e) => e.kind !== "override");

  const lastVerification = latest(checks.filter((e) => e.kind === "verification" && passed(e)));
  let legal = input.group === 2 && lastVerification ? legalDueDate(lastVerification.performedOn, input.cycles) : null;

  const ownBasis = latest(checks.filter((e) => passed(e) && (input.group === 1 || e.kind !== "verification")));
  let own = input.ownIntervalMonths && ownBasis ? ownDueDate(ownBasis.performedOn, input.ownIntervalMonths) : null;

  const lastPassing = latest(checks.filter(passed));
  const override = latest(events.filter((e) => e.kind === "override" && e.overrideDueOn !== null));
  if (override && override.overrideDueOn && (!lastPassing || override.performedOn >= lastPassing.performedOn)) {
    const overridden: DueDate = { dueOn: override.overrideDueOn, rule: { kind: "override", dueOn: override.overrideDueOn, reason: override.notes } };
    if (legal) {
      if (override.overrideDueOn < legal.dueOn) legal = overridden;
    } else {
      own = overridden;
    }
  }

  const candidates = [legal, own].filter((d): d is DueDate => d !== null);
  const next = candidates.reduce<DueDate | null>((min, d) => (!min || d.dueOn < min.dueOn ? d : min), null);
  const lastCheck = latest(checks);
  return {
    legal,
    own,
    next,
    failed: lastCheck !== null && lastCheck.result === "fail",
    lastPassing: lastPassing && { performedOn: lastPassing.performedOn, certificateNo: lastPassing.certificateNo, provider: lastPassing.provider },
  };
}

/**
 * The instrument columns a schedule sets: the stored dates and the rule that made the next one,
 * and the status (a failed check quarantines an instrument in service until a passing one; a
 * pass lifts only that).
 */
export function storedSchedule(schedule: Schedule, status: InstrumentStatus) {
  let next = status;
  if (schedule.failed && next === "in_service") next = "quarantined";
  if (!schedule.failed && next === "quarantined") next = "in_service";
  return {
    status: next,
    legal_due_on: schedule.legal?.dueOn ?? null,
    own_due_on: schedule.own?.dueOn ?? null,
    next_due_on: schedule.next?.dueOn ?? null,
    due_rule: schedule.next ? JSON.stringify(schedule.next.rule) : null,
    last_event_on: schedule.lastPassing?.performedOn ?? null,
    last_certificate_no: schedule.lastPassing?.certificateNo || null,
    last_provider: schedule.lastPassing?.provider || null,
  };
}
