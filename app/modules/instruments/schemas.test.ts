import { describe, expect, test } from "vitest";
import { EventSchema, InstrumentSchema, parseDecimal } from "./schemas";

test.each([
  ["0,5", 0.5],
  ["0.5", 0.5],
  ["1.234,5", 1234.5],
  ["12 000", 12000],
  ["", null],
  ["abc", "invalid"],
])("parseDecimal(%s) = %s", (input, expected) => {
  expect(parseDecimal(input)).toBe(expected);
});

const base = {
  siteId: "3",
  typeId: "fuel-dispenser",
  tag: "CD-01",
  name: "Cột đo số 1",
  serial: "",
  manufacturer: "",
  model: "",
  rangeMin: "0,5",
  rangeMax: "60",
  unit: "L",
  accuracy: "0,5",
  purpose: "trade",
  status: "in_service",
  ownIntervalMonths: "",
  responsiblePerson: "Nguyễn Văn A",
};

describe("InstrumentSchema", () => {
  test.each([
    ["tag", "CD-01\r\nBEGIN:VEVENT"],
    ["tag", "CD\t01"],
    ["name", "Cột đo\nsố 1"],
    ["name", "Cột đo\u0000số 1"],
  ])("refuses control characters in %s (%j)", (field, value) => {
    const result = InstrumentSchema.safeParse({ ...base, [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === field)?.message).toBe("instruments:errors.controlCharacters");
  });
  test("reads decimal commas and empty optional numbers", () => {
    const parsed = InstrumentSchema.parse(base);
    expect(parsed).toMatchObject({ siteId: 3, rangeMin: 0.5, rangeMax: 60, ownIntervalMonths: null });
  });
  test("a range upside down is refused on its upper end", () => {
    const result = InstrumentSchema.safeParse({ ...base, rangeMin: "100", rangeMax: "10" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["rangeMax"], message: "instruments:errors.range" });
  });
});

describe("EventSchema", () => {
  const event = { kind: "verification", performedOn: "2026-03-12", provider: "Trung tâm (ví dụ)", certificateNo: "KĐ-1", result: "pass", notes: "", overrideDueOn: "", impactSince: "", impactMeasured: "", impactAction: "", supersedesEventId: "" };
  test("a passing verification", () => {
    expect(EventSchema.safeParse(event).success).toBe(true);
  });
  test("a failed one needs its impact review", () => {
    const result = EventSchema.safeParse({ ...event, result: "fail" });
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(["impactAction", "impactMeasured", "impactSince"]);
  });
  test("an override needs a date and a reason", () => {
    const result = EventSchema.safeParse({ ...event, kind: "override", result: "" });
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(["notes", "overrideDueOn"]);
  });
});
