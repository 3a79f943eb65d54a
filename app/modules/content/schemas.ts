import { z } from "zod";

export const LocalizedTextSchema = z.object({
  vi: z.string().min(1),
  en: z.string().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

const slugId = z.string().regex(/^[a-z0-9_-]+$/, "ids are lower-case slugs");

export const SectorsFileSchema = z.object({
  source: z.string().min(3),
  sectors: z.array(z.object({ id: slugId, name: LocalizedTextSchema })).min(1),
  ownershipTypes: z.array(z.object({ id: slugId, name: LocalizedTextSchema })).min(1),
});

export const AdminUnitsFileSchema = z.object({
  province: z.object({ id: slugId, name: LocalizedTextSchema }),
  effectiveFrom: z.string().date(),
  source: z.string().min(3),
  complete: z.boolean(),
  note: z.string(),
  checkedOn: z.string().date().optional(),
  units: z
    .array(z.object({ id: slugId, code: z.string().regex(/^\d{5}$/).optional(), kind: z.enum(["ward", "commune"]), name: z.string().min(1) }))
    .min(1),
});

/** A translation file: nested objects of non-empty strings. */
export type TranslationTree = { [key: string]: string | TranslationTree };
export const TranslationTreeSchema: z.ZodType<TranslationTree> = z.lazy(() =>
  z.record(z.union([z.string().min(1), TranslationTreeSchema])),
);

export const REGISTER_CHECKS = [
  "register-complete",
  "responsible-person",
  "group2-verified-on-time",
  "calibration-on-time",
  "certificates-kept",
] as const;
export type RegisterCheck = (typeof REGISTER_CHECKS)[number];

export const ChecklistItemSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, "item keys are '<section>.<slug>'"),
  question: LocalizedTextSchema,
  goodLooksLike: LocalizedTextSchema,
  evidence: LocalizedTextSchema,
  action: LocalizedTextSchema,
  weight: z.number().int().positive(),
  sectors: z.array(slugId).min(1).optional(),
  registerCheck: z.enum(REGISTER_CHECKS).optional(),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const ChecklistSectionSchema = z.object({
  key: slugId,
  title: LocalizedTextSchema,
  intro: LocalizedTextSchema,
  items: z.array(ChecklistItemSchema).min(1),
});
export type ChecklistSection = z.infer<typeof ChecklistSectionSchema>;

export const ChecklistFileSchema = z
  .object({
    version: z.string().regex(/^510-v\d+$/),
    publishedOn: z.string().date(),
    title: LocalizedTextSchema,
    basis: LocalizedTextSchema,
    maturityLevels: z
      .array(z.object({ key: slugId, minScore: z.number().min(0).max(100), name: LocalizedTextSchema, meaning: LocalizedTextSchema }))
      .min(2),
    sections: z.array(ChecklistSectionSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const sectionKeys = new Set<string>();
    const itemKeys = new Set<string>();
    const checks = new Set<string>();
    for (const section of file.sections) {
      if (sectionKeys.has(section.key)) ctx.addIssue({ code: "custom", message: `duplicate section ${section.key}` });
      sectionKeys.add(section.key);
      for (const item of section.items) {
        if (itemKeys.has(item.key)) ctx.addIssue({ code: "custom", message: `duplicate item ${item.key}` });
        itemKeys.add(item.key);
        if (!item.key.startsWith(`${section.key}.`)) {
          ctx.addIssue({ code: "custom", message: `item ${item.key} is not prefixed by its section ${section.key}` });
        }
        if (item.registerCheck) {
          if (checks.has(item.registerCheck)) ctx.addIssue({ code: "custom", message: `register check ${item.registerCheck} used twice` });
          checks.add(item.registerCheck);
        }
      }
    }
    const levels = file.maturityLevels;
    if (levels[0]?.minScore !== 0) ctx.addIssue({ code: "custom", message: "the first maturity level starts at 0" });
    for (let i = 1; i < levels.length; i++) {
      if (levels[i]!.minScore <= levels[i - 1]!.minScore) ctx.addIssue({ code: "custom", message: "maturity levels must ascend" });
    }
  });
export type ChecklistFile = z.infer<typeof ChecklistFileSchema>;

export const CONTROLS = ["typeApproval", "initialVerification", "periodicVerification", "afterRepairVerification"] as const;

// The first list of group-2 instruments (Circular 23/2013/TT-BKHCN) took effect on 15/11/2013.
const FIRST_LIST_DAY = "2013-11-15";

/**
 * One effective-dated row of a type's legal control, as the shipped file gives it: the initial
 * content of the legal_control table. `source` is the older name of `document`; `listed: false`
 * records that the type left the list on that day; `months: null` means no periodic verification;
 * `controls` defaults to the type's.
 */
export const CycleSchema = z
  .object({
    effectiveFrom: z.string().date(),
    months: z.number().int().positive().max(120).nullable(),
    listed: z.boolean().default(true),
    controls: z.array(z.enum(CONTROLS)).optional(),
    document: z.string().min(3).optional(),
    source: z.string().min(3).optional(),
    article: z.string().default(""),
    item: z.string().default(""),
    basis: z.enum(["confirmed", "secondary", "inferred"]),
    note: z.string().default(""),
  })
  .superRefine((row, ctx) => {
    if (!row.document && !row.source) ctx.addIssue({ code: "custom", message: `the row of ${row.effectiveFrom} names no document` });
    if (row.effectiveFrom < FIRST_LIST_DAY) ctx.addIssue({ code: "custom", message: `${row.effectiveFrom} is before the first list (${FIRST_LIST_DAY})` });
  })
  .transform((row) => {
    const document = (row.document ?? row.source)!;
    return { ...row, document, source: document };
  });

export const InstrumentTypeSchema = z
  .object({
    id: slugId,
    name: LocalizedTextSchema,
    quantity: LocalizedTextSchema,
    unit: z.string(),
    /** 2 when the type's latest row is on the list. */
    group: z.union([z.literal(1), z.literal(2)]),
    sectors: z.array(slugId),
    controls: z.array(z.enum(CONTROLS)),
    cycles: z.array(CycleSchema),
    recommendedCalibrationMonths: z.number().int().positive().nullable(),
    /** Item number on the legal list, e.g. "43". */
    listItem: z.string().min(1).nullable().optional(),
    /** A type kept for the instruments that use it, never offered for a new one (e.g. replaced by finer kinds). */
    retiredOn: z.string().date().optional(),
  })
  .superRefine((type, ctx) => {
    const last = type.cycles[type.cycles.length - 1];
    const listedNow = Boolean(last?.listed);
    if ((type.group === 2) !== listedNow) {
      ctx.addIssue({ code: "custom", message: `${type.id}: group ${type.group} does not match its latest row (${listedNow ? "listed" : "not listed"})` });
    }
    if (type.group === 1 && type.recommendedCalibrationMonths === null) {
      ctx.addIssue({ code: "custom", message: `${type.id}: a group-1 type has a recommended interval` });
    }
    for (const row of type.cycles) {
      const controls = row.controls ?? type.controls;
      if (row.listed) {
        if (!controls.length) ctx.addIssue({ code: "custom", message: `${type.id}: a listed row of ${row.effectiveFrom} has controls` });
        if ((row.months !== null) !== controls.includes("periodicVerification")) {
          ctx.addIssue({ code: "custom", message: `${type.id}: the row of ${row.effectiveFrom} has a cycle exactly when it asks for periodic verification` });
        }
      } else if (row.months !== null || (row.controls?.length ?? 0) > 0) {
        ctx.addIssue({ code: "custom", message: `${type.id}: the row of ${row.effectiveFrom} takes the type off the list and has no cycle or controls` });
      }
    }
    for (let i = 1; i < type.cycles.length; i++) {
      if (type.cycles[i]!.effectiveFrom <= type.cycles[i - 1]!.effectiveFrom) {
        ctx.addIssue({ code: "custom", message: `${type.id}: cycles must be in date order` });
      }
    }
  });
export type InstrumentType = z.infer<typeof InstrumentTypeSchema>;

export const CatalogueFileSchema = z
  .object({
    version: z.string(),
    publishedOn: z.string().date(),
    note: LocalizedTextSchema,
    types: z.array(InstrumentTypeSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    for (const type of file.types) {
      if (ids.has(type.id)) ctx.addIssue({ code: "custom", message: `duplicate type ${type.id}` });
      ids.add(type.id);
    }
  });

const HolidayDaySchema = z.object({ date: z.string().date(), name: LocalizedTextSchema });

/** 0 = Sunday … 6 = Saturday, for an ISO day read as UTC. */
function isoWeekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export const HolidaysFileSchema = z
  .object({
    source: LocalizedTextSchema,
    years: z
      .array(
        z.object({
          year: z.number().int().min(2000).max(2100),
          basis: z.enum(["announced", "statutory"]),
          note: LocalizedTextSchema,
          // Weekdays off only: a holiday on a weekend shows up as its compensatory weekday.
          days: z.array(HolidayDaySchema).min(1),
          // Make-up working days (ngày làm bù): weekend days worked in exchange for a weekday off.
          workingSaturdays: z.array(HolidayDaySchema),
        }),
      )
      .min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.years.forEach((entry, i) => {
      const previous = file.years[i - 1];
      if (previous && entry.year !== previous.year + 1) {
        ctx.addIssue({ code: "custom", message: `year ${entry.year} must follow ${previous.year} with no gap` });
      }
      const check = (list: typeof entry.days, kind: "day off" | "make-up day") => {
        list.forEach((day, j) => {
          if (!day.date.startsWith(`${entry.year}-`)) ctx.addIssue({ code: "custom", message: `${day.date} is listed under ${entry.year}` });
          if (seen.has(day.date)) ctx.addIssue({ code: "custom", message: `${day.date} is listed twice` });
          seen.add(day.date);
          const weekend = [0, 6].includes(isoWeekday(day.date));
          if (kind === "day off" && weekend) ctx.addIssue({ code: "custom", message: `day off ${day.date} falls on a weekend` });
          if (kind === "make-up day" && !weekend) ctx.addIssue({ code: "custom", message: `make-up day ${day.date} is not a weekend day` });
          const before = list[j - 1];
          if (before && before.date >= day.date) ctx.addIssue({ code: "custom", message: `${day.date} is out of date order` });
        });
      };
      check(entry.days, "day off");
      check(entry.workingSaturdays, "make-up day");
    });
  });
export type HolidaysFile = z.infer<typeof HolidaysFileSchema>;

export const ACTIVITY_KINDS = ["training", "standard", "laboratory", "serviceOrganisation"] as const;

const PlanPhaseSchema = z.object({
  id: z.enum(["phase1", "phase2"]),
  from: z.string().regex(/^\d{4}-01-01$/),
  to: z.string().regex(/^\d{4}-12-31$/),
  name: LocalizedTextSchema,
});

/** The plan's own sentence for a target in one phase: its section (e.g. "II.1.c"), verbatim, and in English. */
const PlanQuoteSchema = z.object({ section: z.string().regex(/^[IVX]+\.\d\.[a-zđ]$/), vi: z.string().min(10), en: z.string().min(10) });

const PlanTargetSchema = z
  .object({
    id: z.string().regex(/^[a-zA-Z]+$/),
    name: LocalizedTextSchema,
    /** Where the plan words the target differently per phase (phase 1 "developed", phase 2 "socialised"). */
    phaseNames: z.object({ phase1: LocalizedTextSchema, phase2: LocalizedTextSchema }).optional(),
    unit: LocalizedTextSchema,
    values: z.object({ phase1: z.number().int().positive(), phase2: z.number().int().positive() }),
    source: z.enum(["portal", "activities"]),
    activityKind: z.enum(ACTIVITY_KINDS).optional(),
    planText: z.object({ phase1: PlanQuoteSchema, phase2: PlanQuoteSchema }),
    /** What is counted, as the plan says it. */
    counting: LocalizedTextSchema,
    /** What the plan leaves open and the portal decides: always shown labelled as the portal's reading. */
    interpretation: LocalizedTextSchema.optional(),
  })
  .refine((target) => (target.source === "activities") === (target.activityKind !== undefined), "an activity target names its activity kind");

/** The city plan's numeric targets per phase, and how the portal counts each. */
export const PlanTargetsFileSchema = z
  .object({ plan: LocalizedTextSchema, phases: z.array(PlanPhaseSchema).length(2), targets: z.array(PlanTargetSchema).min(1) })
  .superRefine((file, ctx) => {
    const [first, second] = file.phases;
    if (first && second && !(first.to < second.from)) ctx.addIssue({ code: "custom", message: "phases overlap or are out of order" });
    const ids = file.targets.map((t) => t.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", message: "duplicate target id" });
  });
export type PlanTargetsFile = z.infer<typeof PlanTargetsFileSchema>;
export type PlanTarget = PlanTargetsFile["targets"][number];
