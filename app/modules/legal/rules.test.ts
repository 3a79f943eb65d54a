import { describe, expect, test } from "vitest";
import { type InstrumentPurpose } from "@db/schema";
import { legalDueDate } from "~/modules/instruments/due-dates";
import { computeSchedule } from "~/modules/instruments/schedule";
import { buildCatalogue } from "./catalogue";
import {
  type ControlRowInput,
  type LegalControl,
  LIST_START,
  NO_CONTROLS,
  PURPOSES,
  controlInForce,
  cycleInForce,
  legalStatus,
  scheduleLegalInput,
  validateControlRow,
} from "./rules";

const ALL = { typeApproval: true, initialVerification: true, periodicVerification: true, afterRepairVerification: true };

let nextId = 1;
function row(effectiveFrom: string, cycleMonths: number | null, extra: Partial<LegalControl> = {}): LegalControl {
  return {
    id: nextId++,
    typeId: "taximeter",
    effectiveFrom,
    listed: true,
    controls: cycleMonths === null ? { ...ALL, periodicVerification: false } : ALL,
    cycleMonths,
    document: "Thông tư 23/2013/TT-BKHCN",
    article: "Điều 4",
    item: "mục 52",
    basis: "confirmed",
    note: "",
    createdAt: "2026-01-01T00:00:00Z",
    createdBy: null,
    retractedAt: null,
    retractedBy: null,
    retractReason: null,
    ...extra,
  };
}

describe("legalStatus: group 2 needs a listed type and a purpose the law controls (Law on Metrology Art. 16)", () => {
  const listed = row("2020-01-01", 12, { item: "43" });
  const cases: Array<[InstrumentPurpose, 1 | 2]> = [
    ["trade", 2],
    ["safety", 2],
    ["health", 2],
    ["environment", 2],
    ["official", 2],
    ["process", 1],
    ["quality", 1],
  ];
  test("every purpose is in the table", () => {
    expect(cases.map(([p]) => p).sort()).toEqual([...PURPOSES].sort());
  });
  test.each(cases)("a listed type used for %s is group %i, and says why", (purpose, group) => {
    const status = legalStatus(listed, purpose);
    expect(status.group).toBe(group);
    expect(status.reason).toEqual({ key: group === 2 ? "group2" : "listedOtherPurpose", item: "43", purpose });
  });
  test.each(PURPOSES)("a type not on the list is group 1 whatever the purpose (%s)", (purpose) => {
    expect(legalStatus(null, purpose)).toEqual({ group: 1, reason: { key: "notListed" } });
  });
  test("a type taken off the list is group 1 from that day, and says since when", () => {
    expect(legalStatus(row("2025-01-01", null, { listed: false, controls: NO_CONTROLS }), "trade")).toEqual({ group: 1, reason: { key: "removed", since: "2025-01-01" } });
  });
  test("the item falls back to the type's list item when the row names none", () => {
    expect(legalStatus(row("2020-01-01", 12, { item: "" }), "trade", "52").reason).toEqual({ key: "group2", item: "52", purpose: "trade" });
    expect(legalStatus(row("2020-01-01", 12, { item: "" }), "trade").reason).toEqual({ key: "group2", item: null, purpose: "trade" });
  });
});

describe("cycleInForce: the cycle in force on the verification day, retracted rows left out", () => {
  const rows = [
    row(LIST_START, 12),
    row("2020-01-01", 18),
    row("2024-10-15", 24, { retractedAt: "2026-02-01T00:00:00Z", retractedBy: 1, retractReason: "nhập nhầm" }),
    row("2024-10-15", 36),
  ];
  test.each([
    ["2013-11-14", null],
    ["2013-11-15", 12],
    ["2016-06-30", 12],
    ["2019-12-31", 12],
    ["2020-01-01", 18],
    ["2024-10-14", 18],
    ["2024-10-15", 36],
    ["2030-01-01", 36],
  ] as const)("verified on %s: %s months", (day, months) => {
    expect(cycleInForce(rows, day)).toBe(months);
  });
  test("rows in any order, a retracted row never applies", () => {
    const shuffled = [rows[3]!, rows[0]!, rows[2]!, rows[1]!];
    expect(controlInForce(shuffled, "2025-01-01")?.cycleMonths).toBe(36);
    expect(controlInForce([rows[2]!], "2025-01-01")).toBeNull();
  });
  test("a row off the list, or with no periodic verification, gives no cycle", () => {
    expect(cycleInForce([row(LIST_START, 12), row("2022-01-01", null, { listed: false, controls: NO_CONTROLS })], "2023-01-01")).toBeNull();
    expect(cycleInForce([row(LIST_START, null)], "2023-01-01")).toBeNull();
  });
  test("an old verification is judged by the cycle then in force: 2016 + 12 months, 2021 + 18 months", () => {
    const input = scheduleLegalInput(rows, "trade", "2026-06-01");
    expect(legalDueDate("2016-03-10", input.cycles)?.dueOn).toBe("2017-03-10");
    expect(legalDueDate("2021-03-10", input.cycles)?.dueOn).toBe("2022-09-10");
    expect(legalDueDate("2013-01-10", input.cycles)).toBeNull();
  });
});

