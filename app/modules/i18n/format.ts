export const TIME_ZONE = "Asia/Ho_Chi_Minh";

const dayParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar day in Vietnam at the given instant, as ISO "YYYY-MM-DD". */
export function vietnamDay(instant: Date = new Date()): string {
  return dayParts.format(instant);
}

/** "2026-03-12" or an ISO instant -> "12/03/2026" (the Vietnamese day for instants). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : vietnamDay(new Date(value));
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}

const timeParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "12/03/2026 14:05", Vietnam time. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return "";
  return `${formatDate(instant)} ${timeParts.format(new Date(instant))}`;
}

// Building an Intl formatter costs far more than using one: one per language, made once.
const numberFormats = { en: new Intl.NumberFormat("en-GB"), vi: new Intl.NumberFormat("vi-VN") };

// Pages format the same counts over and over; a formatted number is kept (bounded).
const formattedNumbers = { en: new Map<number, string>(), vi: new Map<number, string>() };

export function formatNumber(value: number, language: string): string {
  // A Map takes -0 and 0 for one key: -0 must not decide how every zero is written.
  if (value === 0) value = 0;
  const lng = language === "en" ? "en" : "vi";
  const kept = formattedNumbers[lng];
  let formatted = kept.get(value);
  if (formatted === undefined) {
    formatted = numberFormats[lng].format(value);
    if (kept.size >= 10_000) kept.clear();
    kept.set(value, formatted);
  }
  return formatted;
}
