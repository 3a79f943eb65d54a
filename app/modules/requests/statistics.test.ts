import { describe, expect, test } from "vitest";
import { shippedHolidayCalendar } from "~/modules/holidays/shipped";
import { type StatInput, type StatRow, REQUEST_TYPES, monthPeriod, periodAsOf, periodStatistics, yearPeriod } from "./statistics";

const CAL = shippedHolidayCalendar();

// March 2026 has no public holiday: Mondays are 02, 09, 16, 23 and 30 March.
const MARCH = monthPeriod(2026, 3);
const LATER = "2026-05-15";

function request(overrides: Partial<StatInput> = {}): StatInput {
  const submittedOn = overrides.submittedOn ?? "2026-03-02";
  return {
    type: "calibration",
    submittedOn,
    deadlineOn: "2026-03-16",
    decidedOn: null,
    decision: null,
    pausedDays: 0,
    slaDays: 10,
    transitions: [
      { toState: "submitted", on: submittedOn },
      { toState: "in_review", on: submittedOn },
    ],
    ...overrides,
  };
}

/** The counters that are not zero, so that each case names only what it adds to. */
function counted(row: StatRow): Record<string, number> {
  const { onTimeShare: _share, medianDaysToDecision: _median, ...counts } = row;
  return Object.fromEntries(Object.entries(counts).filter(([, value]) => value !== 0));
}

