import { describe, expect, test } from "vitest";
import { shippedHolidayCalendar } from "~/modules/holidays/shipped";
import {
  type ClockInput,
  type ClockView,
  type RequestAction,
  type RequestState,
  type Side,
  DECIDED,
  REQUEST_STATES,
  TRANSITIONS,
  allowedActions,
  canDo,
  clockOf,
  firstDeadline,
  isPastDeadline,
  lastDayToApologise,
  lastDayToAsk,
  newAppointmentProblem,
  refusedActions,
  restartClock,
  trackingCode,
  waitingFor,
  workingDaysUsed,
} from "./workflow";

// The shipped calendar (2025–2026 announced, 2027 provisional), as a fresh database holds it.
const CAL = shippedHolidayCalendar();

// March 2026 has no public holiday: Mondays are 02, 09, 16, 23 and 30 March.
// Tết 2026 takes the working days Monday 16 to Friday 20 February.
// A request submitted on Monday 02/03 with 10 working days: DOST may ask until Thursday 05/03
// (3 working days after), its deadline is Monday 16/03, and an apology can come until Friday 13/03.
const SUBMITTED = "2026-03-02";
const DEADLINE = "2026-03-16";
const TODAY = "2026-03-04";

const sorted = (actions: RequestAction[]) => [...actions].sort();

/** A request as the rules see it: submitted on 02/03, deadline 16/03, nothing done once yet. */
function view(overrides: Partial<ClockView> = {}): ClockView {
  return { state: "in_review", submittedOn: SUBMITTED, deadlineOn: DEADLINE, asks: 0, reschedules: 0, ...overrides };
}

const allowed = (request: ClockView, side: Side, today = TODAY) => sorted(allowedActions(CAL, request, side, today));

describe("allowedActions: every move each side may make, per state", () => {
  test.each<[RequestState, RequestAction[], RequestAction[]]>([
    // state, business, DOST (within the days to ask and to apologise)
    ["draft", ["submit"], []],
    ["submitted", ["withdraw"], ["take", "ask", "reschedule"]],
    ["in_review", ["withdraw"], ["ask", "approve", "reject", "reschedule"]],
    ["needs_information", ["answer", "withdraw"], []],
    ["answered", ["withdraw"], ["approve", "reject", "reschedule"]],
    ["approved", [], ["complete"]],
    ["rejected", [], []],
    ["completed", [], []],
    ["withdrawn", [], []],
  ])("%s: business %j, DOST %j", (state, business, dost) => {
    const request = state === "draft" ? view({ state, submittedOn: null, deadlineOn: null }) : view({ state, asks: state === "needs_information" || state === "answered" ? 1 : 0 });
    expect(allowed(request, "business")).toEqual(sorted(business));
    expect(allowed(request, "dost")).toEqual(sorted(dost));
  });

  test("every listed action is one canDo agrees with, and each leads where TRANSITIONS says", () => {
    for (const state of REQUEST_STATES) {
      for (const side of ["business", "dost"] as Side[]) {
        for (const today of [TODAY, "2026-03-13", "2026-03-20"]) {
          const request = view({ state });
          for (const action of Object.keys(TRANSITIONS) as RequestAction[]) {
            expect(canDo(CAL, action, request, side, today)).toBe(allowedActions(CAL, request, side, today).includes(action));
          }
        }
      }
    }
    for (const transition of Object.values(TRANSITIONS)) {
      if (transition.to !== null) expect(REQUEST_STATES).toContain(transition.to);
      for (const from of transition.from) expect(REQUEST_STATES).toContain(from);
    }
  });
});

