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
    { code: "0300588569", value: "0300588569", kind: "enterprise" },
    { code: "0100109106-001", value: "0100109106-001", kind: "dependentUnit" },
    { code: "0100109106001", value: "0100109106-001", kind: "dependentUnit" },
    { code: "0100 109 106 001", value: "0100109106-001", kind: "dependentUnit" },
    { code: "092085001234", value: "092085001234", kind: "personal" },
    { code: "001 300 123 456", value: "001300123456", kind: "personal" },
  ])("reads $code as a $kind code, kept as $value", ({ code, value, kind }) => {
    expect(checkTaxCode(code)).toEqual({ ok: true, value, kind });
  });

  test.each([
    { code: "0300588568", problem: "checkDigit" },
    { code: "030058856", problem: "format" },
    { code: "03005885690", problem: "format" },
    { code: "03005885a9", problem: "format" },
    { code: "0100109106-01", problem: "format" },
    { code: "0100109106-000", problem: "branchSuffix" },
    { code: "", problem: "format" },
    { code: "0100109106000", problem: "branchSuffix" },
    { code: "01001091060", problem: "format" },
    { code: "1800000000", problem: "sequence" },
    { code: "000085001234", problem: "personalCode" },
    { code: "097085001234", problem: "personalCode" },
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
