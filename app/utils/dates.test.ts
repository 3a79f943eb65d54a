import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { DUE_DATE, PAST_EVENT, UPCOMING, VALIDITY, addYears, checkDay, isoDate, parseDay } from "./dates";

describe("parseDay", () => {
  test.each([
    ["2026-03-12", "2026-03-12"],
    [" 2026-03-12 ", "2026-03-12"],
    ["12/03/2026", "2026-03-12"],
    ["2/3/2026", "2026-03-02"],
    ["12-03-2026", "2026-03-12"],
    ["12.03.2026", "2026-03-12"],
    ["03/04/2026", "2026-04-03"], // day first, always
    ["29/02/2028", "2028-02-29"],
    ["2000-02-29", "2000-02-29"],
    ["31/11/2026", null],
    ["2026-11-31", null],
    ["2026-02-29", null],
    ["1900-02-29", null],
    ["9999-99-99", null],
    ["0000-00-00", null],
    ["0000-01-01", null],
    ["2026-13-01", null],
    ["2026-1-5", null],
    ["12/03/26", null],
    ["2026-03-12T00:00", null],
    ["", null],
    ["hôm nay", null],
  ])("%j → %j", (text, expected) => {
    expect(parseDay(text)).toBe(expected);
  });
});

test.each([
  ["2026-03-12", 10, "2036-03-12"],
  ["2028-02-29", 1, "2029-02-28"],
  ["2028-02-29", 4, "2032-02-29"],
])("addYears(%s, %i) is %s", (day, years, expected) => {
  expect(addYears(day, years)).toBe(expected);
});

describe("the portal's ranges, on 4 December 2026 in Vietnam", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-04T09:00:00+07:00"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test.each([
    ["a check today", "2026-12-04", PAST_EVENT, { ok: true, day: "2026-12-04" }],
    ["a check typed by hand", "01/12/2026", PAST_EVENT, { ok: true, day: "2026-12-01" }],
    ["a check tomorrow", "2026-12-05", PAST_EVENT, { ok: false, message: "common:dates.eventRange" }],
    ["a check in 1989", "1989-12-31", PAST_EVENT, { ok: false, message: "common:dates.eventRange" }],
    ["wrong since year 0001", "0001-01-01", PAST_EVENT, { ok: false, message: "common:dates.eventRange" }],
    ["a check on 31/11", "31/11/2026", PAST_EVENT, { ok: false, message: "common:dates.invalid" }],
    ["a due date in ten years", "2036-12-04", DUE_DATE, { ok: true, day: "2036-12-04" }],
    ["a due date in ten years and a day", "2036-12-05", DUE_DATE, { ok: false, message: "common:dates.dueRange" }],
    ["a due date of 9999-12-31", "9999-12-31", DUE_DATE, { ok: false, message: "common:dates.dueRange" }],
    ["a wished date today", "2026-12-04", UPCOMING, { ok: true, day: "2026-12-04" }],
    ["a wished date yesterday", "2026-12-03", UPCOMING, { ok: false, message: "common:dates.upcomingRange" }],
    ["a wished date in three years", "2029-12-04", UPCOMING, { ok: false, message: "common:dates.upcomingRange" }],
    ["a lapsed validity", "2020-01-31", VALIDITY, { ok: true, day: "2020-01-31" }],
    ["a validity in 2100", "2100-01-01", VALIDITY, { ok: false, message: "common:dates.validityRange" }],
  ] as const)("%s", (_, text, rule, expected) => {
    expect(checkDay(text, rule)).toEqual(expected);
  });
});

describe("isoDate", () => {
  test("required, optional, own messages per side", () => {
    const rule = { min: "2021-01-01", max: "2026-12-31", minMessage: "x:before", maxMessage: "x:after", invalidMessage: "x:date", requiredMessage: "x:required" };
    const required = isoDate(rule);
    const message = (result: ReturnType<typeof required.safeParse>) => (result.success ? result.data : result.error.issues[0]!.message);
    expect(message(required.safeParse("15/03/2026"))).toBe("2026-03-15");
    expect(message(required.safeParse(""))).toBe("x:required");
    expect(message(required.safeParse(undefined))).toBe("x:required");
    expect(message(required.safeParse("2020-12-31"))).toBe("x:before");
    expect(message(required.safeParse("2027-01-01"))).toBe("x:after");
    expect(message(required.safeParse("2026-02-30"))).toBe("x:date");
    const optional = isoDate({ optional: true });
    expect(optional.parse("  ")).toBe("");
    expect(optional.safeParse("0000-00-00").error?.issues[0]?.message).toBe("common:dates.invalid");
  });
});
