import { describe, expect, test } from "vitest";
import { addMonths, complianceOfCounts, complianceShare, type Cycle, cycleInForce, dueState, legalDueDate, ownDueDate } from "./due-dates";

const taximeter: Cycle[] = [
  { months: 12, effectiveFrom: "2020-01-01", source: "TT 23/2013, sửa đổi bởi TT 07/2019", basis: "secondary" },
  { months: 18, effectiveFrom: "2024-10-15", source: "TT 03/2024/TT-BKHCN", basis: "confirmed" },
];

describe("addMonths", () => {
  test.each([
    ["2026-03-12", 12, "2027-03-12"],
    ["2026-01-31", 1, "2026-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-02-29", 48, "2028-02-29"],
    ["2026-08-31", 18, "2028-02-29"],
    ["2026-12-15", 1, "2027-01-15"],
    ["2026-11-30", 3, "2027-02-28"],
    ["2026-05-31", 60, "2031-05-31"],
  ])("%s + %i months = %s", (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });
});

describe("cycleInForce", () => {
  test.each([
    ["2024-10-14", 12],
    ["2024-10-15", 18],
    ["2026-01-01", 18],
    ["2020-01-01", 12],
  ])("a taximeter verified on %s has a %i-month cycle", (day, months) => {
    expect(cycleInForce(taximeter, day)?.months).toBe(months);
  });
  test("no cycle before the first rule took effect, and none for an empty table", () => {
    expect(cycleInForce(taximeter, "2019-12-31")).toBeNull();
    expect(cycleInForce([], "2026-01-01")).toBeNull();
  });
});

describe("due dates", () => {
  test("legal: verified day plus the cycle in force that day, with the rule that made it", () => {
    expect(legalDueDate("2024-10-14", taximeter)).toEqual({
      dueOn: "2025-10-14",
      rule: { kind: "legal", from: "2024-10-14", months: 12, source: "TT 23/2013, sửa đổi bởi TT 07/2019" },
    });
    expect(legalDueDate("2024-10-15", taximeter)?.dueOn).toBe("2026-04-15");
  });
  test("own interval", () => {
    expect(ownDueDate("2026-02-28", 6)).toEqual({ dueOn: "2026-08-28", rule: { kind: "own", from: "2026-02-28", months: 6 } });
  });
});

describe("dueState", () => {
  test.each([
    [null, "unknown"],
    ["2026-11-28", "overdue"],
    ["2026-11-29", "due30"],
    ["2026-12-29", "due30"],
    ["2026-12-30", "due60"],
    ["2027-01-28", "due60"],
    ["2027-02-27", "due90"],
    ["2027-02-28", "inDate"],
  ])("due %s on 29/11/2026 is %s", (dueOn, state) => {
    expect(dueState(dueOn, "2026-11-29")).toBe(state);
  });
});

test("compliance counts unknown and overdue as not compliant", () => {
  expect(complianceShare(["inDate", "due30", "overdue", "unknown"])).toBe(50);
  expect(complianceShare(["inDate", "due60", "due90"])).toBe(100);
  expect(complianceShare([])).toBeNull();
  expect(complianceShare(["unknown", "unknown", "inDate"])).toBe(33.3);
});

test("compliance from counts agrees with compliance from states", () => {
  expect(complianceOfCounts({ inService: 4, unknown: 1, overdue: 1 })).toBe(complianceShare(["inDate", "due30", "overdue", "unknown"]));
  expect(complianceOfCounts({ inService: 0, unknown: 0, overdue: 0 })).toBeNull();
});