describe("periodStatistics: where one request counts in March 2026", () => {
  test.each<{ name: string; input: StatInput; today?: string; expected: Record<string, number> }>([
    {
      name: "approved before the deadline: early",
      input: request({ decidedOn: "2026-03-10", decision: "approved" }),
      expected: { received: 1, resolvedEarly: 1 },
    },
    {
      name: "rejected on the deadline: on time",
      input: request({ decidedOn: "2026-03-16", decision: "rejected" }),
      expected: { received: 1, resolvedOnTime: 1 },
    },
    {
      name: "approved after the deadline: late",
      input: request({ decidedOn: "2026-03-18", decision: "approved" }),
      expected: { received: 1, resolvedLate: 1 },
    },
    {
      name: "submitted in February, resolved in March: carried over",
      input: request({ submittedOn: "2026-02-25", deadlineOn: "2026-03-11", decidedOn: "2026-03-05", decision: "approved" }),
      expected: { carriedOver: 1, resolvedEarly: 1 },
    },
    {
      name: "submitted in February, decided on 1 March: carried over",
      input: request({ submittedOn: "2026-02-25", deadlineOn: "2026-03-11", decidedOn: "2026-03-01", decision: "rejected" }),
      expected: { carriedOver: 1, resolvedEarly: 1 },
    },
    {
      name: "submitted in February, still open and past its deadline on 31 March",
      input: request({ submittedOn: "2026-02-25", deadlineOn: "2026-03-11" }),
      expected: { carriedOver: 1, inProgressLate: 1 },
    },
    {
      name: "submitted and decided in February: not in March",
      input: request({ submittedOn: "2026-02-02", deadlineOn: "2026-02-13", decidedOn: "2026-02-27", decision: "approved" }),
      expected: {},
    },
    {
      name: "submitted in April: not in March",
      input: request({ submittedOn: "2026-04-01", deadlineOn: "2026-04-15" }),
      expected: {},
    },
    {
      name: "withdrawn in March",
      input: request({ decidedOn: "2026-03-04", decision: "withdrawn" }),
      expected: { received: 1, withdrawn: 1 },
    },
    {
      name: "withdrawn in April: still in progress on 31 March",
      input: request({ submittedOn: "2026-03-25", deadlineOn: "2026-04-08", decidedOn: "2026-04-03", decision: "withdrawn" }),
      expected: { received: 1, inProgressWithin: 1 },
    },
    {
      name: "approved in April after its deadline: late on 31 March",
      input: request({ submittedOn: "2026-03-16", deadlineOn: "2026-03-30", decidedOn: "2026-04-02", decision: "approved" }),
      expected: { received: 1, inProgressLate: 1 },
    },
    {
      name: "open, deadline in April: in progress within",
      input: request({ submittedOn: "2026-03-25", deadlineOn: "2026-04-08" }),
      expected: { received: 1, inProgressWithin: 1 },
    },
    {
      name: "open, deadline on 31 March: still within",
      input: request({ submittedOn: "2026-03-17", deadlineOn: "2026-03-31" }),
      expected: { received: 1, inProgressWithin: 1 },
    },
    {
      name: "asked for information in March, not answered by 31 March",
      input: request({
        deadlineOn: "2026-03-16",
        transitions: [
          { toState: "submitted", on: "2026-03-02" },
          { toState: "in_review", on: "2026-03-03" },
          { toState: "needs_information", on: "2026-03-05" },
          { toState: "answered", on: "2026-04-06" },
        ],
      }),
      expected: { received: 1, waitingForBusiness: 1 },
    },
    {
      name: "asked and answered in March: in progress again",
      input: request({
        deadlineOn: "2026-04-03",
        pausedDays: 0,
        transitions: [
          { toState: "submitted", on: "2026-03-02" },
          { toState: "needs_information", on: "2026-03-05" },
          { toState: "answered", on: "2026-03-20" },
        ],
      }),
      expected: { received: 1, inProgressWithin: 1 },
    },
    {
      name: "asked on the day it was answered: the later transition wins",
      input: request({
        deadlineOn: "2026-04-03",
        transitions: [
          { toState: "submitted", on: "2026-03-02" },
          { toState: "needs_information", on: "2026-03-20" },
          { toState: "answered", on: "2026-03-20" },
        ],
      }),
      expected: { received: 1, inProgressWithin: 1 },
    },
    {
      name: "asked only in April: in progress on 31 March",
      input: request({
        deadlineOn: "2026-03-16",
        transitions: [
          { toState: "submitted", on: "2026-03-02" },
          { toState: "needs_information", on: "2026-04-01" },
        ],
      }),
      expected: { received: 1, inProgressLate: 1 },
    },
    {
      name: "asked and answered only in April (a request from before the 3-day rule): on 31 March judged by the deadline then, 16 March",
      input: request({
        deadlineOn: "2026-04-20",
        transitions: [
          { toState: "submitted", on: "2026-03-02" },
          { toState: "needs_information", on: "2026-04-01" },
          { toState: "answered", on: "2026-04-06" },
        ],
      }),
      expected: { received: 1, inProgressLate: 1 },
    },
    {
      name: "answered on 20 March: within the restarted deadline on 31 March, though past the first one",
      input: request({
        submittedOn: "2026-03-02",
        deadlineOn: "2026-04-03",
        pausedDays: 14,
        transitions: [
          { toState: "submitted", on: "2026-03-02" },
          { toState: "needs_information", on: "2026-03-04" },
          { toState: "answered", on: "2026-03-20" },
        ],
      }),
      expected: { received: 1, inProgressWithin: 1 },
    },
    {
      name: "decided after the first deadline but before the restarted one: early",
      input: request({
        deadlineOn: "2026-03-24",
        pausedDays: 6,
        decidedOn: "2026-03-20",
        decision: "approved",
        transitions: [
          { toState: "submitted", on: "2026-03-02" },
          { toState: "needs_information", on: "2026-03-04" },
          { toState: "answered", on: "2026-03-10" },
          { toState: "approved", on: "2026-03-20" },
        ],
      }),
      expected: { received: 1, resolvedEarly: 1 },
    },
    {
      name: "given a new date with an apology, decided after the deadline but by the new date: still late",
      input: request({ deadlineOn: "2026-03-16", decidedOn: "2026-03-19", decision: "approved" }),
      expected: { received: 1, resolvedLate: 1 },
    },
    {
      name: "an old request asked twice, paused under the former rule: counted without error",
      input: request({
        deadlineOn: "2026-03-23",
        pausedDays: 5,
        decidedOn: "2026-03-20",
        decision: "rejected",
        transitions: [
          { toState: "submitted", on: "2026-03-02" },
          { toState: "needs_information", on: "2026-03-03" },
          { toState: "answered", on: "2026-03-05" },
          { toState: "needs_information", on: "2026-03-09" },
          { toState: "answered", on: "2026-03-12" },
          { toState: "rejected", on: "2026-03-20" },
        ],
      }),
      expected: { received: 1, resolvedEarly: 1 },
    },
    {
      name: "current month: status on today, not on 31 March",
      input: request({ submittedOn: "2026-03-09", deadlineOn: "2026-03-23" }),
      today: "2026-03-20",
      expected: { received: 1, inProgressWithin: 1 },
    },
    {
      name: "current month: submitted after today is ignored",
      input: request({ submittedOn: "2026-03-23", deadlineOn: "2026-04-06" }),
      today: "2026-03-20",
      expected: {},
    },
    {
      name: "a month that has not begun reports nothing",
      input: request({ submittedOn: "2026-02-25", deadlineOn: "2026-03-11" }),
      today: "2026-02-27",
      expected: {},
    },
  ])("$name", ({ input, today, expected }) => {
    const { total, byType } = periodStatistics(CAL, [input], MARCH, today ?? LATER);
    expect(counted(total)).toEqual(expected);
    expect(byType[input.type]).toEqual(total);
  });
});

