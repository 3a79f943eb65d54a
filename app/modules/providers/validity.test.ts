import { describe, expect, test } from "vitest";
import { covers, sameName, searchKey, validityOf } from "./validity";

describe("validityOf", () => {
  test.each([
    [null, "2026-03-02", "unstated"],
    ["2026-03-01", "2026-03-02", "expired"],
    ["2026-03-02", "2026-03-02", "expiring"],
    ["2026-05-01", "2026-03-02", "expiring"],
    ["2026-05-02", "2026-03-02", "valid"],
    ["2027-12-31", "2026-03-02", "valid"],
  ] as const)("valid until %s, today %s: %s", (validUntil, today, expected) => {
    expect(validityOf(validUntil, today)).toBe(expected);
  });
});

describe("covers", () => {
  test.each([
    [["a", "b"], ["a"], "all", true],
    [["a", "b"], ["a", "c"], "all", false],
    [["a", "b"], ["a", "c"], "any", true],
    [["a"], ["c"], "any", false],
    [[], [], "all", true],
    [["a"], [], "any", true],
  ] as const)("%j covers %j (%s): %s", (own, wanted, match, expected) => {
    expect(covers(own, wanted, match)).toBe(expected);
  });
});

describe("names", () => {
  test("sameName ignores case, spacing and Unicode form", () => {
    expect(sameName("  Trung tâm  Đo lường ", "trung tâm đo lường")).toBe(true);
    expect(sameName("Trung tâm Đo lường".normalize("NFD"), "Trung tâm Đo lường")).toBe(true);
    expect(sameName("Trung tâm A", "Trung tâm B")).toBe(false);
  });
  test("searchKey drops diacritics", () => {
    expect(searchKey("Đo Lường  Chất lượng")).toBe("do luong chat luong");
  });
});
