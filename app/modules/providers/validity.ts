export type Validity = "valid" | "expiring" | "expired" | "unstated";

/** How long before the end of a designation or accreditation the directory warns that it ends soon. */
export const EXPIRING_DAYS = 60;

/**
 * Where a provider's designation or accreditation stands on `today` (ISO days, compared as text).
 * The last day written on the decision is still a valid day.
 */
export function validityOf(validUntil: string | null, today: string): Validity {
  if (!validUntil) return "unstated";
  if (validUntil < today) return "expired";
  const warnFrom = new Date(Date.parse(`${validUntil}T00:00:00Z`) - EXPIRING_DAYS * 86_400_000).toISOString().slice(0, 10);
  return today >= warnFrom ? "expiring" : "valid";
}

/** A provider whose authority has lapsed may not do the work: it is listed, but never suggested. */
export function canWorkOn(validUntil: string | null, today: string): boolean {
  return validityOf(validUntil, today) !== "expired";
}

/**
 * Whether a provider's scope covers the instrument types: "all" for one provider doing the whole
 * job (a request's plan), "any" for a list of suggestions across several instruments (a visit).
 * An empty list of types asks nothing, so every provider covers it.
 */
export function covers(providerTypes: readonly string[], wanted: readonly string[], match: "all" | "any" = "all"): boolean {
  if (!wanted.length) return true;
  const own = new Set(providerTypes);
  return match === "all" ? wanted.every((t) => own.has(t)) : wanted.some((t) => own.has(t));
}

/** Case, spacing and Unicode form do not matter when a typed name is compared with the directory. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
  return norm(a) === norm(b);
}

/** Search text without diacritics, so "do luong" finds "Đo lường". */
export function searchKey(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
