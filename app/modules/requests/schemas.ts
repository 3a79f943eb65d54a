import { z } from "zod";
import { PAST_EVENT, PLAN_YEARS_AHEAD, UPCOMING, isoDate, yearsFromToday } from "~/utils/dates";
import { REQUEST_TYPES, needsInstruments } from "./workflow";

// Shapes of the request forms, for raw FormData strings; messages are keys of the "requests" namespace.
const text = (max: number) => z.string().trim().max(max, "requests:errors.tooLong");
const required = (max: number) => z.string().trim().min(1, "requests:errors.required").max(max, "requests:errors.tooLong");
// Dates: one parser for every form (app/utils/dates.ts), each with the range its meaning allows.
/** A wished or planned date: from today, at most two years ahead. */
const upcomingDay = (optional: boolean) => isoDate({ ...UPCOMING, optional, requiredMessage: "requests:errors.required" });
/** A new promised date: the route says why a past or non-working day will not do. */
const promisedDay = isoDate({ max: yearsFromToday(PLAN_YEARS_AHEAD), rangeMessage: "common:dates.upcomingRange", requiredMessage: "requests:errors.required" });
/** The day the work was done (empty: today). */
const doneDay = isoDate({ ...PAST_EVENT, optional: true });

export const REQUEST_ARRAYS = ["instrumentIds"] as const;

export const RequestSchema = z
  .object({
    type: z.enum(REQUEST_TYPES as [string, ...string[]], { errorMap: () => ({ message: "requests:errors.type" }) }),
    title: required(200),
    description: required(5000),
    desiredOn: upcomingDay(true),
    trainees: z.string().trim(),
    instrumentIds: z.array(z.string()).default([]),
    intent: z.enum(["save", "submit"]).default("save"),
  })
  .superRefine((value, ctx) => {
    if (value.type === "training") {
      const n = Number(value.trainees);
      if (!Number.isInteger(n) || n < 1 || n > 10_000) ctx.addIssue({ code: "custom", path: ["trainees"], message: "requests:errors.trainees" });
    }
    if (needsInstruments(value.type as never) && value.instrumentIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["instrumentIds"], message: "requests:errors.instruments" });
    }
  });
export type RequestForm = z.infer<typeof RequestSchema>;

export const MessageSchema = z.object({ body: required(5000), internal: z.string().optional() });

export const AnswerSchema = z.object({ body: required(5000) });

export const WithdrawSchema = z.object({ body: required(2000) });

/** "Needs information" names every missing item at once: one request, not a drip. */
export const AskSchema = z.object({
  items: z
    .array(z.string().trim().max(500, "requests:errors.tooLong"))
    .transform((items) => items.filter(Boolean))
    .refine((items) => items.length > 0, "requests:errors.items"),
  body: text(2000),
});

export const ApproveSchema = z.object({ provider: required(200), planOn: upcomingDay(false), note: text(2000) });

export const REJECT_REASONS = ["outOfScope", "notEligible", "duplicate", "incomplete", "other"] as const;
export const RejectSchema = z.object({
  reasonCode: z.enum(REJECT_REASONS, { errorMap: () => ({ message: "requests:errors.reason" }) }),
  reason: required(2000),
});

export const RescheduleSchema = z.object({ appointmentOn: promisedDay, apology: required(2000) });

export const AssignSchema = z.object({ assigneeId: z.string() });

export const COMPLETION_RESULTS = ["pass", "fail", "notDone"] as const;
export type CompletionResult = (typeof COMPLETION_RESULTS)[number];

export const CompleteSchema = z.object({ outcome: required(5000), performedOn: doneDay });

export const SettingsSchema = z.object({
  slaDays: z
    .string()
    .trim()
    .refine((value) => /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 60, "requests:errors.slaDays"),
});
