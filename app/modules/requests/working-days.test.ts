import holidaysJson from "@content/holidays/vn-public-holidays.json";
import { describe, expect, test } from "vitest";
import { HolidaysFileSchema } from "~/modules/content/schemas";
import { shippedHolidayCalendar } from "~/modules/holidays/shipped";
import {
  type CalendarYear,
  addWorkingDays as addWorkingDaysIn,
  fixedDateDays,
  holidayCalendar,
  holidayOn as holidayOnIn,
  isWorkingDay as isWorkingDayIn,
  provisionalYears,
  workingDaysBetween as workingDaysBetweenIn,
  yearStatus,
} from "./working-days";

// Most cases read the shipped calendar (2025–2026 announced, 2027 provisional), as a fresh database holds it.
const SHIPPED = shippedHolidayCalendar();
const addWorkingDays = (from: string, count: number) => addWorkingDaysIn(SHIPPED, from, count);
const workingDaysBetween = (from: string, to: string) => workingDaysBetweenIn(SHIPPED, from, to);
const isWorkingDay = (day: string) => isWorkingDayIn(SHIPPED, day);
const holidayOn = (day: string) => holidayOnIn(SHIPPED, day);

function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = nextDay(day)) days.push(day);
  return days;
}

describe("addWorkingDays", () => {
  test.each([
    // Fri 13/02/2026 + 10: Tết takes 16–20/02, so 23–27/02 and 02–06/03.
    ["2026-02-13", 10, "2026-03-06"],
    ["2026-02-13", 1, "2026-02-23"],
    ["2026-02-14", 1, "2026-02-23"],
    ["2026-04-29", 1, "2026-05-04"],
    ["2026-04-24", 1, "2026-04-28"],
    ["2026-04-24", 2, "2026-04-29"],
    ["2025-04-25", 1, "2025-04-26"],
    ["2025-04-29", 1, "2025-05-05"],
    ["2025-12-31", 1, "2026-01-05"],
    ["2026-01-09", 1, "2026-01-10"],
    ["2026-08-28", 1, "2026-09-03"],
    ["2026-08-21", 1, "2026-08-22"],
    ["2027-02-03", 1, "2027-02-11"],
    ["2027-04-29", 1, "2027-05-04"],
    ["2026-03-07", 1, "2026-03-09"],
    ["2026-03-08", 1, "2026-03-09"],
    ["2026-03-08", 0, "2026-03-08"],
    ["2026-02-17", 0, "2026-02-17"],
  ])("%s + %i working days = %s", (from, count, expected) => {
    expect(addWorkingDays(from, count)).toBe(expected);
  });

  test("rejects a negative or fractional count and a day that does not exist", () => {
    expect(() => addWorkingDays("2026-03-02", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-03-02", 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => addWorkingDays("02/03/2026", 1)).toThrow(RangeError);
  });
});

describe("isWorkingDay and holidayOn", () => {
  test.each([
    ["2026-03-06", true, null],
    ["2026-03-07", false, null],
    ["2026-02-17", false, "Tết Nguyên đán"],
    ["2026-04-26", false, null],
    ["2026-04-27", false, "Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)"],
    ["2026-04-28", true, null],
    ["2026-04-30", false, "Ngày Chiến thắng (30/4)"],
    ["2026-05-01", false, "Ngày Quốc tế lao động"],
    ["2025-04-26", true, null],
    ["2025-04-27", false, null],
    ["2025-05-02", false, "Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/4)"],
    ["2026-01-10", true, null],
    ["2027-05-01", false, null],
    ["2027-05-03", false, "Nghỉ bù Ngày Quốc tế lao động (1/5 là thứ Bảy)"],
  ])("%s: working %s, holiday %s", (day, working, holidayVi) => {
    expect(isWorkingDay(day)).toBe(working);
    expect(holidayOn(day)?.vi ?? null).toBe(holidayVi);
  });
});

describe("years outside the calendar", () => {
  test("the shipped years are kept; 2027 is provisional, others missing", () => {
    expect([2024, 2025, 2026, 2027, 2028].map((y) => yearStatus(SHIPPED, y))).toEqual(["missing", "entered", "entered", "provisional", "missing"]);
  });

  test.each([
    ["2024-01-01", false, "New Year's Day"],
    ["2024-04-30", false, "Reunification Day (30 April)"],
    ["2024-05-01", false, "International Workers' Day"],
    ["2024-09-02", false, "National Day"],
    ["2024-09-03", true, null],
    ["2030-01-01", false, "New Year's Day"],
    // Tết 2030 and any compensatory day are unknown without the Government's announcement.
    ["2030-02-04", true, null],
    // 2/9/2028 is a Saturday: Monday 4/9 is off in lieu (Labour Code art. 111).
    ["2028-09-02", false, null],
    ["2028-09-04", false, "National Day, day off in lieu"],
    ["2028-09-05", true, null],
    // 30/4/2028 is a Sunday and 1/5 a Monday: the day in lieu of 30/4 is Tuesday 2/5.
    ["2028-05-01", false, "International Workers' Day"],
    ["2028-05-02", false, "Reunification Day (30 April), day off in lieu"],
  ])("%s falls back to weekends and fixed-date holidays: working %s, holiday %s", (day, working, holidayEn) => {
    expect(isWorkingDay(day)).toBe(working);
    expect(holidayOn(day)?.en ?? null).toBe(holidayEn);
  });

  test("counting runs through the fallback years", () => {
    expect(addWorkingDays("2024-12-31", 1)).toBe("2025-01-02");
    expect(addWorkingDays("2028-04-28", 1)).toBe("2028-05-03");
    expect(workingDaysBetween("2028-04-28", "2028-05-03")).toBe(1);
  });
});

describe("workingDaysBetween", () => {
  test.each([
    ["2026-02-13", "2026-03-06", 10],
    ["2026-02-13", "2026-02-22", 0],
    ["2026-04-24", "2026-04-28", 1],
    ["2025-04-25", "2025-04-26", 1],
    ["2026-03-06", "2026-03-06", 0],
    ["2026-03-06", "2026-03-02", 0],
  ])("%s → %s: %i", (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });

  test("undoes addWorkingDays from every day of 2025–2027", () => {
    for (const day of daysFrom("2025-01-01", "2027-12-31")) {
      for (const count of [0, 1, 2, 5, 10, 15, 22]) {
        expect(workingDaysBetween(day, addWorkingDays(day, count)), `${day} + ${count}`).toBe(count);
      }
    }
  });

  test("the week arithmetic agrees with counting day by day, inside and outside the file", () => {
    const days = daysFrom("2023-06-01", "2029-06-30");
    const working = days.map(isWorkingDay);
    const counted = [0];
    for (let i = 1; i < days.length; i++) counted.push(counted[i - 1]! + (working[i] ? 1 : 0));
    for (let from = 0; from < days.length; from += 37) {
      for (let to = from; to < days.length; to += 53) {
        expect(workingDaysBetween(days[from]!, days[to]!), `${days[from]} → ${days[to]}`).toBe(counted[to]! - counted[from]!);
      }
    }
  });

  test("a list page of 50 ten-year spans takes under 5 ms", () => {
    workingDaysBetween("2020-01-01", "2030-01-01");
    const started = performance.now();
    for (let row = 0; row < 50; row++) workingDaysBetween(`20${String(20 + (row % 10)).padStart(2, "0")}-03-15`, "2035-11-30");
    expect(performance.now() - started).toBeLessThan(5);
  });
});

describe("the holidays file", () => {
  const file = HolidaysFileSchema.parse(holidaysJson);
  const entries = file.years.flatMap((y) => [...y.days, ...y.workingSaturdays]);

  test("validates, with years in order and no date listed twice", () => {
    expect(file.years.map((y) => y.year)).toEqual([2025, 2026, 2027]);
    expect(new Set(entries.map((d) => d.date)).size).toBe(entries.length);
    for (const y of file.years) for (const d of [...y.days, ...y.workingSaturdays]) expect(d.date.slice(0, 4)).toBe(String(y.year));
  });

  test("days off are weekdays and make-up days are weekend days", () => {
    for (const d of file.years.flatMap((y) => y.days)) expect([0, 6], d.date).not.toContain(weekday(d.date));
    for (const d of file.years.flatMap((y) => y.workingSaturdays)) expect([0, 6], d.date).toContain(weekday(d.date));
  });

  test("each year has the eleven statutory days (twelve with 24 November from 2026), or their compensatory days, plus one weekday off per make-up day", () => {
    for (const y of file.years) expect(y.days.length, String(y.year)).toBe((y.year >= 2026 ? 12 : 11) + y.workingSaturdays.length);
  });

  test("Vietnam Culture Day (24 November) is a day off from 2026 (Resolution 28/2026/QH16), in the file and in the fixed-date rules", () => {
    expect(holidayOn("2026-11-24")?.en).toBe("Vietnam Culture Day");
    expect(holidayOn("2027-11-24")?.en).toBe("Vietnam Culture Day");
    expect(fixedDateDays(2025).map((d) => d.date)).not.toContain("2025-11-24");
    expect(fixedDateDays(2028).map((d) => d.date)).toContain("2028-11-24");
    // 24/11/2029 is a Saturday: no day in lieu on Monday 26/11 (not an art. 112(1) holiday).
    expect(fixedDateDays(2029).map((d) => d.date).filter((d) => d >= "2029-11-01")).toEqual([]);
  });

  test("the schema rejects a weekend day off, a weekday make-up day, a duplicate and a gap between years", () => {
    const name = { vi: "x", en: "x" };
    const year = (n: number, days: string[], workingSaturdays: string[] = []) => ({
      year: n,
      basis: "statutory",
      note: name,
      days: days.map((date) => ({ date, name })),
      workingSaturdays: workingSaturdays.map((date) => ({ date, name })),
    });
    const parse = (years: unknown[]) => HolidaysFileSchema.safeParse({ source: name, years }).success;
    expect(parse([year(2026, ["2026-01-01"])])).toBe(true);
    expect(parse([year(2026, ["2026-04-26"])])).toBe(false);
    expect(parse([year(2026, ["2026-01-01"], ["2026-01-02"])])).toBe(false);
    expect(parse([year(2026, ["2026-01-01", "2026-01-01"])])).toBe(false);
    expect(parse([year(2026, ["2026-01-01"]), year(2028, ["2028-01-03"])])).toBe(false);
    expect(parse([year(2026, ["2027-01-01"])])).toBe(false);
  });
});

describe("a calendar passed in", () => {
  const name = { vi: "x", en: "x" };
  // 2028: Tết (Mậu Thân) falls on Wednesday 26 January; a make-up Saturday 5 February.
  const tet2028: CalendarYear = {
    year: 2028,
    status: "entered",
    days: [
      { date: "2028-01-03", kind: "holiday", name },
      ...["2028-01-24", "2028-01-25", "2028-01-26", "2028-01-27", "2028-01-28", "2028-01-31"].map((date) => ({ date, kind: "holiday" as const, name })),
      { date: "2028-02-05", kind: "working", name },
    ],
  };
  const withTet = holidayCalendar([tet2028]);
  const without = holidayCalendar([]);

  test.each([
    // from, count, without the 2028 calendar, with it
    ["2028-01-21", 1, "2028-01-24", "2028-02-01"],
    ["2028-01-21", 10, "2028-02-04", "2028-02-11"],
    ["2028-02-04", 1, "2028-02-07", "2028-02-05"],
    ["2027-12-31", 1, "2028-01-04", "2028-01-04"],
    ["2028-03-01", 5, "2028-03-08", "2028-03-08"],
  ])("%s + %i working days: %s without the 2028 calendar, %s with it", (from, count, plain, tet) => {
    expect(addWorkingDaysIn(without, from, count)).toBe(plain);
    expect(addWorkingDaysIn(withTet, from, count)).toBe(tet);
    expect(workingDaysBetweenIn(withTet, from, tet)).toBe(count);
  });

  test.each([
    ["2028-01-26", true, false],
    ["2028-02-05", false, true],
    ["2028-02-06", false, false],
    ["2028-01-03", false, false],
  ])("%s: working %s without, %s with", (day, plain, tet) => {
    expect(isWorkingDayIn(without, day)).toBe(plain);
    expect(isWorkingDayIn(withTet, day)).toBe(tet);
  });

  test("a kept year lists its days in full: the fixed-date rules do not add to it", () => {
    const bare = holidayCalendar([{ year: 2029, status: "provisional", days: [] }]);
    expect(isWorkingDayIn(bare, "2029-01-01")).toBe(true);
    expect(isWorkingDayIn(holidayCalendar([]), "2029-01-01")).toBe(false);
  });

  test.each<[string, string, number[]]>([
    ["2026-03-02", "2026-03-16", []],
    ["2026-12-20", "2027-01-05", [2027]],
    ["2027-12-20", "2028-01-05", [2027, 2028]],
    ["2028-03-01", "2028-03-15", [2028]],
  ])("provisional years from %s to %s, shipped calendar: %j", (from, to, years) => {
    expect(provisionalYears(SHIPPED, from, to)).toEqual(years);
  });

  test("an entered year is not provisional; a provisional one is", () => {
    expect(provisionalYears(withTet, "2028-01-01", "2028-12-31")).toEqual([]);
    expect(provisionalYears(holidayCalendar([{ ...tet2028, status: "provisional" }]), "2028-01-01", "2028-02-01")).toEqual([2028]);
  });

  test("the fixed-date rules move a holiday on a weekend to the next free weekday", () => {
    expect(fixedDateDays(2028).map((d) => d.date)).toEqual(["2028-01-03", "2028-05-01", "2028-05-02", "2028-09-04", "2028-11-24"]);
    expect(fixedDateDays(2026).map((d) => d.date)).toEqual(["2026-01-01", "2026-04-30", "2026-05-01", "2026-09-02", "2026-11-24"]);
  });
});