describe("scheduleLegalInput and the schedule: purpose decides whether the legal cycle applies", () => {
  const rows = [row(LIST_START, 12), row("2020-01-01", 60)];
  const events = [
    { id: 1, kind: "verification" as const, performedOn: "2024-03-01", result: "pass" as const, overrideDueOn: null, notes: "", supersedesEventId: null, provider: "TĐC", certificateNo: "1" },
  ];
  test("a water meter used for trade follows the legal cycle", () => {
    const schedule = computeSchedule({ ...scheduleLegalInput(rows, "trade", "2026-01-01"), ownIntervalMonths: 12, events });
    expect(schedule.legal?.dueOn).toBe("2029-03-01");
    expect(schedule.next?.rule.kind).toBe("legal");
  });
  test("the same meter watching a process follows the business's own interval only", () => {
    const schedule = computeSchedule({ ...scheduleLegalInput(rows, "process", "2026-01-01"), ownIntervalMonths: 12, events });
    expect(schedule.legal).toBeNull();
    expect(schedule.next).toEqual({ dueOn: "2025-03-01", rule: { kind: "own", from: "2024-03-01", months: 12 } });
  });
  test("the catalogue gives the same answer per type and purpose, and the type's group for today", () => {
    const catalogue = buildCatalogue(
      [{ id: "taximeter", name: { vi: "Taximét", en: "Taximeter" }, quantity: { vi: "", en: "" }, unit: "", sectors: [], recommendedCalibrationMonths: null, listItem: "52", retiredAt: null }],
      rows,
      "2026-01-01",
    );
    expect(catalogue.type("taximeter")?.group).toBe(2);
    expect(catalogue.status("taximeter", "official").group).toBe(2);
    expect(catalogue.status("taximeter", "quality").group).toBe(1);
    expect(catalogue.legalInput("taximeter", "quality")).toEqual({ group: 1, cycles: [] });
    expect(catalogue.status("unknown-type", "trade")).toEqual({ group: 1, reason: { key: "notListed" }, row: null });
  });
});

describe("validateControlRow: bad input is refused with a reason", () => {
  const good: ControlRowInput = {
    effectiveFrom: "2027-01-01",
    listed: true,
    controls: ALL,
    cycleMonths: 36,
    document: "Thông tư 03/2024/TT-BKHCN",
    article: "",
    item: "",
    basis: "confirmed",
    note: "",
  };
  const existing = [row(LIST_START, 12), row("2020-01-01", 18), row("2024-10-15", 24, { retractedAt: "2026-01-01T00:00:00Z" })];
  test("a good row passes", () => {
    expect(validateControlRow(good, existing)).toEqual({});
  });
  test.each([
    ["a cycle of 0 months", { cycleMonths: 0 }, { cycleMonths: "catalogue:errors.cycleRange" }],
    ["a cycle of 1,000 months", { cycleMonths: 1000 }, { cycleMonths: "catalogue:errors.cycleRange" }],
    ["a cycle of 121 months", { cycleMonths: 121 }, { cycleMonths: "catalogue:errors.cycleRange" }],
    ["a date before the first list", { effectiveFrom: "2013-11-14" }, { effectiveFrom: "catalogue:errors.beforeList" }],
    ["a date that does not exist", { effectiveFrom: "2027-02-30" }, { effectiveFrom: "catalogue:errors.date" }],
    ["a second row on the same day", { effectiveFrom: "2020-01-01" }, { effectiveFrom: "catalogue:errors.sameDay" }],
    ["no document", { document: "  " }, { document: "catalogue:errors.document" }],
    ["periodic verification without a cycle", { cycleMonths: null }, { cycleMonths: "catalogue:errors.cycleRequired" }],
    ["a cycle without periodic verification", { controls: { ...ALL, periodicVerification: false } }, { cycleMonths: "catalogue:errors.cycleWithoutPeriodic" }],
    ["a row off the list with a cycle", { listed: false, controls: NO_CONTROLS }, { cycleMonths: "catalogue:errors.unlistedHasControls" }],
    ["a listed row with no control at all", { controls: NO_CONTROLS, cycleMonths: null }, { controls: "catalogue:errors.controls" }],
  ] as const)("%s", (_name, change, errors) => {
    expect(validateControlRow({ ...good, ...change } as ControlRowInput, existing)).toEqual(errors);
  });
  test("the day of a retracted row may be used again", () => {
    expect(validateControlRow({ ...good, effectiveFrom: "2024-10-15" }, existing)).toEqual({});
  });
  test("a row taking the type off the list needs no cycle or controls", () => {
    expect(validateControlRow({ ...good, listed: false, controls: NO_CONTROLS, cycleMonths: null }, existing)).toEqual({});
  });
});
