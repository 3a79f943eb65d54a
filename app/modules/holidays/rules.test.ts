import { describe, expect, test } from "vitest";
import { type CalendarYear, holidayCalendar } from "~/modules/requests/working-days";
import { CalendarDaySchema, calendarYearParam, calendarYearsToEnter, checkCalendarDay, normaliseDay, provisionalYearsOfRequest } from "./rules";

describe("checkCalendarDay", () => {
  const existing = new Set(["2028-01-03", "2028-01-26"]);
  test.each<[string, "holiday" | "working", string | null]>([
    ["2028-01-27", "holiday", null],
    ["2028-02-05", "working", null],
    ["2028-02-06", "working", null],
    ["2028-01-26", "holiday", "dost:holidays.errors.duplicate"],
    ["2027-12-31", "holiday", "dost:holidays.errors.otherYear"],
    ["2028-01-01", "holiday", "dost:holidays.errors.holidayOnWeekend"],
    ["2028-01-04", "working", "dost:holidays.errors.workingOnWeekday"],
  ])("%s as %s: %s", (date, kind, expected) => {
    expect(checkCalendarDay(2028, { date, kind }, existing)).toBe(expected);
  });
});

describe("the day form", () => {
  const form = (date: string, kind = "holiday") => CalendarDaySchema.safeParse({ date, kind, nameVi: "Tết Nguyên đán", nameEn: "" });
  test.each([
    ["2028-01-26", "2028-01-26"],
    ["26/01/2028", "2028-01-26"],
    ["6/1/2028", "2028-01-06"],
  ])("%s reads as %s", (typed, iso) => {
    const parsed = form(typed);
    expect(parsed.success && parsed.data.date).toBe(iso);
  });

  test.each(["2028-02-30", "30/02/2028", "2028-13-01", "tomorrow"])("%s is refused as not a real date", (typed) => {
    const parsed = form(typed);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("dost:holidays.errors.dateInvalid");
  });

  test("a kind other than holiday or working, and an empty Vietnamese name, are refused", () => {
    expect(form("2028-01-26", "weekend").success).toBe(false);
    expect(CalendarDaySchema.safeParse({ date: "2028-01-26", kind: "holiday", nameVi: " ", nameEn: "" }).success).toBe(false);
  });

  test("normaliseDay leaves anything it does not recognise alone", () => {
    expect(normaliseDay(" 2028-01-26 ")).toBe("2028-01-26");
    expect(normaliseDay("26.01.2028")).toBe("26.01.2028");
  });
});

describe("calendarYearsToEnter: this year while not entered, next year from 1 October", () => {
  const entered = (year: number): CalendarYear => ({ year, status: "entered", days: [] });
  const provisional = (year: number): CalendarYear => ({ year, status: "provisional", days: [] });
  test.each<[string, CalendarYear[], number[]]>([
    ["2027-09-30", [entered(2027)], []],
    ["2027-10-01", [entered(2027)], [2028]],
    ["2027-12-31", [entered(2027)], [2028]],
    ["2027-10-01", [entered(2027), provisional(2028)], [2028]],
    ["2027-10-01", [entered(2027), entered(2028)], []],
    ["2028-01-02", [entered(2027)], [2028]],
    ["2027-03-01", [provisional(2027)], [2027]],
    ["2027-11-15", [], [2027, 2028]],
  ])("on %s with %j: %j", (today, years, expected) => {
    expect(calendarYearsToEnter(holidayCalendar(years), today)).toEqual(expected);
  });
});

test("a request's provisional years run from its submission to its latest promised date", () => {
  const calendar = holidayCalendar([{ year: 2027, status: "entered", days: [] }]);
  expect(provisionalYearsOfRequest(calendar, { submittedOn: null, appointmentOn: null })).toEqual([]);
  expect(provisionalYearsOfRequest(calendar, { submittedOn: "2027-12-01", appointmentOn: "2027-12-15" })).toEqual([]);
  expect(provisionalYearsOfRequest(calendar, { submittedOn: "2027-12-20", appointmentOn: "2027-12-31", deadlineOn: "2028-01-04" })).toEqual([2028]);
});

test("calendarYearParam takes four digits within the kept range", () => {
  expect(calendarYearParam("2028")).toBe(2028);
  expect([calendarYearParam("1999"), calendarYearParam("2101"), calendarYearParam("28"), calendarYearParam("2028x"), calendarYearParam(undefined)]).toEqual([null, null, null, null, null]);
});