describe("forbidden moves", () => {
  const everyState = REQUEST_STATES.map((state) => view({ state }));

  test.each<RequestAction>(["take", "ask", "approve", "reject", "complete", "reschedule"])("the business can never %s", (action) => {
    for (const request of everyState) {
      for (const today of [TODAY, "2026-03-20"]) expect(canDo(CAL, action, request, "business", today)).toBe(false);
    }
  });

  test.each<RequestAction>(["submit", "answer", "withdraw"])("DOST can never %s", (action) => {
    for (const request of everyState) {
      for (const today of [TODAY, "2026-03-20"]) expect(canDo(CAL, action, request, "dost", today)).toBe(false);
    }
  });

  test.each<RequestState>(["completed", "rejected", "withdrawn"])("nothing leaves %s, for either side, late or not", (state) => {
    for (const today of [TODAY, DEADLINE, "2026-03-20"]) {
      expect(allowedActions(CAL, view({ state }), "business", today)).toEqual([]);
      expect(allowedActions(CAL, view({ state }), "dost", today)).toEqual([]);
    }
    for (const transition of Object.values(TRANSITIONS)) expect(transition.from).not.toContain(state);
  });

  test("no skipping: a submitted request is taken (or asked about) before any decision", () => {
    const submitted = view({ state: "submitted" });
    expect(canDo(CAL, "approve", submitted, "dost", TODAY)).toBe(false);
    expect(canDo(CAL, "reject", submitted, "dost", TODAY)).toBe(false);
    expect(canDo(CAL, "complete", submitted, "dost", TODAY)).toBe(false);
    expect(canDo(CAL, "complete", view(), "dost", TODAY)).toBe(false);
    expect(canDo(CAL, "answer", view(), "business", TODAY)).toBe(false);
    expect(canDo(CAL, "withdraw", view({ state: "approved" }), "business", TODAY)).toBe(false);
  });

  test("a draft is the business's alone: DOST has no move on it", () => {
    expect(allowedActions(CAL, view({ state: "draft", submittedOn: null, deadlineOn: null }), "dost", TODAY)).toEqual([]);
  });
});

// Decree 61/2018 Art. 19(4): the dossier is returned for completion within 3 working days of
// receipt; the portal allows it once.
describe("asking for information: once, within 3 working days of the submission", () => {
  test.each<[string, string, string]>([
    ["Monday: Tue, Wed, Thu", "2026-03-02", "2026-03-05"],
    ["Friday: over the weekend", "2026-03-06", "2026-03-11"],
    ["a Saturday submission counts from Monday", "2026-03-07", "2026-03-11"],
    ["Thursday before Tết: Fri 13/02, then Mon 23 and Tue 24/02", "2026-02-12", "2026-02-24"],
    ["Wednesday 31/12/2025: 1 and 2 January are off", "2025-12-31", "2026-01-07"],
    ["Wednesday 07/01/2026: Thursday, Friday and the make-up Saturday 10/01", "2026-01-07", "2026-01-10"],
  ])("submitted %s → the last day to ask is %s", (_name, submittedOn, lastDay) => {
    expect(lastDayToAsk(CAL, submittedOn)).toBe(lastDay);
  });

  test.each<[string, string, boolean]>([
    ["on the submission day", "2026-03-02", true],
    ["the 2nd working day after", "2026-03-04", true],
    ["the 3rd working day after: the last day", "2026-03-05", true],
    ["the day after the last day", "2026-03-06", false],
    ["the weekend after", "2026-03-07", false],
    ["a week later", "2026-03-09", false],
  ])("%s (%s): allowed %s", (_name, today, expected) => {
    for (const state of ["submitted", "in_review"] as const) {
      expect(canDo(CAL, "ask", view({ state }), "dost", today)).toBe(expected);
      expect(refusedActions(CAL, view({ state }), today).ask).toBe(expected ? undefined : "askTooLate");
    }
  });

  test("a second request for information is refused, however early", () => {
    expect(canDo(CAL, "ask", view({ asks: 1 }), "dost", "2026-03-03")).toBe(false);
    expect(refusedActions(CAL, view({ asks: 1 }), "2026-03-03").ask).toBe("askedAlready");
  });

  test("once answered the request is not asked about again: the ask is no move from answered", () => {
    expect(TRANSITIONS.ask.from).not.toContain("answered");
    expect(canDo(CAL, "ask", view({ state: "answered", asks: 1 }), "dost", "2026-03-03")).toBe(false);
    // An old request asked several times (under the former rules) still decides and answers as usual.
    const old = view({ state: "answered", asks: 3 });
    expect(allowed(old, "dost", "2026-03-10")).toEqual(sorted(["approve", "reject", "reschedule"]));
    expect(allowed(view({ state: "needs_information", asks: 3 }), "business", "2026-03-10")).toEqual(["answer", "withdraw"]);
  });

  test("without a submission day nothing can be asked", () => {
    expect(canDo(CAL, "ask", view({ state: "submitted", submittedOn: null }), "dost", TODAY)).toBe(false);
  });
});

