import { describe, expect, test } from "vitest";
import { FIRST_REPORT_YEAR, parseReportYear, reportYears } from "./year";

describe("report years", () => {
  test("the picker offers the plan's years up to this year, newest first", () => {
    expect(FIRST_REPORT_YEAR).toBe(2021);
    expect(reportYears("2026-11-29")).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
  });

  test.each([
    { param: "2024", year: 2024 },
    { param: "2021", year: 2021 },
    { param: "2026", year: 2026 },
    { param: null, year: 2026 },
    { param: "", year: 2026 },
    { param: "2020", year: 2026 },
    { param: "2027", year: 2026 },
    { param: "2025.5", year: 2026 },
    { param: "abcd", year: 2026 },
    { param: "02024", year: 2026 },
  ])("?year=$param reports on $year", ({ param, year }) => {
    expect(parseReportYear(param, "2026-11-29")).toBe(year);
  });
});
