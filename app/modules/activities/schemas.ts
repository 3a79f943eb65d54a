import { z } from "zod";
import { type ActivityKind } from "@db/schema";
import { ACTIVITY_KINDS } from "~/modules/content/schemas";
import { TODAY, isoDate } from "~/utils/dates";

export { ACTIVITY_KINDS };
export type { ActivityKind };

/** Plan 155 starts on 1 January 2021 (phase 1 in content/plan/plan-155-targets.json): nothing earlier counts. */
export const PLAN_START = "2021-01-01";

/** Kinds whose quantity is asked (people trained, standards socialised); the others are one of each by definition. */
export const COUNTED_KINDS: readonly ActivityKind[] = ["training", "standard"];
export const isCountedKind = (kind: ActivityKind) => COUNTED_KINDS.includes(kind);

export function isActivityKind(value: unknown): value is ActivityKind {
  return ACTIVITY_KINDS.includes(value as ActivityKind);
}

const MAX_QUANTITY: Record<"training" | "standard", number> = { training: 5000, standard: 1000 };

const text = (max: number) => z.string().trim().max(max, "activities:errors.tooLong").default("");
const required = (max: number) => z.string().trim().min(1, "activities:errors.required").max(max, "activities:errors.tooLong");
// What has happened is recorded, not what is planned: the report counts work done since the plan began.
const heldOn = isoDate({
  min: PLAN_START,
  max: TODAY,
  requiredMessage: "activities:errors.required",
  invalidMessage: "activities:errors.date",
  minMessage: "activities:errors.beforePlan",
  maxMessage: "activities:errors.future",
});

/** Names in the optional participants list: one a line, blank lines ignored. */
export function participantNames(list: string): string[] {
  return list
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * One programme activity, from raw form strings. The quantity is asked only where it varies:
 * a laboratory or a service organisation is one by definition, whatever the form sent, and only a
 * training course keeps a list of participants.
 */
export const ActivitySchema = z
  .object({
    kind: z.enum(ACTIVITY_KINDS, { errorMap: () => ({ message: "activities:errors.kind" }) }),
    heldOn: heldOn,
    title: required(300),
    organiser: text(200),
    quantity: z.string().trim().default(""),
    participants: text(20_000),
    notes: text(2000),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "training" || value.kind === "standard") {
      const n = Number(value.quantity);
      if (!value.quantity) ctx.addIssue({ code: "custom", path: ["quantity"], message: `activities:errors.quantity.${value.kind}` });
      else if (!/^\d+$/.test(value.quantity) || n < 1 || n > MAX_QUANTITY[value.kind]) {
        ctx.addIssue({ code: "custom", path: ["quantity"], message: `activities:errors.quantityRange.${value.kind}` });
      } else if (value.kind === "training" && participantNames(value.participants).length > n) {
        ctx.addIssue({ code: "custom", path: ["participants"], message: "activities:errors.participantsMore" });
      }
    }
  })
  .transform((value) => ({
    kind: value.kind,
    heldOn: value.heldOn,
    title: value.title,
    organiser: value.organiser,
    quantity: isCountedKind(value.kind) ? Number(value.quantity) : 1,
    participants: value.kind === "training" ? participantNames(value.participants).join("\n") : "",
    notes: value.notes,
  }));
export type ActivityInput = z.output<typeof ActivitySchema>;
