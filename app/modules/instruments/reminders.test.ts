import { describe, expect, test } from "vitest";
import { digestSections, publicStanding, reminderKindFor, remindersDueToday } from "./reminders";

describe("reminderKindFor", () => {
  test.each([
    ["2026-05-01", "2026-06-15", null], // 45 days away
    ["2026-05-01", "2026-05-31", "due30"], // exactly 30 days
    ["2026-05-01", "2026-05-09", "due30"], // 8 days
    ["2026-05-01", "2026-05-08", "due7"], // exactly 7 days
    ["2026-05-01", "2026-05-01", "due7"], // due today: still in date
    ["2026-05-01", "2026-04-30", "overdue"], // yesterday
    ["2024-03-01", "2024-02-29", "overdue"], // leap day
    ["2026-01-01", "2025-12-31", "overdue"], // across the year
    ["2026-12-25", "2027-01-24", "due30"], // 30 days across the year
  ] as const)("today %s, due %s → %s", (today, dueOn, expected) => {
    expect(reminderKindFor(dueOn, today)).toBe(expected);
  });
});

describe("remindersDueToday", () => {
  const today = "2026-05-01";
  const candidates = [
    { instrumentId: 1, dueOn: "2026-05-20", tag: "A" }, // due30
    { instrumentId: 2, dueOn: "2026-05-05", tag: "B" }, // due7
    { instrumentId: 3, dueOn: "2026-04-01", tag: "C" }, // overdue
    { instrumentId: 4, dueOn: "2026-09-01", tag: "D" }, // nothing yet
  ];

  test("the current window of each instrument, nothing for dates further than 30 days", () => {
    expect(remindersDueToday(candidates, [], today).map((r) => [r.instrumentId, r.kind])).toEqual([
      [1, "due30"],
      [2, "due7"],
      [3, "overdue"],
    ]);
  });

  test("a reminder already sent for the same due date is not sent again", () => {
    const sent = [
      { instrumentId: 1, kind: "due30" as const, dueOn: "2026-05-20" },
      { instrumentId: 2, kind: "due7" as const, dueOn: "2026-05-05" },
      { instrumentId: 3, kind: "overdue" as const, dueOn: "2026-04-01" },
    ];
    expect(remindersDueToday(candidates, sent, today)).toEqual([]);
  });

  test("the next window of the same date is a new reminder: 30 days, then 7 days, then overdue", () => {
    const one = [{ instrumentId: 1, dueOn: "2026-05-20" }];
    const sent = [{ instrumentId: 1, kind: "due30" as const, dueOn: "2026-05-20" }];
    expect(remindersDueToday(one, sent, "2026-05-12")).toEqual([]); // 8 days: still the 30-day window, already sent
    expect(remindersDueToday(one, sent, "2026-05-13").map((r) => r.kind)).toEqual(["due7"]);
    expect(remindersDueToday(one, [...sent, { instrumentId: 1, kind: "due7", dueOn: "2026-05-20" }], "2026-05-21").map((r) => r.kind)).toEqual(["overdue"]);
  });

  test("a new due date (a verification was recorded) is reminded again", () => {
    const sent = [{ instrumentId: 3, kind: "overdue" as const, dueOn: "2026-04-01" }];
    expect(remindersDueToday([{ instrumentId: 3, dueOn: "2026-05-25" }], sent, today).map((r) => r.kind)).toEqual(["due30"]);
    // The same kind for another date is another reminder too.
    expect(remindersDueToday([{ instrumentId: 3, dueOn: "2026-04-15" }], sent, today).map((r) => r.kind)).toEqual(["overdue"]);
  });

  test("another instrument's reminder does not count", () => {
    const sent = [{ instrumentId: 9, kind: "due7" as const, dueOn: "2026-05-05" }];
    expect(remindersDueToday([{ instrumentId: 2, dueOn: "2026-05-05" }], sent, today)).toHaveLength(1);
  });
});

describe("digestSections", () => {
  test("overdue first, then 7 days, then 30 days; earliest date first; empty sections left out", () => {
    const sections = digestSections([
      { kind: "due30", dueOn: "2026-05-20", tag: "Z" },
      { kind: "overdue", dueOn: "2026-04-10", tag: "B" },
      { kind: "overdue", dueOn: "2026-03-01", tag: "C" },
      { kind: "due30", dueOn: "2026-05-20", tag: "A" },
    ]);
    expect(sections.map((s) => [s.kind, s.items.map((i) => i.tag)])).toEqual([
      ["overdue", ["C", "B"]],
      ["due30", ["A", "Z"]],
    ]);
  });
});

describe("publicStanding", () => {
  const today = "2026-05-01";
  const base = { group: 2 as const, status: "in_service" as const, legalDueOn: "2026-05-01", nextDueOn: "2026-03-01" };

  test("group 2 answers with the legal date, valid through the due day itself", () => {
    expect(publicStanding(base, today)).toEqual({ kind: "valid", until: "2026-05-01", legal: true });
    expect(publicStanding(base, "2026-05-02")).toEqual({ kind: "overdue", dueOn: "2026-05-01", legal: true });
  });

  test("group 2 with no verification on record is unknown, even with an own calibration date", () => {
    expect(publicStanding({ ...base, legalDueOn: null }, today)).toEqual({ kind: "unknown", legal: true });
  });

  test("other types answer with the business's own next date", () => {
    expect(publicStanding({ ...base, group: 1 }, today)).toEqual({ kind: "overdue", dueOn: "2026-03-01", legal: false });
    expect(publicStanding({ ...base, group: 1, nextDueOn: null }, today)).toEqual({ kind: "unknown", legal: false });
  });

  test("quarantined and out-of-use instruments say so whatever the dates", () => {
    expect(publicStanding({ ...base, status: "quarantined" }, today)).toEqual({ kind: "quarantined" });
    expect(publicStanding({ ...base, status: "retired" }, today)).toEqual({ kind: "outOfService" });
    expect(publicStanding({ ...base, status: "out_of_service" }, today)).toEqual({ kind: "outOfService" });
  });
});
