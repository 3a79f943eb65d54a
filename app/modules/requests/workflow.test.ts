import { describe, expect, test } from "vitest";
import {
  type ClockInput,
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
  isPastAppointment,
  resumeClock,
  trackingCode,
  waitingFor,
  workingDaysUsed,
} from "./workflow";

// March 2026 has no public holiday: Mondays are 02, 09, 16, 23 and 30 March.
// Tết 2026 takes the working days Monday 16 to Friday 20 February.
const TODAY = "2026-03-10";
const FUTURE = "2026-03-20";
const PAST = "2026-03-06";

const sorted = (actions: RequestAction[]) => [...actions].sort();

describe("allowedActions: every move each side may make, per state", () => {
  test.each<[RequestState, RequestAction[], RequestAction[]]>([
    // state, business, DOST (appointment still ahead)
    ["draft", ["submit"], []],
    ["submitted", ["withdraw"], ["take", "ask"]],
    ["in_review", ["withdraw"], ["ask", "approve", "reject"]],
    ["needs_information", ["answer", "withdraw"], []],
    ["answered", ["withdraw"], ["ask", "approve", "reject"]],
    ["approved", [], ["complete"]],
    ["rejected", [], []],
    ["completed", [], []],
    ["withdrawn", [], []],
  ])("%s: business %j, DOST %j", (state, business, dost) => {
    const request = { state, appointmentOn: state === "draft" ? null : FUTURE };
    expect(sorted(allowedActions(request, "business", TODAY))).toEqual(sorted(business));
    expect(sorted(allowedActions(request, "dost", TODAY))).toEqual(sorted(dost));
  });

  test("every listed action is one canDo agrees with, and each leads where TRANSITIONS says", () => {
    for (const state of REQUEST_STATES) {
      for (const side of ["business", "dost"] as Side[]) {
        const request = { state, appointmentOn: FUTURE };
        for (const action of Object.keys(TRANSITIONS) as RequestAction[]) {
          expect(canDo(action, request, side, TODAY)).toBe(allowedActions(request, side, TODAY).includes(action));
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
  const everyState = REQUEST_STATES.map((state) => ({ state, appointmentOn: FUTURE }));

  test.each<RequestAction>(["take", "ask", "approve", "reject", "complete", "reschedule"])("the business can never %s", (action) => {
    for (const request of everyState) {
      expect(canDo(action, request, "business", TODAY)).toBe(false);
      expect(canDo(action, { ...request, appointmentOn: PAST }, "business", TODAY)).toBe(false);
    }
  });

  test.each<RequestAction>(["submit", "answer", "withdraw"])("DOST can never %s", (action) => {
    for (const request of everyState) {
      expect(canDo(action, request, "dost", TODAY)).toBe(false);
      expect(canDo(action, { ...request, appointmentOn: PAST }, "dost", TODAY)).toBe(false);
    }
  });

  test.each<RequestState>(["completed", "rejected", "withdrawn"])("nothing leaves %s, for either side, late or not", (state) => {
    for (const appointmentOn of [null, PAST, TODAY, FUTURE]) {
      expect(allowedActions({ state, appointmentOn }, "business", TODAY)).toEqual([]);
      expect(allowedActions({ state, appointmentOn }, "dost", TODAY)).toEqual([]);
    }
    for (const transition of Object.values(TRANSITIONS)) expect(transition.from).not.toContain(state);
  });

  test("no skipping: a submitted request is taken (or asked about) before any decision", () => {
    const submitted = { state: "submitted" as const, appointmentOn: FUTURE };
    expect(canDo("approve", submitted, "dost", TODAY)).toBe(false);
    expect(canDo("reject", submitted, "dost", TODAY)).toBe(false);
    expect(canDo("complete", submitted, "dost", TODAY)).toBe(false);
    expect(canDo("complete", { state: "in_review", appointmentOn: FUTURE }, "dost", TODAY)).toBe(false);
    expect(canDo("answer", { state: "in_review", appointmentOn: FUTURE }, "business", TODAY)).toBe(false);
    expect(canDo("withdraw", { state: "approved", appointmentOn: FUTURE }, "business", TODAY)).toBe(false);
  });

  test("a draft is the business's alone: DOST has no move on it", () => {
    expect(allowedActions({ state: "draft", appointmentOn: null }, "dost", TODAY)).toEqual([]);
  });

  test("reschedule is not offered while the appointment is still ahead (or is today)", () => {
    for (const state of ["submitted", "in_review", "answered"] as const) {
      expect(canDo("reschedule", { state, appointmentOn: FUTURE }, "dost", TODAY)).toBe(false);
      expect(canDo("reschedule", { state, appointmentOn: TODAY }, "dost", TODAY)).toBe(false);
    }
  });
});

describe("past the appointment date", () => {
  test.each<RequestState>(["submitted", "in_review", "answered"])("%s and late: DOST may only reschedule", (state) => {
    const late = { state, appointmentOn: PAST };
    expect(isPastAppointment(late, TODAY)).toBe(true);
    expect(allowedActions(late, "dost", TODAY)).toEqual(["reschedule"]);
  });

  test("on the appointment day itself the request is not late yet", () => {
    const due = { state: "in_review" as const, appointmentOn: TODAY };
    expect(isPastAppointment(due, TODAY)).toBe(false);
    expect(sorted(allowedActions(due, "dost", TODAY))).toEqual(sorted(["ask", "approve", "reject"]));
  });

  test("the business can still withdraw a late request, and answer one waiting for it", () => {
    expect(allowedActions({ state: "in_review", appointmentOn: PAST }, "business", TODAY)).toEqual(["withdraw"]);
    expect(allowedActions({ state: "submitted", appointmentOn: PAST }, "business", TODAY)).toEqual(["withdraw"]);
    expect(sorted(allowedActions({ state: "needs_information", appointmentOn: PAST }, "business", TODAY))).toEqual(["answer", "withdraw"]);
  });

  test("the clock is not running while waiting for the business or after approval, so neither is late", () => {
    expect(isPastAppointment({ state: "needs_information", appointmentOn: PAST }, TODAY)).toBe(false);
    expect(isPastAppointment({ state: "approved", appointmentOn: PAST }, TODAY)).toBe(false);
    expect(allowedActions({ state: "approved", appointmentOn: PAST }, "dost", TODAY)).toEqual(["complete"]);
    expect(allowedActions({ state: "needs_information", appointmentOn: PAST }, "dost", TODAY)).toEqual([]);
  });

  test("with no appointment date nothing is late", () => {
    expect(isPastAppointment({ state: "submitted", appointmentOn: null }, TODAY)).toBe(false);
  });
});

function clock(overrides: Partial<ClockInput> = {}): ClockInput {
  return {
    state: "in_review",
    submittedOn: "2026-03-02",
    deadlineOn: "2026-03-16",
    appointmentOn: "2026-03-16",
    pausedSince: null,
    pausedDays: 0,
    decidedOn: null,
    ...overrides,
  };
}

describe("clockOf", () => {
  test("a draft has no clock", () => {
    expect(clockOf(clock({ state: "draft", submittedOn: null, deadlineOn: null, appointmentOn: null }), TODAY)).toEqual({ kind: "none" });
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
    expect(clockOf(clock(), today)).toEqual({ kind: "running", ...expected });
  });

  test.each<RequestState>(["submitted", "in_review", "answered"])("runs in %s", (state) => {
    expect(clockOf(clock({ state }), TODAY).kind).toBe("running");
  });

  test("paused while waiting for the business: the waiting days are not DOST's", () => {
    // Asked on Thursday 05/03; today Tuesday 10/03: 06, 09 and 10 March were the business's.
    expect(clockOf(clock({ state: "needs_information", pausedSince: "2026-03-05" }), TODAY)).toEqual({ kind: "paused", used: 3 });
  });

  test("a paused request past its old appointment is not late", () => {
    const paused = clockOf(clock({ state: "needs_information", pausedSince: "2026-03-05", appointmentOn: PAST }), TODAY);
    expect(paused.kind).toBe("paused");
  });

  test.each<[string, string, "early" | "onTime" | "late"]>([
    ["before the deadline", "2026-03-10", "early"],
    ["on the deadline", "2026-03-16", "onTime"],
    ["after the deadline", "2026-03-18", "late"],
  ])("stopped, decided %s", (_name, decidedOn, timeliness) => {
    for (const state of ["approved", "rejected", "completed"] as const) {
      expect(clockOf(clock({ state, decidedOn }), "2026-04-30")).toEqual({ kind: "stopped", used: workingDaysUsed(clock({ decidedOn }), "2026-04-30"), timeliness });
    }
  });

  test("timeliness is measured against the SLA deadline, not a rescheduled appointment", () => {
    const rescheduled = clock({ state: "approved", appointmentOn: "2026-03-25", deadlineOn: "2026-03-16", decidedOn: "2026-03-20" });
    expect(clockOf(rescheduled, TODAY)).toMatchObject({ kind: "stopped", timeliness: "late" });
  });

  test("a withdrawn request stopped with no timeliness: DOST did not decide it", () => {
    expect(clockOf(clock({ state: "withdrawn", decidedOn: "2026-03-05" }), TODAY)).toEqual({ kind: "stopped", used: 3, timeliness: null });
  });

  test("the used days stop counting at the decision", () => {
    const decided = clock({ state: "approved", decidedOn: "2026-03-05" });
    expect(clockOf(decided, "2026-03-05")).toMatchObject({ used: 3 });
    expect(clockOf(decided, "2026-06-30")).toMatchObject({ used: 3 });
  });
});

describe("workingDaysUsed", () => {
  test("nothing before submission", () => {
    expect(workingDaysUsed(clock({ state: "draft", submittedOn: null }), TODAY)).toBe(0);
  });

  test("less the days of earlier pauses", () => {
    // 02/03 to 20/03 is 14 working days; 3 of them were spent waiting for the business.
    expect(workingDaysUsed(clock({ pausedDays: 3 }), "2026-03-20")).toBe(11);
  });

  test("less an earlier pause and the current one", () => {
    // 14 working days to 20/03, 3 paused before, and 17, 18, 19, 20 March in the current pause.
    expect(workingDaysUsed(clock({ state: "needs_information", pausedDays: 3, pausedSince: "2026-03-16" }), "2026-03-20")).toBe(7);
  });

  test("a pause over Tết costs nothing it did not already cost", () => {
    // Submitted Wed 11/02, asked Thu 12/02, today Tue 24/02: only 13, 23 and 24 February are working days after the ask.
    const paused = clock({ state: "needs_information", submittedOn: "2026-02-11", pausedSince: "2026-02-12" });
    expect(workingDaysUsed(paused, "2026-02-24")).toBe(1);
  });

  test("never negative, even with inconsistent data", () => {
    expect(workingDaysUsed(clock({ pausedDays: 50 }), TODAY)).toBe(0);
  });
});

describe("firstDeadline and resumeClock", () => {
  test("the deadline is the SLA's last working day after the submission day, Tết not counted", () => {
    expect(firstDeadline("2026-03-02", 10)).toBe("2026-03-16");
    expect(firstDeadline("2026-02-13", 10)).toBe("2026-03-06");
    expect(firstDeadline("2026-03-07", 5)).toBe("2026-03-13");
  });

  test("answered the same day it was asked: nothing moves", () => {
    const before = { deadlineOn: "2026-03-16", appointmentOn: "2026-03-16", pausedSince: "2026-03-05", pausedDays: 2 };
    expect(resumeClock(before, "2026-03-05")).toEqual({ deadlineOn: "2026-03-16", appointmentOn: "2026-03-16", pausedDays: 2 });
  });

  test("the working days spent waiting move both dates and add up", () => {
    // Asked Thu 05/03, answered Tue 10/03: 06, 09 and 10 March.
    const before = { deadlineOn: "2026-03-16", appointmentOn: "2026-03-18", pausedSince: "2026-03-05", pausedDays: 1 };
    expect(resumeClock(before, "2026-03-10")).toEqual({ deadlineOn: "2026-03-19", appointmentOn: "2026-03-23", pausedDays: 4 });
  });

  test("across Tết 2026 only working days count, in the pause and in the new dates", () => {
    // Asked Wed 11/02, answered Tue 24/02: 12, 13, 23 and 24 February (16–20 are Tết).
    const before = { deadlineOn: "2026-02-13", appointmentOn: "2026-02-13", pausedSince: "2026-02-11", pausedDays: 0 };
    expect(resumeClock(before, "2026-02-24")).toEqual({ deadlineOn: "2026-02-26", appointmentOn: "2026-02-26", pausedDays: 4 });
  });

  test("a pause that lies wholly inside Tết costs nothing", () => {
    const before = { deadlineOn: "2026-03-06", appointmentOn: "2026-03-06", pausedSince: "2026-02-16", pausedDays: 0 };
    expect(resumeClock(before, "2026-02-20")).toEqual({ deadlineOn: "2026-03-06", appointmentOn: "2026-03-06", pausedDays: 0 });
  });

  test("dates pushed into Tết jump over it", () => {
    // Asked Fri 13/02, answered Mon 23/02: one working day; the deadline of Fri 13/02 becomes Mon 23/02.
    const before = { deadlineOn: "2026-02-13", appointmentOn: "2026-02-13", pausedSince: "2026-02-13", pausedDays: 0 };
    expect(resumeClock(before, "2026-02-23")).toEqual({ deadlineOn: "2026-02-23", appointmentOn: "2026-02-23", pausedDays: 1 });
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
