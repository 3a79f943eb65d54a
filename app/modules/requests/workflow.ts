import { type RequestState, type RequestType } from "@db/schema";
import { type HolidayCalendar, addWorkingDays, isWorkingDay, workingDaysBetween } from "./working-days";

export type { RequestState, RequestType };

export const REQUEST_TYPES: readonly RequestType[] = ["verification", "calibration", "testing", "method", "programme", "training", "investment", "other"];
export const REQUEST_STATES: readonly RequestState[] = [
  "draft",
  "submitted",
  "in_review",
  "needs_information",
  "answered",
  "approved",
  "rejected",
  "completed",
  "withdrawn",
];

/** Types that concern chosen instruments; completing one records an event on each of them. */
export const INSTRUMENT_TYPES: readonly RequestType[] = ["verification", "calibration", "testing"];
export const needsInstruments = (type: RequestType) => INSTRUMENT_TYPES.includes(type);

export const DEFAULT_SLA_WORKING_DAYS = 10;

export type Side = "business" | "dost";
export type RequestAction = "submit" | "take" | "ask" | "answer" | "approve" | "reject" | "complete" | "withdraw" | "reschedule";

type Transition = { side: Side; from: readonly RequestState[]; to: RequestState | null };

/** The only moves a request can make. `to: null` keeps the state (a new appointment date). */
export const TRANSITIONS: Record<RequestAction, Transition> = {
  submit: { side: "business", from: ["draft"], to: "submitted" },
  take: { side: "dost", from: ["submitted"], to: "in_review" },
  ask: { side: "dost", from: ["submitted", "in_review"], to: "needs_information" },
  answer: { side: "business", from: ["needs_information"], to: "answered" },
  approve: { side: "dost", from: ["in_review", "answered"], to: "approved" },
  reject: { side: "dost", from: ["in_review", "answered"], to: "rejected" },
  complete: { side: "dost", from: ["approved"], to: "completed" },
  withdraw: { side: "business", from: ["submitted", "in_review", "needs_information", "answered"], to: "withdrawn" },
  reschedule: { side: "dost", from: ["submitted", "in_review", "answered"], to: null },
};

/** States in which the clock runs: the request waits for DOST. */
export const CLOCK_RUNNING: readonly RequestState[] = ["submitted", "in_review", "answered"];
/** States after the decision (or withdrawal): the clock has stopped for good. */
export const DECIDED: readonly RequestState[] = ["approved", "rejected", "completed", "withdrawn"];
export const OPEN_FOR_DOST: readonly RequestState[] = ["submitted", "in_review", "answered", "approved"];

// The one-stop steps follow Decree 61/2018/NĐ-CP Art. 19 (text as amended by Decree 107/2021/NĐ-CP,
// read in the legal codification; see docs/legal/research-procedures.md §1). A support request is
// not an administrative procedure, so these are the portal's own rules, modelled on the decree:
// - clause 4: a dossier that needs completing is returned within 3 working days of receipt, and
//   "thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ";
// - clause 9: an apology with a new date comes "chậm nhất 01 ngày trước ngày hết hạn", and the
//   date is moved "không quá một lần" (the portal counts that day as the working day before).
// Asking only once is the portal's rule: the decree asks for everything at once (Art. 15(3),
// 17(2)(a)) but does not forbid a second request.

/** Working days after the submission day within which DOST may ask for information. */
export const ASK_WITHIN_WORKING_DAYS = 3;

/** What the rules need to know of a request: its state, dates, and what DOST already did once. */
export type ClockView = {
  state: RequestState;
  submittedOn: string | null;
  deadlineOn: string | null;
  /** Requests for information sent so far; requests from before these rules may hold several. */
  asks: number;
  /** New dates given with an apology so far. */
  reschedules: number;
};

