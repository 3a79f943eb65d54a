// Circular 105/2020/TT-BTC art. 5 (kept by Circular 86/2024/TT-BTC): N1..N9 weighted,
// N10 = 10 - (sum mod 11); a remainder of 0 has no valid check digit.
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

export type TaxCodeProblem = "format" | "checkDigit" | "branchSuffix";

/** Spaces and dots are common when people copy a code from a letterhead. */
export function normalizeTaxCode(input: string): string {
  return input.replace(/[\s.]/g, "");
}

export function checkTaxCode(input: string): { ok: true; value: string } | { ok: false; problem: TaxCodeProblem } {
  const value = normalizeTaxCode(input);
  const match = /^(\d{10})(?:-(\d{3}))?$/.exec(value);
  if (!match) return { ok: false, problem: "format" };
  const [, base, suffix] = match as unknown as [string, string, string | undefined];
  if (suffix === "000") return { ok: false, problem: "branchSuffix" };
  const digits = base.split("").map(Number);
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * (digits[i] ?? 0), 0);
  const remainder = sum % 11;
  if (remainder === 0) return { ok: false, problem: "checkDigit" };
  const expected = remainder === 10 ? 0 : 10 - remainder;
  if (digits[9] !== expected) return { ok: false, problem: "checkDigit" };
  return { ok: true, value };
}