// Decree 61/2018 Art. 19(9): the apology comes at the latest 1 day before the deadline, once.
describe("the apology with a new date: once, at the latest the working day before the deadline", () => {
  test.each<[string, string, string]>([
    ["a Monday deadline: the Friday before", "2026-03-16", "2026-03-13"],
    ["a Wednesday deadline: the Tuesday", "2026-03-18", "2026-03-17"],
    ["Monday 23/02 after Tết: Friday 13/02", "2026-02-23", "2026-02-13"],
    ["Monday 12/01/2026: the make-up Saturday 10/01", "2026-01-12", "2026-01-10"],
    ["Monday 05/01/2026 after New Year: Wednesday 31/12/2025", "2026-01-05", "2025-12-31"],
  ])("%s: deadline %s, last day %s", (_name, deadlineOn, lastDay) => {
    expect(lastDayToApologise(CAL, deadlineOn)).toBe(lastDay);
  });

  test.each<[string, string, boolean]>([
    ["early on", "2026-03-04", true],
    ["the last day, Friday 13/03", "2026-03-13", true],
    ["the weekend before the deadline", "2026-03-14", false],
    ["on the deadline", "2026-03-16", false],
    ["after the deadline", "2026-03-17", false],
  ])("%s (%s): allowed %s", (_name, today, expected) => {
    for (const state of ["submitted", "in_review", "answered"] as const) {
      expect(canDo(CAL, "reschedule", view({ state, asks: state === "answered" ? 1 : 0 }), "dost", today)).toBe(expected);
    }
    expect(refusedActions(CAL, view(), today).reschedule).toBe(expected ? undefined : "apologyTooLate");
  });

  test("a second new date is refused, even in time", () => {
    expect(canDo(CAL, "reschedule", view({ reschedules: 1 }), "dost", TODAY)).toBe(false);
    expect(refusedActions(CAL, view({ reschedules: 1 }), TODAY).reschedule).toBe("rescheduledAlready");
  });

  test("not while waiting for the business, nor after the decision", () => {
    for (const state of ["needs_information", "approved", "rejected", "completed", "withdrawn"] as const) {
      expect(canDo(CAL, "reschedule", view({ state }), "dost", TODAY)).toBe(false);
      expect(refusedActions(CAL, view({ state }), TODAY)).toEqual({});
    }
  });

  test.each<[string, string, string | null]>([
    ["a working day after the deadline", "2026-03-20", null],
    ["the deadline itself", "2026-03-16", "requests:errors.afterDeadline"],
    ["before the deadline", "2026-03-10", "requests:errors.afterDeadline"],
    ["a Saturday after it", "2026-03-21", "requests:errors.notWorkingDay"],
    ["a day that does not exist", "2026-02-30", "requests:errors.date"],
  ])("the new date: %s (%s)", (_name, day, problem) => {
    expect(newAppointmentProblem(CAL, day, { deadlineOn: DEADLINE })).toBe(problem);
  });
});

