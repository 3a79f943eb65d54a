import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { formErrorMap } from "~/utils/forms";
import { ActivitySchema, PLAN_START, participantNames } from "./schemas";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  // 10:00 on 15 June 2026 in Vietnam.
  vi.setSystemTime(new Date("2026-06-15T10:00:00+07:00"));
});
afterEach(() => {
  vi.useRealTimers();
});

const training = { kind: "training", heldOn: "2026-04-09", title: "Tập huấn Chương trình 510", organiser: "Sở KH&CN", quantity: "40", participants: "", notes: "" };

/** The first error key per field, as parseForm reports them. */
function errorsOf(input: Record<string, string>) {
  const result = ActivitySchema.safeParse(input, { errorMap: formErrorMap });
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

describe("ActivitySchema", () => {
  test("a training course keeps its attendees and its participants, one a line", () => {
    const parsed = ActivitySchema.parse({ ...training, participants: " Nguyễn Văn A \n\n Trần Thị B\r\n" });
    expect(parsed).toEqual({ ...training, quantity: 40, participants: "Nguyễn Văn A\nTrần Thị B" });
  });

  test.each([
    ["", "activities:errors.quantity.training"],
    ["0", "activities:errors.quantityRange.training"],
    ["12.5", "activities:errors.quantityRange.training"],
    ["-3", "activities:errors.quantityRange.training"],
    ["5001", "activities:errors.quantityRange.training"],
    ["bốn mươi", "activities:errors.quantityRange.training"],
  ])("attendees %j are refused with %s", (quantity, key) => {
    expect(errorsOf({ ...training, quantity })).toEqual({ quantity: key });
  });

  test("a training without the quantity field at all still asks for attendees", () => {
    const { quantity: _quantity, ...rest } = training;
    expect(errorsOf(rest)).toEqual({ quantity: "activities:errors.quantity.training" });
  });

  test("a list naming more people than attended is refused", () => {
    expect(errorsOf({ ...training, quantity: "1", participants: "A\nB" })).toEqual({ participants: "activities:errors.participantsMore" });
  });

  test("standards ask for their number", () => {
    expect(errorsOf({ ...training, kind: "standard", quantity: "" })).toEqual({ quantity: "activities:errors.quantity.standard" });
    expect(ActivitySchema.parse({ ...training, kind: "standard", quantity: "3" }).quantity).toBe(3);
  });

  test.each(["laboratory", "serviceOrganisation"])("a %s is always one, and keeps no participants", (kind) => {
    expect(ActivitySchema.parse({ ...training, kind, quantity: "7", participants: "A\nB" })).toMatchObject({ kind, quantity: 1, participants: "" });
    const { quantity: _quantity, ...withoutQuantity } = training;
    expect(ActivitySchema.parse({ ...withoutQuantity, kind }).quantity).toBe(1);
  });

  test.each([
    ["", "activities:errors.required"],
    ["31/04/2026", "activities:errors.date"],
    ["2026-02-30", "activities:errors.date"],
    ["2020-12-31", "activities:errors.beforePlan"],
    ["2026-06-16", "activities:errors.future"],
  ])("the date %j is refused with %s", (heldOn, key) => {
    expect(errorsOf({ ...training, heldOn })).toEqual({ heldOn: key });
  });

  test("a day typed by hand, day first, is read as the date picker would send it", () => {
    expect(ActivitySchema.parse({ ...training, heldOn: "09/04/2026" }).heldOn).toBe("2026-04-09");
  });

  test("the plan's first day and today in Vietnam are accepted", () => {
    expect(ActivitySchema.safeParse({ ...training, heldOn: PLAN_START }).success).toBe(true);
    // 00:30 on 16 June in Vietnam is still 15 June in UTC: the Vietnamese day counts.
    vi.setSystemTime(new Date("2026-06-16T00:30:00+07:00"));
    expect(ActivitySchema.safeParse({ ...training, heldOn: "2026-06-16" }).success).toBe(true);
  });

  test("every problem is reported at once, and an unknown kind is named", () => {
    expect(errorsOf({ kind: "party", heldOn: "", title: " ", quantity: "" })).toEqual({
      kind: "activities:errors.kind",
      heldOn: "activities:errors.required",
      title: "activities:errors.required",
    });
    expect(errorsOf({ ...training, heldOn: "", title: "", quantity: "" })).toEqual({
      heldOn: "activities:errors.required",
      title: "activities:errors.required",
      quantity: "activities:errors.quantity.training",
    });
  });

  test("the plan's start in the schema is the first day of phase 1 in the content file", () => {
    const plan = JSON.parse(readFileSync(join(process.cwd(), "content/plan/plan-155-targets.json"), "utf8")) as { phases: Array<{ id: string; from: string }> };
    expect(plan.phases.find((p) => p.id === "phase1")?.from).toBe(PLAN_START);
  });
});

test("participantNames drops blank lines and spaces", () => {
  expect(participantNames("  A \n\n\tB\r\n ")).toEqual(["A", "B"]);
});
