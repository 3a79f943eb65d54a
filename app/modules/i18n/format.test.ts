import { describe, expect, test } from "vitest";
import { formatDate, formatDateTime, formatNumber, vietnamDay } from "./format";

describe("vietnamDay", () => {
  test.each([
    { instant: "2026-03-11T16:59:59Z", day: "2026-03-11", why: "23:59 in Vietnam" },
    { instant: "2026-03-11T17:00:00Z", day: "2026-03-12", why: "midnight in Vietnam is 17:00 UTC" },
    { instant: "2024-02-28T17:30:00Z", day: "2024-02-29", why: "leap day" },
    { instant: "2026-12-31T18:00:00Z", day: "2027-01-01", why: "new year arrives first in Vietnam" },
  ])("$instant is $day ($why)", ({ instant, day }) => {
    expect(vietnamDay(new Date(instant))).toBe(day);
  });
});

describe("formatDate", () => {
  test("calendar days are shown dd/MM/yyyy without shifting", () => {
    expect(formatDate("2027-03-12")).toBe("12/03/2027");
  });
  test("instants are shown as the Vietnamese day", () => {
    expect(formatDate("2026-03-11T17:00:00.000Z")).toBe("12/03/2026");
  });
  test("empty values give an empty string", () => {
    expect(formatDate(null)).toBe("");
  });
  test("date and time in Vietnam", () => {
    expect(formatDateTime("2026-03-11T17:05:00.000Z")).toBe("12/03/2026 00:05");
  });
});

test("numbers use each language's separators", () => {
  expect(formatNumber(30000.5, "vi")).toBe("30.000,5");
  expect(formatNumber(30000.5, "en")).toBe("30,000.5");
});

test("a negative zero is written as zero, and does not change how zeros are written after it", () => {
  expect(formatNumber(-0, "vi")).toBe("0");
  expect(formatNumber(0, "vi")).toBe("0");
  expect(formatNumber(-0, "en")).toBe("0");
});
