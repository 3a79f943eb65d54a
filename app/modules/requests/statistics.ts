// One-stop statistics in the categories Vietnamese agencies report for their one-stop services
// (received, carried over, resolved early / on time / late, withdrawn, still in progress).
// Early, on time and late follow index 1 of Circular 01/2018/TT-VPCP Art. 13(1): the time taken is
// shorter than, equal to or longer than the time allowed, i.e. the decision comes before, on or
// after the deadline. The deadline counts from the submission, or again from the start from the
// day the business answered a request for information (Decree 61/2018/NĐ-CP Art. 19(4) as amended
// by Decree 107/2021/NĐ-CP). A new date given with an apology does not move the deadline, so a
// request decided after it is late: the texts do not say so, it is the portal's reading (see
// docs/legal/research-procedures.md §1.5).
import { type HolidayCalendar, addWorkingDays, workingDaysBetween } from "./working-days";
import { REQUEST_TYPES, type RequestState, type RequestType, type Timeliness, timelinessOf } from "./workflow";

export { REQUEST_TYPES };

export type StatInput = {
  type: RequestType;
  submittedOn: string;
  deadlineOn: string;
  /** Set together with `decision`: the day of approval, rejection or withdrawal. */
  decidedOn: string | null;
  decision: "approved" | "rejected" | "withdrawn" | null;
  /** Working days before the clock's last restart (or paused, for requests handled under the former rule). */
  pausedDays: number;
  /** The time limit in working days, to work out the deadline in force on a past day; null for none stored. */
  slaDays: number | null;
  /** In the order they happened; `on` is the Vietnamese day. */
  transitions: Array<{ toState: RequestState; on: string }>;
};

/** Inclusive ISO days, e.g. a month or a year. */
export type Period = { from: string; to: string };

export type StatRow = {
  received: number;
  carriedOver: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  withdrawn: number;
  inProgressWithin: number;
  inProgressLate: number;
  waitingForBusiness: number;
  /** (early + on time) / all resolved; null when nothing was resolved. */
  onTimeShare: number | null;
  /** Working days from submission (or the restart after the business answered) to approval or rejection, for those decided in the period. */
  medianDaysToDecision: number | null;
};

export type PeriodStatistics = { byType: Record<RequestType, StatRow>; total: StatRow };

type Count = Exclude<keyof StatRow, "onTimeShare" | "medianDaysToDecision">;
type Tally = Record<Count, number> & { daysToDecision: number[] };

const RESOLVED: Record<Timeliness, Count> = { early: "resolvedEarly", onTime: "resolvedOnTime", late: "resolvedLate" };

function emptyTally(): Tally {
  return {
    received: 0,
    carriedOver: 0,
    resolvedEarly: 0,
    resolvedOnTime: 0,
    resolvedLate: 0,
    withdrawn: 0,
    inProgressWithin: 0,
    inProgressLate: 0,
    waitingForBusiness: 0,
    daysToDecision: [],
  };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function rowOf(tally: Tally): StatRow {
  const { daysToDecision, ...counts } = tally;
  const onTime = counts.resolvedEarly + counts.resolvedOnTime;
  const resolved = onTime + counts.resolvedLate;
  return { ...counts, onTimeShare: resolved === 0 ? null : onTime / resolved, medianDaysToDecision: median(daysToDecision) };
}

function waitsForBusinessOn(transitions: StatInput["transitions"], day: string): boolean {
  let last: RequestState | null = null;
  for (const transition of transitions) if (transition.on <= day) last = transition.toState;
  return last === "needs_information";
}

/**
 * The deadline in force on `day`. The stored one is in force since the business's last answer (or
 * since submission when it never answered); before that answer, the time limit still counted from
 * the answer before it, or from the submission.
 */
function deadlineOn(calendar: HolidayCalendar, request: StatInput, day: string): string {
  const answers = request.transitions.filter((t) => t.toState === "answered");
  const last = answers.at(-1);
  if (request.slaDays === null || !last || last.on <= day) return request.deadlineOn;
  const before = answers.filter((t) => t.on <= day).at(-1);
  return addWorkingDays(calendar, before?.on ?? request.submittedOn, request.slaDays);
}

/** The counters one request adds to, and its days to decision when it was approved or rejected in the period. */
function contribution(calendar: HolidayCalendar, request: StatInput, period: Period, asOf: string): { counts: Count[]; daysToDecision: number | null } {
  const counts: Count[] = [];
  let daysToDecision: number | null = null;
  if (request.submittedOn > asOf) return { counts, daysToDecision };
  const { decidedOn } = request;

  if (request.submittedOn >= period.from) counts.push("received");
  else if (decidedOn === null || decidedOn >= period.from) counts.push("carriedOver");

  if (decidedOn !== null && decidedOn >= period.from && decidedOn <= asOf) {
    if (request.decision === "withdrawn") counts.push("withdrawn");
    else if (request.decision !== null) {
      counts.push(RESOLVED[timelinessOf(decidedOn, request.deadlineOn)]);
      // The days before the restart are set aside in pausedDays.
      daysToDecision = Math.max(0, workingDaysBetween(calendar, request.submittedOn, decidedOn) - request.pausedDays);
    }
  }

  if (decidedOn === null || decidedOn > asOf) {
    if (waitsForBusinessOn(request.transitions, asOf)) counts.push("waitingForBusiness");
    else counts.push(asOf <= deadlineOn(calendar, request, asOf) ? "inProgressWithin" : "inProgressLate");
  }
  return { counts, daysToDecision };
}

/** The day the period's status columns describe: its last day, or today while it is running. */
export function periodAsOf(period: Period, today: string): string {
  return period.to < today ? period.to : today;
}

/**
 * The period's figures by request type and in total. The status columns describe the end of the
 * period, or today while it is running; a period that starts after today reports nothing.
 */
export function periodStatistics(calendar: HolidayCalendar, requests: readonly StatInput[], period: Period, today: string): PeriodStatistics {
  const asOf = periodAsOf(period, today);
  const tallies = new Map<RequestType, Tally>(REQUEST_TYPES.map((type) => [type, emptyTally()]));
  const total = emptyTally();
  if (asOf >= period.from) {
    for (const request of requests) {
      const { counts, daysToDecision } = contribution(calendar, request, period, asOf);
      const byType = tallies.get(request.type) ?? emptyTally();
      tallies.set(request.type, byType);
      for (const tally of [byType, total]) {
        for (const count of counts) tally[count] += 1;
        if (daysToDecision !== null) tally.daysToDecision.push(daysToDecision);
      }
    }
  }
  const byType = Object.fromEntries([...tallies].map(([type, tally]) => [type, rowOf(tally)])) as Record<RequestType, StatRow>;
  return { byType, total: rowOf(total) };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

export function monthPeriod(year: number, month: number): Period {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`not a month: ${year}-${month}`);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const prefix = `${pad(year, 4)}-${pad(month, 2)}`;
  return { from: `${prefix}-01`, to: `${prefix}-${pad(lastDay, 2)}` };
}

export function yearPeriod(year: number): Period {
  if (!Number.isInteger(year)) throw new RangeError(`not a year: ${year}`);
  return { from: `${pad(year, 4)}-01-01`, to: `${pad(year, 4)}-12-31` };
}