describe("past the deadline: late, and DOST still decides", () => {
  test.each<RequestState>(["submitted", "in_review", "answered"])("%s and late: no lock, no apology left", (state) => {
    const late = view({ state, asks: state === "answered" ? 1 : 0 });
    expect(isPastDeadline(late, "2026-03-17")).toBe(true);
    const dost = allowed(late, "dost", "2026-03-17");
    expect(dost).not.toContain("reschedule");
    expect(dost).not.toContain("ask");
    expect(dost.length).toBeGreaterThan(0);
    if (state !== "submitted") expect(dost).toEqual(sorted(["approve", "reject"]));
  });

  test("on the deadline itself the request is not late yet", () => {
    expect(isPastDeadline(view(), DEADLINE)).toBe(false);
    expect(allowed(view(), "dost", DEADLINE)).toEqual(sorted(["approve", "reject"]));
  });

  test("the business can still withdraw a late request, and answer one waiting for it", () => {
    expect(allowed(view(), "business", "2026-03-20")).toEqual(["withdraw"]);
    expect(allowed(view({ state: "needs_information", asks: 1 }), "business", "2026-03-20")).toEqual(["answer", "withdraw"]);
  });

  test("the clock is not running while waiting for the business or after approval, so neither is late", () => {
    expect(isPastDeadline(view({ state: "needs_information" }), "2026-03-20")).toBe(false);
    expect(isPastDeadline(view({ state: "approved" }), "2026-03-20")).toBe(false);
    expect(isPastDeadline(view({ deadlineOn: null }), "2026-03-20")).toBe(false);
  });
});

function clock(overrides: Partial<ClockInput> = {}): ClockInput {
  return {
    state: "in_review",
    submittedOn: SUBMITTED,
    deadlineOn: DEADLINE,
    appointmentOn: DEADLINE,
    pausedSince: null,
    pausedDays: 0,
    decidedOn: null,
    ...overrides,
  };
}

