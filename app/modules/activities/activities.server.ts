import planJson from "@content/plan/plan-155-targets.json";
import { type ActivityKind } from "@db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { localize } from "~/modules/content/content";
import { PlanTargetsFileSchema } from "~/modules/content/schemas";
import { providerIdByName } from "~/modules/providers/providers.server";
import { type DostScope } from "~/utils/auth.server";
import { type Queryable, db, nowIso } from "~/utils/db.server";
import { ACTIVITY_KINDS, type ActivityInput, PLAN_START, isCountedKind } from "./schemas";

const plan = PlanTargetsFileSchema.parse(planJson);

/** Per kind, the plan target it counts toward and that target's numbers, for the form's help text. */
export function activityTargets(language: string) {
  return ACTIVITY_KINDS.map((kind) => {
    const target = plan.targets.find((t) => t.activityKind === kind);
    return {
      kind,
      target: target ? localize(target.name, language) : null,
      unit: target ? localize(target.unit, language) : null,
      counting: target ? localize(target.counting, language) : null,
      phases: target ? plan.phases.map((phase) => ({ name: localize(phase.name, language), value: target.values[phase.id] })) : [],
    };
  });
}
export type ActivityTarget = ReturnType<typeof activityTargets>[number];

export const ACTIVITY_PAGE_SIZE = 50;
export type ActivityFilter = { kind: ActivityKind | null; year: number | null; page: number };

const PLAN_START_YEAR = Number(PLAN_START.slice(0, 4));

/** Years a filter can offer: from the plan's start to this year, and any later year that holds a record. */
export async function activityYears(_scope: DostScope, today: string): Promise<number[]> {
  const row = await db().selectFrom("programme_activity").select((eb) => eb.fn.max("held_on").as("last")).executeTakeFirst();
  const last = Math.max(Number(today.slice(0, 4)), row?.last ? Number(String(row.last).slice(0, 4)) : 0);
  const years: number[] = [];
  for (let year = last; year >= PLAN_START_YEAR; year--) years.push(year);
  return years;
}

/** DOST's activities, newest first, with per-kind totals of the chosen year (or of all years). */
export async function listActivities(_scope: DostScope, filter: ActivityFilter) {
  let inYear = db().selectFrom("programme_activity");
  if (filter.year) inYear = inYear.where("held_on", ">=", `${filter.year}-01-01`).where("held_on", "<=", `${filter.year}-12-31`);
  const filtered = filter.kind ? inYear.where("kind", "=", filter.kind) : inYear;
  const [sums, rows] = await Promise.all([
    inYear
      .select((eb) => ["kind", eb.fn.countAll<number>().as("records"), eb.fn.sum<number>("quantity").as("quantity")])
      .groupBy("kind")
      .execute(),
    filtered
      .select(["id", "kind", "held_on as heldOn", "title", "organiser", "quantity", "updated_at as updatedAt"])
      .orderBy("held_on", "desc")
      .orderBy("id", "desc")
      .limit(ACTIVITY_PAGE_SIZE)
      .offset((filter.page - 1) * ACTIVITY_PAGE_SIZE)
      .execute(),
  ]);
  const totals = Object.fromEntries(
    ACTIVITY_KINDS.map((kind) => {
      const sum = sums.find((s) => s.kind === kind);
      return [kind, { records: Number(sum?.records ?? 0), quantity: Number(sum?.quantity ?? 0) }];
    }),
  ) as Record<ActivityKind, { records: number; quantity: number }>;
  const total = filter.kind ? totals[filter.kind].records : Object.values(totals).reduce((n, t) => n + t.records, 0);
  return { total, rows, totals, pageCount: Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE)) };
}

function readActivity(q: Queryable, activityId: number) {
  return q
    .selectFrom("programme_activity")
    .innerJoin("user as creator", "creator.id", "programme_activity.created_by")
    .innerJoin("user as editor", "editor.id", "programme_activity.updated_by")
    .leftJoin("provider", "provider.id", "programme_activity.provider_id")
    .where("programme_activity.id", "=", activityId)
    .select([
      "programme_activity.id as id",
      "programme_activity.kind as kind",
      "programme_activity.held_on as heldOn",
      "programme_activity.title as title",
      "programme_activity.organiser as organiser",
      "programme_activity.quantity as quantity",
      "programme_activity.participants as participants",
      "programme_activity.notes as notes",
      "provider.id as providerId",
      "provider.name as providerName",
      "programme_activity.created_at as createdAt",
      "creator.full_name as createdByName",
      "programme_activity.updated_at as updatedAt",
      "editor.full_name as updatedByName",
    ])
    .executeTakeFirst();
}

/** Undefined when there is no such activity: the route answers 404. */
export function getActivity(_scope: DostScope, activityId: number) {
  return readActivity(db(), activityId);
}
export type ActivityDetail = NonNullable<Awaited<ReturnType<typeof getActivity>>>;

/**
 * A laboratory or service organisation named exactly as an entry of the providers directory links
 * to that entry, as instrument events and request plans do; anything else stays free text.
 */
async function columnsOf(tx: Queryable, input: ActivityInput) {
  return {
    provider_id: isCountedKind(input.kind) ? null : await providerIdByName(input.title, tx),
    kind: input.kind,
    held_on: input.heldOn,
    title: input.title,
    organiser: input.organiser,
    quantity: input.quantity,
    participants: input.participants,
    notes: input.notes,
  };
}

/** What the audit keeps of an activity: every field, so a deleted record can be read back from the log. */
function auditDetail(input: Pick<ActivityInput, "kind" | "heldOn" | "title" | "organiser" | "quantity" | "participants" | "notes">) {
  const { kind, heldOn, title, organiser, quantity, participants, notes } = input;
  return { kind, heldOn, title, organiser, quantity, participants, notes };
}

export async function createActivity(scope: DostScope, input: ActivityInput): Promise<number> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const now = nowIso();
      const row = await tx
        .insertInto("programme_activity")
        .values({ ...(await columnsOf(tx, input)), created_by: scope.user.id, created_at: now, updated_by: scope.user.id, updated_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: null,
        entity: "programme_activity",
        entityId: row.id,
        action: "create",
        detail: auditDetail(input),
      });
      return row.id;
    });
}

/** False when there is no such activity. */
export async function updateActivity(scope: DostScope, activityId: number, input: ActivityInput): Promise<boolean> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const before = await readActivity(tx, activityId);
      if (!before) return false;
      await tx
        .updateTable("programme_activity")
        .set({ ...(await columnsOf(tx, input)), updated_by: scope.user.id, updated_at: nowIso() })
        .where("id", "=", activityId)
        .execute();
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: null,
        entity: "programme_activity",
        entityId: activityId,
        action: "update",
        detail: { before: auditDetail(before), after: auditDetail(input) },
      });
      return true;
    });
}

/** The deleted activity's title, or null when there is no such activity. The audit row keeps what was deleted. */
export async function deleteActivity(scope: DostScope, activityId: number): Promise<string | null> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const before = await readActivity(tx, activityId);
      if (!before) return null;
      await tx.deleteFrom("programme_activity").where("id", "=", activityId).execute();
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: null,
        entity: "programme_activity",
        entityId: activityId,
        action: "delete",
        detail: auditDetail(before),
      });
      return before.title;
    });
}
