import { describe, expect, test } from "vitest";
import { type Cycle } from "./due-dates";
import { computeSchedule, type ScheduleEvent } from "./schedule";

const dispenser: Cycle[] = [{ months: 12, effectiveFrom: "2020-01-01", source: "TT 23/2013, sửa đổi bởi TT 07/2019", basis: "confirmed" }];
let nextId = 1;
const event = (e: Partial<ScheduleEvent> & Pick<ScheduleEvent, "kind" | "performedOn">): ScheduleEvent => ({
  id: nextId++,
  result: "pass",
  overrideDueOn: null,
  notes: "",
  supersedesEventId: null,
  provider: "Trung tâm Kỹ thuật (ví dụ)",
  certificateNo: "KĐ-001",
  ...e,
});

describe("computeSchedule", () => {
  test("group 2: the legal date counts from the passing verification", () => {
    const s = computeSchedule({ group: 2, cycles: dispenser, ownIntervalMonths: null, events: [event({ kind: "verification", performedOn: "2026-03-12" })] });
    expect(s.legal?.dueOn).toBe("2027-03-12");
    expect(s.next?.rule).toMatchObject({ kind: "legal", months: 12 });
    expect(s.failed).toBe(false);
  });

  test("no event on record: no date (unknown), never fine", () => {
    expect(computeSchedule({ group: 2, cycles: dispenser, ownIntervalMonths: 6, events: [] }).next).toBeNull();
  });

  test("a failed verification moves nothing and marks the instrument failed until a pass", () => {
    const pass = event({ kind: "verification", performedOn: "2025-03-01" });
    const fail = event({ kind: "verification", performedOn: "2026-03-01", result: "fail" });
    const failed = computeSchedule({ group: 2, cycles: dispenser, ownIntervalMonths: null, events: [pass, fail] });
    expect(failed.legal?.dueOn).toBe("2026-03-01");
    expect(failed.failed).toBe(true);
    const repaired = computeSchedule({ group: 2, cycles: dispenser, ownIntervalMonths: null, events: [pass, fail, event({ kind: "verification", performedOn: "2026-03-20", result: "adjusted" })] });
    expect(repaired.failed).toBe(false);
    expect(repaired.legal?.dueOn).toBe("2027-03-20");
  });

  test("a correction replaces the event it supersedes", () => {
    const wrong = event({ kind: "verification", performedOn: "2026-03-21" });
    const fixed = event({ kind: "verification", performedOn: "2026-03-12", supersedesEventId: wrong.id });
    expect(computeSchedule({ group: 2, cycles: dispenser, ownIntervalMonths: null, events: [wrong, fixed] }).legal?.dueOn).toBe("2027-03-12");
  });

  test("the business's own calibration interval runs beside the legal one; the earlier date is next", () => {
    const s = computeSchedule({
      group: 2,
      cycles: dispenser,
      ownIntervalMonths: 6,
      events: [event({ kind: "verification", performedOn: "2026-01-10" }), event({ kind: "calibration", performedOn: "2026-02-01" })],
    });
    expect(s.own?.dueOn).toBe("2026-08-01");
    expect(s.next?.dueOn).toBe("2026-08-01");
  });

  test("group 1: calibration on the business's own interval", () => {
    const s = computeSchedule({ group: 1, cycles: [], ownIntervalMonths: 12, events: [event({ kind: "calibration", performedOn: "2026-05-31" })] });
    expect(s.legal).toBeNull();
    expect(s.next?.dueOn).toBe("2027-05-31");
  });

  test("an override may bring the legal date forward but never push it back", () => {
    const verified = event({ kind: "verification", performedOn: "2026-03-12" });
    const earlier = event({ kind: "override", performedOn: "2026-04-01", result: null, overrideDueOn: "2026-12-01", notes: "Sửa chữa lớn dự kiến" });
    expect(computeSchedule({ group: 2, cycles: dispenser, ownIntervalMonths: null, events: [verified, earlier] }).next).toMatchObject({
      dueOn: "2026-12-01",
      rule: { kind: "override", reason: "Sửa chữa lớn dự kiến" },
    });
    const later = event({ kind: "override", performedOn: "2026-04-01", result: null, overrideDueOn: "2027-09-01", notes: "Xin lùi" });
    expect(computeSchedule({ group: 2, cycles: dispenser, ownIntervalMonths: null, events: [verified, later] }).next?.dueOn).toBe("2027-03-12");
  });

  test("a passing event after an override starts the schedule afresh", () => {
    const s = computeSchedule({
      group: 1,
      cycles: [],
      ownIntervalMonths: 12,
      events: [
        event({ kind: "calibration", performedOn: "2025-01-01" }),
        event({ kind: "override", performedOn: "2025-02-01", result: null, overrideDueOn: "2025-06-01", notes: "Nghi ngờ lệch" }),
        event({ kind: "calibration", performedOn: "2025-05-15" }),
      ],
    });
    expect(s.next?.dueOn).toBe("2026-05-15");
  });
});