describe("periodStatistics: a past period against the current one", () => {
  // Open, deadline Tuesday 21 April: on 15 April it is within, at the end of April it is late.
  const open = request({ submittedOn: "2026-04-07", deadlineOn: "2026-04-21" });
  const april = monthPeriod(2026, 4);

  test.each([
    { today: "2026-04-15", expected: { received: 1, inProgressWithin: 1 } },
    { today: "2026-04-21", expected: { received: 1, inProgressWithin: 1 } },
    { today: "2026-05-10", expected: { received: 1, inProgressLate: 1 } },
  ])("April seen on $today", ({ today, expected }) => {
    expect(counted(periodStatistics(CAL, [open], april, today).total)).toEqual(expected);
  });

  test("the year counts what the months count", () => {
    const requests = [
      open,
      request({ submittedOn: "2026-03-02", decidedOn: "2026-03-10", decision: "approved" }),
      request({ submittedOn: "2026-03-25", deadlineOn: "2026-04-08", decidedOn: "2026-04-03", decision: "withdrawn" }),
    ];
    const year = periodStatistics(CAL, requests, yearPeriod(2026), "2026-05-10").total;
    expect(counted(year)).toEqual({ received: 3, resolvedEarly: 1, withdrawn: 1, inProgressLate: 1 });
  });
});

