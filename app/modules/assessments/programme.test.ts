import { describe, expect, test } from "vitest";
import { addDays, endOfMonthsFrom, monthsToClose, programmePeriod, reviewSchedule, taskTargetDate } from "./programme";

describe("addDays", () => {
  test.each([
    ["2026-03-15", 1, "2026-03-16"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2024-03-01", -1, "2024-02-29"],
    ["2000-03-01", -1, "2000-02-29"],
    ["1900-03-01", -1, "1900-02-28"],
  ])("%s %+d → %s", (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });
  test("refuses what is not a calendar day", () => {
    expect(() => addDays("15/03/2026", 1)).toThrow();
  });
});

describe("endOfMonthsFrom", () => {
  test.each([
    // an ordinary day: the day before the same date
    ["2026-03-15", 12, "2027-03-14"],
    ["2026-03-15", 3, "2026-06-14"],
    ["2026-01-01", 12, "2026-12-31"],
    ["2026-01-01", 3, "2026-03-31"],
    ["2026-10-20", 3, "2027-01-19"],
    // month ends: no such date in the target month → its last day
    ["2026-01-31", 1, "2026-02-28"],
    ["2026-03-31", 1, "2026-04-30"],
    ["2026-08-31", 3, "2026-11-30"],
    ["2026-05-31", 6, "2026-11-30"],
    ["2026-01-30", 1, "2026-02-28"],
    ["2026-01-29", 1, "2026-02-28"],
    ["2026-01-31", 3, "2026-04-30"],
    ["2026-01-31", 12, "2027-01-30"],
    // leap years
    ["2027-11-30", 3, "2028-02-29"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2028-01-30", 1, "2028-02-29"],
    ["2028-01-29", 1, "2028-02-28"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-02-29", 48, "2028-02-28"],
    ["2023-02-28", 12, "2024-02-27"],
    ["2024-02-28", 12, "2025-02-27"],
    ["2099-11-30", 3, "2100-02-28"],
    // across a year end
    ["2026-12-31", 2, "2027-02-28"],
    ["2026-11-15", 3, "2027-02-14"],
  ])("%s + %i months ends on %s", (start, months, expected) => {
    expect(endOfMonthsFrom(start, months)).toBe(expected);
  });
});

describe("programmePeriod", () => {
  test.each([
    { started: "2026-03-15", submitted: null, start: "2026-03-15", end: "2027-03-14" },
    { started: "2026-03-15", submitted: "2026-04-02", start: "2026-04-02", end: "2027-04-01" },
    { started: "2024-01-10", submitted: "2024-02-29", start: "2024-02-29", end: "2025-02-28" },
    { started: "2026-12-31", submitted: null, start: "2026-12-31", end: "2027-12-30" },
  ])("started $started, submitted $submitted → $start to $end", ({ started, submitted, start, end }) => {
    expect(programmePeriod(started, submitted)).toEqual({ start, end });
  });
});

describe("reviewSchedule", () => {
  test("three quarterly checks and a yearly review on the last day of the period", () => {
    expect(reviewSchedule("2026-03-15")).toEqual([
      { kind: "quarterly", months: 3, due: "2026-06-14" },
      { kind: "quarterly", months: 6, due: "2026-09-14" },
      { kind: "quarterly", months: 9, due: "2026-12-14" },
      { kind: "yearly", months: 12, due: "2027-03-14" },
    ]);
  });
  test.each([
    ["2026-11-30", ["2027-02-28", "2027-05-29", "2027-08-29", "2027-11-29"]],
    ["2027-11-30", ["2028-02-29", "2028-05-29", "2028-08-29", "2028-11-29"]],
    ["2026-05-31", ["2026-08-30", "2026-11-30", "2027-02-28", "2027-05-30"]],
    ["2024-02-29", ["2024-05-28", "2024-08-28", "2024-11-28", "2025-02-28"]],
  ])("from %s", (start, dues) => {
    const schedule = reviewSchedule(start);
    expect(schedule.map((r) => r.due)).toEqual(dues);
    expect(schedule.at(-1)?.due).toBe(programmePeriod(start, null).end);
  });
});

describe("task target dates", () => {
  test.each([
    [3, 3],
    [4.5, 3],
    [2.99, 6],
    [2, 6],
    [1.5, 6],
    [1.49, 12],
    [1, 12],
    [0.5, 12],
  ])("priority %d → %i months", (priority, months) => {
    expect(monthsToClose(priority)).toBe(months);
  });
  test.each([
    ["2026-03-15", 3, "2026-06-14"],
    ["2026-03-15", 2, "2026-09-14"],
    ["2026-03-15", 1, "2027-03-14"],
    ["2026-11-30", 3, "2027-02-28"],
    ["2027-11-30", 3, "2028-02-29"],
    ["2026-08-31", 1.5, "2027-02-28"],
  ])("from %s, priority %d → %s", (start, priority, due) => {
    expect(taskTargetDate(start, priority)).toBe(due);
  });
  test("every deadline falls on a review date inside the period", () => {
    for (const start of ["2026-01-31", "2024-02-29", "2026-07-15"]) {
      const dues = reviewSchedule(start).map((r) => r.due);
      for (const priority of [3, 2, 1]) expect(dues).toContain(taskTargetDate(start, priority));
    }
  });
});
