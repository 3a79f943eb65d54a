import { describe, expect, test } from "vitest";
import { checkTaxCode } from "./tax-code";

describe("checkTaxCode", () => {
  test.each([
    { code: "0300588569", why: "remainder 1" },
    { code: "0100109106", why: "remainder 4" },
    { code: "0101248141", why: "remainder 9" },
    { code: "0100107370", why: "remainder 10 gives check digit 0" },
    { code: "0100109106-001", why: "branch suffix" },
    { code: "0100109106-999", why: "highest branch suffix" },
    { code: " 0300 588 569 ", why: "spaces are ignored" },
  ])("accepts $code ($why)", ({ code }) => {
    expect(checkTaxCode(code).ok).toBe(true);
  });

  test.each([
    { code: "0300588568", problem: "checkDigit" },
    { code: "030058856", problem: "format" },
    { code: "03005885690", problem: "format" },
    { code: "03005885a9", problem: "format" },
    { code: "0100109106-01", problem: "format" },
    { code: "0100109106-000", problem: "branchSuffix" },
    { code: "", problem: "format" },
  ])("rejects $code with $problem", ({ code, problem }) => {
    expect(checkTaxCode(code)).toEqual({ ok: false, problem });
  });

  test("a base whose weighted sum is divisible by 11 has no valid check digit", () => {
    // 7 x 1 + 5 x 3 = 22, a multiple of 11.
    const base = "000000130";
    for (let d = 0; d <= 9; d++) {
      expect(checkTaxCode(`${base}${d}`)).toEqual({ ok: false, problem: "checkDigit" });
    }
  });
});
