import { type RequestState, type RequestType } from "@db/schema";
import { addWorkingDays, workingDaysBetween } from "./working-days";

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
  ask: { side: "dost", from: ["submitted", "in_review", "answered"], to: "needs_information" },
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

export type ClockView = {
  state: RequestState;
  appointmentOn: string | null;
};

/** Past the promised date with the clock running: DOST must give a new date with an apology first. */
export function isPastAppointment(request: ClockView, today: string): boolean {
  return CLOCK_RUNNING.includes(request.state) && request.appointmentOn !== null && today > request.appointmentOn;
}

/** What this side may do now; the server checks every action against this list. */
export function allowedActions(request: ClockView, side: Side, today: string): RequestAction[] {
  const possible = (Object.keys(TRANSITIONS) as RequestAction[]).filter((action) => {
    const transition = TRANSITIONS[action];
    return transition.side === side && transition.from.includes(request.state);
  });
  if (side === "dost") {
    if (isPastAppointment(request, today)) return ["reschedule"];
    return possible.filter((action) => action !== "reschedule");
  }
  return possible;
}

export function canDo(action: RequestAction, request: ClockView, side: Side, today: string): boolean {
  return allowedActions(request, side, today).includes(action);
}

/** On submission: the deadline is the SLA's last working day after the submission day. */
export function firstDeadline(submittedOn: string, slaDays: number): string {
  return addWorkingDays(submittedOn, slaDays);
}

/**
 * When the business answers, the working days spent waiting for it (after the day DOST asked, up
 * to and including the day of the answer) are added to both the deadline and the promised date.
 */
export function resumeClock(clock: { deadlineOn: string; appointmentOn: string; pausedSince: string; pausedDays: number }, answeredOn: string) {
  const paused = workingDaysBetween(clock.pausedSince, answeredOn);
  return {
    deadlineOn: addWorkingDays(clock.deadlineOn, paused),
    appointmentOn: addWorkingDays(clock.appointmentOn, paused),
    pausedDays: clock.pausedDays + paused,
  };
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
  | { kind: "paused"; used: number }
  | { kind: "stopped"; used: number; timeliness: Timeliness | null };

export type Timeliness = "early" | "onTime" | "late";

/** Working days DOST has used so far, not counting days spent waiting for the business. */
export function workingDaysUsed(request: ClockInput, today: string): number {
  if (!request.submittedOn) return 0;
  const end = request.decidedOn ?? today;
  const waiting = request.pausedSince ? workingDaysBetween(request.pausedSince, end) : 0;
  return Math.max(0, workingDaysBetween(request.submittedOn, end) - request.pausedDays - waiting);
}

export function timelinessOf(decidedOn: string, deadlineOn: string): Timeliness {
  if (decidedOn < deadlineOn) return "early";
  return decidedOn === deadlineOn ? "onTime" : "late";
}

// Two working days or fewer left: the queue marks it before it is late.
const DUE_SOON_DAYS = 2;

export function clockOf(request: ClockInput, today: string): Clock {
  if (!request.submittedOn || !request.appointmentOn) return { kind: "none" };
  const used = workingDaysUsed(request, today);
  if (request.state === "needs_information") return { kind: "paused", used };
  if (CLOCK_RUNNING.includes(request.state)) {
    const late = today > request.appointmentOn;
    const left = late ? -workingDaysBetween(request.appointmentOn, today) : workingDaysBetween(today, request.appointmentOn);
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