/** The last day DOST may ask for information: the 3rd working day after the submission day. */
export function lastDayToAsk(calendar: HolidayCalendar, submittedOn: string): string {
  return addWorkingDays(calendar, submittedOn, ASK_WITHIN_WORKING_DAYS);
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The last day to send an apology with a new date: the working day before the deadline. */
export function lastDayToApologise(calendar: HolidayCalendar, deadlineOn: string): string {
  let day = dayBefore(deadlineOn);
  while (!isWorkingDay(calendar, day)) day = dayBefore(day);
  return day;
}

/** Past the deadline with the clock running: the request is late, and DOST still decides it. */
export function isPastDeadline(request: Pick<ClockView, "state" | "deadlineOn">, today: string): boolean {
  return CLOCK_RUNNING.includes(request.state) && request.deadlineOn !== null && today > request.deadlineOn;
}

/** Why an action the state machine allows is refused today; null when it is not refused for a rule of time or count. */
export type Refusal = "askedAlready" | "askTooLate" | "rescheduledAlready" | "apologyTooLate";

function refusalOf(calendar: HolidayCalendar, action: RequestAction, request: ClockView, today: string): Refusal | null {
  if (action === "ask") {
    if (request.asks > 0) return "askedAlready";
    if (!request.submittedOn || today > lastDayToAsk(calendar, request.submittedOn)) return "askTooLate";
  }
  if (action === "reschedule") {
    if (request.reschedules > 0) return "rescheduledAlready";
    if (!request.deadlineOn || today > lastDayToApologise(calendar, request.deadlineOn)) return "apologyTooLate";
  }
  return null;
}

/** The moves the state machine allows this side from the request's state, before the rules of time and count. */
function movesFrom(state: RequestState, side: Side): RequestAction[] {
  return (Object.keys(TRANSITIONS) as RequestAction[]).filter((action) => TRANSITIONS[action].side === side && TRANSITIONS[action].from.includes(state));
}

/** What this side may do now; the server checks every action against this list. */
export function allowedActions(calendar: HolidayCalendar, request: ClockView, side: Side, today: string): RequestAction[] {
  return movesFrom(request.state, side).filter((action) => refusalOf(calendar, action, request, today) === null);
}

export function canDo(calendar: HolidayCalendar, action: RequestAction, request: ClockView, side: Side, today: string): boolean {
  return allowedActions(calendar, request, side, today).includes(action);
}

/** For the pages: the ask and the apology DOST can no longer make from this state, and why. */
export function refusedActions(calendar: HolidayCalendar, request: ClockView, today: string): Partial<Record<"ask" | "reschedule", Refusal>> {
  const refused: Partial<Record<"ask" | "reschedule", Refusal>> = {};
  for (const action of ["ask", "reschedule"] as const) {
    if (!TRANSITIONS[action].from.includes(request.state)) continue;
    const refusal = refusalOf(calendar, action, request, today);
    if (refusal) refused[action] = refusal;
  }
  return refused;
}

/** On submission: the deadline is the SLA's last working day after the submission day. */
export function firstDeadline(calendar: HolidayCalendar, submittedOn: string, slaDays: number): string {
  return addWorkingDays(calendar, submittedOn, slaDays);
}

/**
 * When the business sends what was asked for, the time limit counts again from the start, from the
 * day the answer arrived (Decree 61/2018 Art. 19(4), as the portal's rule): a new deadline and
 * appointment date the SLA's working days after it. The working days from submission to the answer
 * are no longer DOST's; they go in `pausedDays` (named after the earlier rule, which paused the
 * clock), so that the days used and the days to decision count from the restart.
 */
export function restartClock(calendar: HolidayCalendar, request: { submittedOn: string; slaDays: number }, answeredOn: string) {
  const deadlineOn = addWorkingDays(calendar, answeredOn, request.slaDays);
  return { deadlineOn, appointmentOn: deadlineOn, pausedDays: workingDaysBetween(calendar, request.submittedOn, answeredOn) };
}

/**
 * A new date with an apology must be a working day after the deadline (the result will be late:
 * that is what the apology is for). A translation key when it is not, null when it is.
 */
export function newAppointmentProblem(calendar: HolidayCalendar, day: string, request: { deadlineOn: string }): string | null {
  let working: boolean;
  try {
    working = isWorkingDay(calendar, day);
  } catch {
    return "requests:errors.date"; // e.g. 30 February, which Date.parse lets through
  }
  if (day <= request.deadlineOn) return "requests:errors.afterDeadline";
  return working ? null : "requests:errors.notWorkingDay";
}

export type ClockInput = {
  state: RequestState;
  submittedOn: string | null;
  deadlineOn: string | null;
  appointmentOn: string | null;
  pausedSince: string | null;
  pausedDays: number;
  decidedOn: string | null;
};

export type Clock =
  | { kind: "none" }
  | { kind: "running"; used: number; left: number; late: boolean; dueSoon: boolean }
  | { kind: "waiting"; used: number }
  | { kind: "stopped"; used: number; timeliness: Timeliness | null };

export type Timeliness = "early" | "onTime" | "late";

/**
 * Working days DOST has used so far: from the submission, or from the restart after the business
 * answered, to the decision or today; while waiting for the business, those before the ask.
 */
export function workingDaysUsed(calendar: HolidayCalendar, request: ClockInput, today: string): number {
  if (!request.submittedOn) return 0;
  const end = request.decidedOn ?? today;
  const waiting = request.pausedSince ? workingDaysBetween(calendar, request.pausedSince, end) : 0;
  return Math.max(0, workingDaysBetween(calendar, request.submittedOn, end) - request.pausedDays - waiting);
}

export function timelinessOf(decidedOn: string, deadlineOn: string): Timeliness {
  if (decidedOn < deadlineOn) return "early";
  return decidedOn === deadlineOn ? "onTime" : "late";
}

// Two working days or fewer left: the queue marks it before it is late.
const DUE_SOON_DAYS = 2;

export function clockOf(calendar: HolidayCalendar, request: ClockInput, today: string): Clock {
  if (!request.submittedOn || !request.appointmentOn) return { kind: "none" };
  const used = workingDaysUsed(calendar, request, today);
  if (request.state === "needs_information") return { kind: "waiting", used };
  if (CLOCK_RUNNING.includes(request.state)) {
    const late = today > request.appointmentOn;
    const left = late ? -workingDaysBetween(calendar, request.appointmentOn, today) : workingDaysBetween(calendar, today, request.appointmentOn);
    return { kind: "running", used, left, late, dueSoon: !late && left <= DUE_SOON_DAYS };
  }
  const timeliness = request.decidedOn && request.deadlineOn && request.state !== "withdrawn" ? timelinessOf(request.decidedOn, request.deadlineOn) : null;
  return { kind: "stopped", used, timeliness };
}

/** Whose move it is, for the "waiting for you" panels. */
export function waitingFor(state: RequestState): Side | null {
  if (state === "needs_information" || state === "draft") return "business";
  if (CLOCK_RUNNING.includes(state) || state === "approved") return "dost";
  return null;
}

export function trackingCode(year: number, number: number): string {
  return `HT-${year}-${String(number).padStart(6, "0")}`;
}