describe("periodStatistics: shares, medians and rows", () => {
  test("on-time share counts early and on time against all resolved; withdrawn stays out", () => {
    const { total } = periodStatistics(CAL, 
      [
        request({ decidedOn: "2026-03-10", decision: "approved" }),
        request({ decidedOn: "2026-03-12", decision: "rejected" }),
        request({ decidedOn: "2026-03-16", decision: "approved" }),
        request({ decidedOn: "2026-03-20", decision: "approved" }),
        request({ decidedOn: "2026-03-05", decision: "withdrawn" }),
      ],
      MARCH,
      LATER,
    );
    expect(total.onTimeShare).toBe(0.75);
  });

  test.each<{ name: string; decided: Array<Pick<StatInput, "decidedOn" | "pausedDays">>; median: number }>([
    // From Monday 2 March: Friday 6 = 4 working days, Monday 9 = 5, Friday 13 = 9.
    { name: "odd count: the middle value", decided: [{ decidedOn: "2026-03-13", pausedDays: 0 }, { decidedOn: "2026-03-06", pausedDays: 0 }, { decidedOn: "2026-03-09", pausedDays: 0 }], median: 5 },
    { name: "even count: the mean of the middle two", decided: [{ decidedOn: "2026-03-13", pausedDays: 0 }, { decidedOn: "2026-03-06", pausedDays: 0 }, { decidedOn: "2026-03-09", pausedDays: 0 }, { decidedOn: "2026-03-03", pausedDays: 0 }], median: 4.5 },
    { name: "days before the restart set aside", decided: [{ decidedOn: "2026-03-13", pausedDays: 3 }], median: 6 },
    // Answered Tuesday 10/03 (6 working days after 02/03), decided Friday 20/03: 8 working days after the restart.
    { name: "counted from the restart", decided: [{ decidedOn: "2026-03-20", pausedDays: 6 }], median: 8 },
  ])("median days to decision, $name", ({ decided, median }) => {
    const requests = decided.map((d) => request({ ...d, decision: "approved" }));
    // A withdrawal in March and an approval in February do not count.
    requests.push(request({ decidedOn: "2026-03-31", decision: "withdrawn" }));
    requests.push(request({ submittedOn: "2026-02-02", deadlineOn: "2026-02-13", decidedOn: "2026-02-27", decision: "approved" }));
    expect(periodStatistics(CAL, requests, MARCH, LATER).total.medianDaysToDecision).toBe(median);
  });

  test("rows by type add up to the total, each with its own share and median", () => {
    const { byType, total } = periodStatistics(CAL, 
      [
        request({ type: "calibration", decidedOn: "2026-03-06", decision: "approved" }),
        request({ type: "calibration", decidedOn: "2026-03-20", decision: "approved" }),
        request({ type: "training", decidedOn: "2026-03-13", decision: "rejected" }),
        request({ type: "training", submittedOn: "2026-03-25", deadlineOn: "2026-04-08" }),
      ],
      MARCH,
      LATER,
    );
    expect(Object.keys(byType)).toEqual([...REQUEST_TYPES]);
    expect(counted(byType.calibration)).toEqual({ received: 2, resolvedEarly: 1, resolvedLate: 1 });
    expect(byType.calibration).toMatchObject({ onTimeShare: 0.5, medianDaysToDecision: 9 });
    expect(counted(byType.training)).toEqual({ received: 2, resolvedEarly: 1, inProgressWithin: 1 });
    expect(byType.training).toMatchObject({ onTimeShare: 1, medianDaysToDecision: 9 });
    expect(counted(byType.testing)).toEqual({});
    expect(counted(total)).toEqual({ received: 4, resolvedEarly: 2, resolvedLate: 1, inProgressWithin: 1 });
    expect(total).toMatchObject({ onTimeShare: 2 / 3, medianDaysToDecision: 9 });
  });

  test("no requests: zeros, and no share or median", () => {
    const empty: StatRow = {
      received: 0,
      carriedOver: 0,
      resolvedEarly: 0,
      resolvedOnTime: 0,
      resolvedLate: 0,
      withdrawn: 0,
      inProgressWithin: 0,
      inProgressLate: 0,
      waitingForBusiness: 0,
      onTimeShare: null,
      medianDaysToDecision: null,
    };
    const { byType, total } = periodStatistics(CAL, [], MARCH, LATER);
    expect(total).toEqual(empty);
    for (const type of REQUEST_TYPES) expect(byType[type]).toEqual(empty);
  });
});

describe("periods", () => {
  test.each([
    [2026, 1, "2026-01-01", "2026-01-31"],
    [2026, 2, "2026-02-01", "2026-02-28"],
    [2028, 2, "2028-02-01", "2028-02-29"],
    [2026, 4, "2026-04-01", "2026-04-30"],
    [2026, 12, "2026-12-01", "2026-12-31"],
  ])("month %i-%i runs from %s to %s", (year, month, from, to) => {
    expect(monthPeriod(year, month)).toEqual({ from, to });
  });

  test("a year runs from 1 January to 31 December", () => {
    expect(yearPeriod(2026)).toEqual({ from: "2026-01-01", to: "2026-12-31" });
  });

  test("a month outside 1–12 is an error", () => {
    expect(() => monthPeriod(2026, 0)).toThrow(RangeError);
    expect(() => monthPeriod(2026, 13)).toThrow(RangeError);
  });

  test.each([
    ["2026-05-15", "2026-03-31"],
    ["2026-03-20", "2026-03-20"],
  ])("seen on %s, March is described as of %s", (today, asOf) => {
    expect(periodAsOf(MARCH, today)).toBe(asOf);
  });
});
