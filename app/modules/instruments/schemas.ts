import { z } from "zod";

// Shapes of the register's forms, for raw FormData strings; messages are keys of the "instruments" namespace.
const text = (max: number) => z.string().trim().max(max, "instruments:errors.tooLong");
const required = (max: number) => z.string().trim().min(1, "instruments:errors.required").max(max, "instruments:errors.tooLong");

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
    tag: required(60),
    name: required(200),
    serial: text(100),
    manufacturer: text(100),
    model: text(100),
    rangeMin: decimal,
    rangeMax: decimal,
    unit: text(20),
    accuracy: text(60),
    purpose: z.enum(["trade", "safety", "health", "environment", "process", "quality"], { errorMap: () => ({ message: "instruments:errors.purpose" }) }),
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

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "instruments:errors.date").refine((d) => !Number.isNaN(Date.parse(d)), "instruments:errors.date");

export const EventSchema = z
  .object({
    kind: z.enum(["verification", "calibration", "test", "override"], { errorMap: () => ({ message: "instruments:errors.kind" }) }),
    performedOn: isoDay,
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
    if (value.kind === "override") {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value.overrideDueOn)) ctx.addIssue({ code: "custom", path: ["overrideDueOn"], message: "instruments:errors.date" });
      if (!value.notes) ctx.addIssue({ code: "custom", path: ["notes"], message: "instruments:errors.overrideReason" });
      return;
    }
    if (!["pass", "fail", "adjusted"].includes(value.result)) ctx.addIssue({ code: "custom", path: ["result"], message: "instruments:errors.result" });
    if (!value.provider) ctx.addIssue({ code: "custom", path: ["provider"], message: "instruments:errors.required" });
    if (value.result === "fail") {
      // A failed check opens a short impact review: since when may results be wrong, what was measured, what now.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value.impactSince)) ctx.addIssue({ code: "custom", path: ["impactSince"], message: "instruments:errors.date" });
      if (!value.impactMeasured) ctx.addIssue({ code: "custom", path: ["impactMeasured"], message: "instruments:errors.required" });
      if (!value.impactAction) ctx.addIssue({ code: "custom", path: ["impactAction"], message: "instruments:errors.required" });
    }
  });
