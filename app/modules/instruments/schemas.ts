import { z } from "zod";
import { DUE_DATE, PAST_EVENT, checkDay, isoDate, parseDay } from "~/utils/dates";
import { hasControlCharacters } from "~/utils/text";

// Shapes of the register's forms, for raw FormData strings; messages are keys of the "instruments" namespace.
const text = (max: number) => z.string().trim().max(max, "instruments:errors.tooLong");
const required = (max: number) => z.string().trim().min(1, "instruments:errors.required").max(max, "instruments:errors.tooLong");
/** A tag or name: one line, no control characters (they would break the calendar feed and the exports). */
const oneLine = (max: number) => required(max).refine((v) => !hasControlCharacters(v), "instruments:errors.controlCharacters");

/** "0,5" and "0.5" are the same number; an empty field is no number. */
export function parseDecimal(value: string): number | null | "invalid" {
  const cleaned = value.trim().replace(/\s/g, "");
  if (!cleaned) return null;
  const normalized = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(cleaned) ? cleaned.replace(/\./g, "").replace(",", ".") : cleaned.replace(",", ".");
  const number = Number(normalized);
  return Number.isFinite(number) ? number : "invalid";
}

const decimal = z.string().transform((value, ctx) => {
  const parsed = parseDecimal(value);
  if (parsed === "invalid") {
    ctx.addIssue({ code: "custom", message: "instruments:errors.number" });
    return z.NEVER;
  }
  return parsed;
});

const months = z.string().transform((value, ctx) => {
  if (!value.trim()) return null;
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 1 || n > 120) {
    ctx.addIssue({ code: "custom", message: "instruments:errors.months" });
    return z.NEVER;
  }
  return n;
});

export const InstrumentSchema = z
  .object({
    siteId: z.string().regex(/^\d+$/, "instruments:errors.site").transform(Number),
    typeId: z.string().min(1, "instruments:errors.type"),
    tag: oneLine(60),
    name: oneLine(200),
    serial: text(100),
    manufacturer: text(100),
    model: text(100),
    rangeMin: decimal,
    rangeMax: decimal,
    unit: text(20),
    accuracy: text(60),
    purpose: z.enum(["trade", "safety", "health", "environment", "official", "process", "quality"], { errorMap: () => ({ message: "instruments:errors.purpose" }) }),
    status: z.enum(["in_service", "out_of_service", "quarantined", "retired"], { errorMap: () => ({ message: "instruments:errors.status" }) }),
    ownIntervalMonths: months,
    responsiblePerson: text(120),
  })
  .superRefine((value, ctx) => {
    if (value.rangeMin !== null && value.rangeMax !== null && value.rangeMin > value.rangeMax) {
      ctx.addIssue({ code: "custom", path: ["rangeMax"], message: "instruments:errors.range" });
    }
  });
export type InstrumentForm = z.infer<typeof InstrumentSchema>;

export const EventSchema = z
  .object({
    kind: z.enum(["verification", "calibration", "test", "override"], { errorMap: () => ({ message: "instruments:errors.kind" }) }),
    performedOn: isoDate({ ...PAST_EVENT, requiredMessage: "instruments:errors.required" }),
    provider: text(200),
    certificateNo: text(100),
    result: z.string(),
    notes: text(2000),
    overrideDueOn: z.string(),
    impactSince: z.string(),
    impactMeasured: text(1000),
    impactAction: text(1000),
    supersedesEventId: z.string(),
  })
  .superRefine((value, ctx) => {
    // Dates asked only for some kinds or results are checked only then (one parser: app/utils/dates.ts).
    const day = (field: "overrideDueOn" | "impactSince", rule: typeof PAST_EVENT) => {
      if (!value[field].trim()) return ctx.addIssue({ code: "custom", path: [field], message: "instruments:errors.required" });
      const checked = checkDay(value[field], rule);
      if (!checked.ok) ctx.addIssue({ code: "custom", path: [field], message: checked.message });
    };
    if (value.kind === "override") {
      day("overrideDueOn", DUE_DATE);
      if (!value.notes) ctx.addIssue({ code: "custom", path: ["notes"], message: "instruments:errors.overrideReason" });
      return;
    }
    if (!["pass", "fail", "adjusted"].includes(value.result)) ctx.addIssue({ code: "custom", path: ["result"], message: "instruments:errors.result" });
    if (!value.provider) ctx.addIssue({ code: "custom", path: ["provider"], message: "instruments:errors.required" });
    if (value.result === "fail") {
      // A failed check opens a short impact review: since when may results be wrong, what was measured, what now.
      day("impactSince", PAST_EVENT);
      if (!value.impactMeasured) ctx.addIssue({ code: "custom", path: ["impactMeasured"], message: "instruments:errors.required" });
      if (!value.impactAction) ctx.addIssue({ code: "custom", path: ["impactAction"], message: "instruments:errors.required" });
    }
  })
  // A day typed by hand (31/12/2026) is stored as ISO, like the date picker's.
  .transform((value) => ({ ...value, overrideDueOn: parseDay(value.overrideDueOn) ?? "", impactSince: parseDay(value.impactSince) ?? "" }));