describe("clockOf", () => {
  test("a draft has no clock", () => {
    expect(clockOf(CAL, clock({ state: "draft", submittedOn: null, deadlineOn: null, appointmentOn: null }), TODAY)).toEqual({ kind: "none" });
  });

  test.each<[string, string, { used: number; left: number; late: boolean; dueSoon: boolean }]>([
    ["on the submission day", "2026-03-02", { used: 0, left: 10, late: false, dueSoon: false }],
    ["three days in", "2026-03-05", { used: 3, left: 7, late: false, dueSoon: false }],
    ["over a weekend", "2026-03-08", { used: 4, left: 6, late: false, dueSoon: false }],
    ["three days left", "2026-03-11", { used: 7, left: 3, late: false, dueSoon: false }],
    ["two days left: due soon", "2026-03-12", { used: 8, left: 2, late: false, dueSoon: true }],
    ["on the appointment day: due soon, not late", "2026-03-16", { used: 10, left: 0, late: false, dueSoon: true }],
    ["one working day past", "2026-03-17", { used: 11, left: -1, late: true, dueSoon: false }],
    ["past it over a weekend", "2026-03-23", { used: 15, left: -5, late: true, dueSoon: false }],
  ])("running, %s (%s)", (_name, today, expected) => {
    expect(clockOf(CAL, clock(), today)).toEqual({ kind: "running", ...expected });
  });

  test.each<RequestState>(["submitted", "in_review", "answered"])("runs in %s", (state) => {
    expect(clockOf(CAL, clock({ state }), TODAY).kind).toBe("running");
  });

  test("waiting for the business: DOST's days are those before the ask", () => {
    // Asked on Thursday 05/03; today Tuesday 10/03: 06, 09 and 10 March were the business's.
    expect(clockOf(CAL, clock({ state: "needs_information", pausedSince: "2026-03-05" }), "2026-03-10")).toEqual({ kind: "waiting", used: 3 });
  });

  test("a request waiting past its old appointment is not late", () => {
    const waiting = clockOf(CAL, clock({ state: "needs_information", pausedSince: "2026-03-05", appointmentOn: "2026-03-06" }), "2026-03-10");
    expect(waiting.kind).toBe("waiting");
  });

  test("restarted after the answer: the days used count from the answer", () => {
    // Answered Tuesday 10/03: the 6 working days from 02/03 are set aside; 11 and 12 March are DOST's.
    const restarted = clock({ state: "answered", pausedDays: 6, deadlineOn: "2026-03-24", appointmentOn: "2026-03-24" });
    expect(clockOf(CAL, restarted, "2026-03-12")).toEqual({ kind: "running", used: 2, left: 8, late: false, dueSoon: false });
  });

  test.each<[string, string, "early" | "onTime" | "late"]>([
    ["before the deadline", "2026-03-10", "early"],
    ["on the deadline", "2026-03-16", "onTime"],
    ["after the deadline", "2026-03-18", "late"],
  ])("stopped, decided %s", (_name, decidedOn, timeliness) => {
    for (const state of ["approved", "rejected", "completed"] as const) {
      expect(clockOf(CAL, clock({ state, decidedOn }), "2026-04-30")).toEqual({ kind: "stopped", used: workingDaysUsed(CAL, clock({ decidedOn }), "2026-04-30"), timeliness });
    }
  });

  test("timeliness is measured against the deadline, not a rescheduled appointment", () => {
    const rescheduled = clock({ state: "approved", appointmentOn: "2026-03-25", deadlineOn: "2026-03-16", decidedOn: "2026-03-20" });
    expect(clockOf(CAL, rescheduled, "2026-03-20")).toMatchObject({ kind: "stopped", timeliness: "late" });
  });

  test("timeliness after a restart is measured against the restarted deadline", () => {
    // Decided 20/03, after the first deadline (16/03) but before the restarted one (24/03): early.
    const restarted = clock({ state: "approved", pausedDays: 6, deadlineOn: "2026-03-24", appointmentOn: "2026-03-24", decidedOn: "2026-03-20" });
    expect(clockOf(CAL, restarted, "2026-03-20")).toEqual({ kind: "stopped", used: 8, timeliness: "early" });
  });

  test("a withdrawn request stopped with no timeliness: DOST did not decide it", () => {
    expect(clockOf(CAL, clock({ state: "withdrawn", decidedOn: "2026-03-05" }), "2026-03-10")).toEqual({ kind: "stopped", used: 3, timeliness: null });
  });

  test("the used days stop counting at the decision", () => {
    const decided = clock({ state: "approved", decidedOn: "2026-03-05" });
    expect(clockOf(CAL, decided, "2026-03-05")).toMatchObject({ used: 3 });
    expect(clockOf(CAL, decided, "2026-06-30")).toMatchObject({ used: 3 });
  });
});

describe("workingDaysUsed", () => {
  test("nothing before submission", () => {
    expect(workingDaysUsed(CAL, clock({ state: "draft", submittedOn: null }), TODAY)).toBe(0);
  });

  test("less the days set aside (before a restart, or paused under the former rule)", () => {
    // 02/03 to 20/03 is 14 working days; 3 of them are not DOST's.
    expect(workingDaysUsed(CAL, clock({ pausedDays: 3 }), "2026-03-20")).toBe(11);
  });

  test("old data: an earlier pause and the current one", () => {
    // 14 working days to 20/03, 3 paused before, and 17, 18, 19, 20 March in the current pause.
    expect(workingDaysUsed(CAL, clock({ state: "needs_information", pausedDays: 3, pausedSince: "2026-03-16" }), "2026-03-20")).toBe(7);
  });

  test("a pause over Tết costs nothing it did not already cost", () => {
    // Submitted Wed 11/02, asked Thu 12/02, today Tue 24/02: only 13, 23 and 24 February are working days after the ask.
    const paused = clock({ state: "needs_information", submittedOn: "2026-02-11", pausedSince: "2026-02-12" });
    expect(workingDaysUsed(CAL, paused, "2026-02-24")).toBe(1);
  });

  test("never negative, even with inconsistent data", () => {
    expect(workingDaysUsed(CAL, clock({ pausedDays: 50 }), "2026-03-10")).toBe(0);
  });
});

