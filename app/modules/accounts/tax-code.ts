// Tax codes (mã số thuế). Sources and confidence: docs/legal/research-procedures.md §4.
// - 10 digits (an enterprise or organisation) and 13 = 10 + "-" + 3 (a dependent unit or a
//   household business's location): Circular 105/2020/TT-BTC Art. 5(1), kept by Circular
//   86/2024/TT-BTC and Circular 90/2026/TT-BTC. N3–N9 run 0000001–9999999, N11–N13 001–999.
//   N10 is the check digit: N1..N9 weighted, N10 = 10 - (sum mod 11), a remainder of 0 has no
//   valid digit (the weights are not published in the circular; checked against known codes).
// - 12 digits: the personal identification number, which household businesses and individuals
//   use as their tax code from 1/7/2025 (Law 38/2019/QH14 Art. 35(7); Circular 86/2024/TT-BTC).
//   It has no check digit: 3-digit birth-registration code (001–096), a century-and-sex digit,
//   two digits of the birth year, six digits.
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

export type TaxCodeKind = "enterprise" | "dependentUnit" | "personal";
export type TaxCodeProblem = "format" | "checkDigit" | "branchSuffix" | "sequence" | "personalCode";

/** Spaces and dots are common when people copy a code from a letterhead. */
export function normalizeTaxCode(input: string): string {
  return input.replace(/[\s.]/g, "");
}

export function checkTaxCode(input: string): { ok: true; value: string; kind: TaxCodeKind } | { ok: false; problem: TaxCodeProblem } {
  const value = normalizeTaxCode(input);
  if (/^\d{12}$/.test(value)) return checkPersonalNumber(value);
  // A 13-digit code typed without its dash is the same code; it is stored with the dash, as printed.
  const match = /^(\d{10})(?:-?(\d{3}))?$/.exec(value);
  if (!match) return { ok: false, problem: "format" };
  const [, base, suffix] = match as unknown as [string, string, string | undefined];
  if (suffix === "000") return { ok: false, problem: "branchSuffix" };
  if (base.slice(2, 9) === "0000000") return { ok: false, problem: "sequence" };
  const digits = base.split("").map(Number);
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * (digits[i] ?? 0), 0);
  const remainder = sum % 11;
  if (remainder === 0) return { ok: false, problem: "checkDigit" };
  const expected = remainder === 10 ? 0 : 10 - remainder;
  if (digits[9] !== expected) return { ok: false, problem: "checkDigit" };
  return suffix ? { ok: true, value: `${base}-${suffix}`, kind: "dependentUnit" } : { ok: true, value: base, kind: "enterprise" };
}

/** Only the shape can be checked: a real birth-registration code, so "000…" or "999…" is refused. */
function checkPersonalNumber(value: string): { ok: true; value: string; kind: "personal" } | { ok: false; problem: "personalCode" } {
  const place = Number(value.slice(0, 3));
  if (place < 1 || place > 96) return { ok: false, problem: "personalCode" };
  return { ok: true, value, kind: "personal" };
}