describe("firstDeadline and restartClock", () => {
  test("the deadline is the SLA's last working day after the submission day, Tết not counted", () => {
    expect(firstDeadline(CAL, "2026-03-02", 10)).toBe("2026-03-16");
    expect(firstDeadline(CAL, "2026-02-13", 10)).toBe("2026-03-06");
    expect(firstDeadline(CAL, "2026-03-07", 5)).toBe("2026-03-13");
  });

  // Decree 61/2018 Art. 19(4): "Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ".
  test.each<[string, string, { deadlineOn: string; appointmentOn: string; pausedDays: number }]>([
    ["answered the day it was submitted: the whole time limit from that day", "2026-03-02", { deadlineOn: "2026-03-16", appointmentOn: "2026-03-16", pausedDays: 0 }],
    ["answered Tuesday 10/03: 10 working days from then, the 6 before set aside", "2026-03-10", { deadlineOn: "2026-03-24", appointmentOn: "2026-03-24", pausedDays: 6 }],
    ["answered on Saturday 07/03: counted from Monday", "2026-03-07", { deadlineOn: "2026-03-20", appointmentOn: "2026-03-20", pausedDays: 4 }],
    ["answered after the first deadline: the new one is still a full time limit away", "2026-03-18", { deadlineOn: "2026-04-01", appointmentOn: "2026-04-01", pausedDays: 12 }],
  ])("submitted 02/03, %s", (_name, answeredOn, expected) => {
    expect(restartClock(CAL, { submittedOn: SUBMITTED, slaDays: 10 }, answeredOn)).toEqual(expected);
  });

  test("across Tết 2026 only working days count, before and after the restart", () => {
    // Submitted Wed 11/02, answered Tue 24/02: 12, 13, 23 and 24 February set aside (16–20 are Tết);
    // 10 working days from 24/02 end on 10/03.
    expect(restartClock(CAL, { submittedOn: "2026-02-11", slaDays: 10 }, "2026-02-24")).toEqual({ deadlineOn: "2026-03-10", appointmentOn: "2026-03-10", pausedDays: 4 });
  });

  test("the restart and the days used agree: DOST's count starts again at zero on the day of the answer", () => {
    const restarted = restartClock(CAL, { submittedOn: SUBMITTED, slaDays: 10 }, "2026-03-10");
    const input = clock({ state: "answered", ...restarted });
    expect(workingDaysUsed(CAL, input, "2026-03-10")).toBe(0);
    expect(clockOf(CAL, input, restarted.deadlineOn)).toMatchObject({ kind: "running", used: 10, left: 0 });
  });
});

describe("waitingFor", () => {
  test.each<[RequestState, Side | null]>([
    ["draft", "business"],
    ["needs_information", "business"],
    ["submitted", "dost"],
    ["in_review", "dost"],
    ["answered", "dost"],
    ["approved", "dost"],
    ["rejected", null],
    ["completed", null],
    ["withdrawn", null],
  ])("%s waits for %s", (state, side) => {
    expect(waitingFor(state)).toBe(side);
  });

  test("the decided states wait for no one", () => {
    for (const state of DECIDED) if (state !== "approved") expect(waitingFor(state)).toBeNull();
  });
});

describe("trackingCode", () => {
  test.each<[number, number, string]>([
    [2026, 123, "HT-2026-000123"],
    [2026, 1, "HT-2026-000001"],
    [2027, 999_999, "HT-2027-999999"],
  ])("%i, %i -> %s", (year, number, code) => {
    expect(trackingCode(year, number)).toBe(code);
    expect(code).toMatch(/^HT-\d{4}-\d{6}$/);
  });
});
