import { type RequestState, type RequestType } from "@db/schema";
import { sql } from "kysely";
import { loadCommuneLabels } from "~/modules/admin-units/units.server";
import { currentHolidayCalendar } from "~/modules/holidays/calendar.server";
import { type BusinessScope, type DostScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { addWorkingDays } from "./working-days";
import { CLOCK_RUNNING, type ClockInput, type ClockView, REQUEST_STATES } from "./workflow";

const REQUEST_COLUMNS = [
  "support_request.id as id",
  "support_request.business_id as businessId",
  "support_request.code as code",
  "support_request.type as type",
  "support_request.state as state",
  "support_request.title as title",
  "support_request.description as description",
  "support_request.desired_on as desiredOn",
  "support_request.trainees as trainees",
  "support_request.origin as origin",
  "support_request.assessment_id as assessmentId",
  "support_request.assessment_item as assessmentItem",
  "support_request.created_at as createdAt",
  "support_request.updated_at as updatedAt",
  "support_request.submitted_at as submittedAt",
  "support_request.submitted_on as submittedOn",
  "support_request.sla_days as slaDays",
  "support_request.deadline_on as deadlineOn",
  "support_request.appointment_on as appointmentOn",
  "support_request.paused_since as pausedSince",
  "support_request.paused_days as pausedDays",
  "support_request.assignee_id as assigneeId",
  "support_request.decided_on as decidedOn",
  "support_request.plan_provider as planProvider",
  "support_request.plan_on as planOn",
  "support_request.plan_note as planNote",
  "support_request.reject_reason as rejectReason",
  "support_request.outcome as outcome",
  "support_request.completed_at as completedAt",
] as const;

export type RequestEntry = {
  id: number;
  kind: "transition" | "message" | "note" | "assign" | "reschedule";
  fromState: RequestState | null;
  toState: RequestState | null;
  body: string;
  data: Record<string, unknown>;
  internal: boolean;
  actorName: string;
  actorIsDost: boolean;
  at: string;
  files: Array<{ id: number; filename: string; sizeBytes: number; sha256: string }>;
};

/** A request with its instruments, files and timeline; internal notes only for DOST. */
async function loadRequest(requestId: number, options: { businessId: number | null; withInternal: boolean }) {
  await loadCommuneLabels(); // the pages and the receipt label the business's ward from DOST's current list
  let query = db()
    .selectFrom("support_request")
    .innerJoin("business", "business.id", "support_request.business_id")
    .innerJoin("user as creator", "creator.id", "support_request.created_by")
    .leftJoin("user as assignee", "assignee.id", "support_request.assignee_id")
    .where("support_request.id", "=", requestId)
    .select([
      ...REQUEST_COLUMNS,
      "business.legal_name as businessName",
      "business.tax_code as taxCode",
      "business.commune_id as communeId",
      "business.commune_other as communeOther",
      "business.street_address as streetAddress",
      "business.contact_name as contactName",
      "business.phone as phone",
      "business.email as businessEmail",
      "creator.full_name as creatorName",
      "assignee.full_name as assigneeName",
    ]);
  if (options.businessId !== null) query = query.where("support_request.business_id", "=", options.businessId);
  else query = query.where("support_request.state", "!=", "draft");
  const request = await query.executeTakeFirst();
  if (!request) return undefined;

  const [instruments, entryRows, files] = await Promise.all([
    db()
      .selectFrom("support_request_instrument")
      .innerJoin("instrument", "instrument.id", "support_request_instrument.instrument_id")
      .innerJoin("site", "site.id", "instrument.site_id")
      .where("support_request_instrument.request_id", "=", requestId)
      .select([
        "instrument.id as id",
        "instrument.tag as tag",
        "instrument.name as name",
        "instrument.type_id as typeId",
        "instrument.serial as serial",
        "instrument.status as status",
        "instrument.next_due_on as nextDueOn",
        "site.name as siteName",
      ])
      .orderBy("instrument.tag")
      .execute(),
    db()
      .selectFrom("request_entry")
      .innerJoin("user", "user.id", "request_entry.actor_id")
      .where("request_entry.request_id", "=", requestId)
      .$if(!options.withInternal, (q) => q.where("request_entry.internal", "=", 0))
      .select([
        "request_entry.id as id",
        "request_entry.kind as kind",
        "request_entry.from_state as fromState",
        "request_entry.to_state as toState",
        "request_entry.body as body",
        "request_entry.data as data",
        "request_entry.internal as internal",
        "request_entry.at as at",
        "user.full_name as actorName",
        "user.role as actorRole",
      ])
      .orderBy("request_entry.id")
      .execute(),
    db()
      .selectFrom("request_attachment")
      .innerJoin("stored_file", "stored_file.id", "request_attachment.file_id")
      .where("request_attachment.request_id", "=", requestId)
      .select([
        "stored_file.id as id",
        "stored_file.filename as filename",
        "stored_file.size_bytes as sizeBytes",
        "stored_file.sha256 as sha256",
        "request_attachment.entry_id as entryId",
      ])
      .orderBy("stored_file.id")
      .execute(),
  ]);
  const visibleEntries = new Set(entryRows.map((e) => e.id));
  const entries: RequestEntry[] = entryRows.map((e) => ({
    id: e.id,
    kind: e.kind,
    fromState: e.fromState,
    toState: e.toState,
    body: e.body,
    data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : {},
    internal: e.internal === 1,
    actorName: e.actorName,
    actorIsDost: e.actorRole === "dost_reviewer" || e.actorRole === "dost_admin",
    at: e.at,
    files: files.filter((f) => f.entryId === e.id).map(({ entryId: _, ...f }) => f),
  }));
  return {
    ...request,
    instruments,
    entries,
    // What DOST may do only once: ask for information, give a new date with an apology.
    asks: entries.filter((e) => e.kind === "transition" && e.toState === "needs_information").length,
    reschedules: entries.filter((e) => e.kind === "reschedule").length,
    // Files sent with the request itself (and certificates from its completion).
    files: files.filter((f) => f.entryId === null).map(({ entryId: _, ...f }) => f),
    // Every file within this viewer's reach, for the download check.
    fileIds: files.filter((f) => f.entryId === null || visibleEntries.has(f.entryId)).map((f) => f.id),
  };
}

export type RequestDetail = NonNullable<Awaited<ReturnType<typeof loadRequest>>>;

export function getRequestForBusiness(scope: BusinessScope, requestId: number) {
  return loadRequest(requestId, { businessId: scope.businessId, withInternal: false });
}

export function getRequestForDost(_scope: DostScope, requestId: number) {
  return loadRequest(requestId, { businessId: null, withInternal: true });
}

export function clockInputOf(request: {
  state: RequestState;
  submittedOn: string | null;
  deadlineOn: string | null;
  appointmentOn: string | null;
  pausedSince: string | null;
  pausedDays: number;
  decidedOn: string | null;
}): ClockInput {
  return {
    state: request.state,
    submittedOn: request.submittedOn,
    deadlineOn: request.deadlineOn,
    appointmentOn: request.appointmentOn,
    pausedSince: request.pausedSince,
    pausedDays: request.pausedDays,
    decidedOn: request.decidedOn,
  };
}

/** What the one-stop rules read of a loaded request (see allowedActions). */
export function clockViewOf(request: { state: RequestState; submittedOn: string | null; deadlineOn: string | null; asks: number; reschedules: number }): ClockView {
  return { state: request.state, submittedOn: request.submittedOn, deadlineOn: request.deadlineOn, asks: request.asks, reschedules: request.reschedules };
}

export async function listBusinessRequests(scope: BusinessScope) {
  return db()
    .selectFrom("support_request")
    .where("business_id", "=", scope.businessId)
    .select([
      "id",
      "code",
      "type",
      "state",
      "title",
      "created_at as createdAt",
      "updated_at as updatedAt",
      "submitted_on as submittedOn",
      "deadline_on as deadlineOn",
      "appointment_on as appointmentOn",
      "paused_since as pausedSince",
      "paused_days as pausedDays",
      "decided_on as decidedOn",
    ])
    // What waits for the business first, then the newest.
    .orderBy(sql`case when state in ('needs_information', 'draft') then 0 else 1 end`)
    .orderBy("updated_at", "desc")
    .execute();
}

/** For the business home page: what waits for the business, and what DOST has planned. */
export async function businessRequestSummary(scope: BusinessScope) {
  const rows = await db()
    .selectFrom("support_request")
    .where("business_id", "=", scope.businessId)
    .where("state", "in", ["draft", "needs_information", "submitted", "in_review", "answered", "approved"])
    .select(["id", "code", "title", "state", "appointment_on as appointmentOn", "plan_on as planOn"])
    .orderBy("updated_at", "desc")
    .execute();
  return {
    needsInformation: rows.filter((r) => r.state === "needs_information"),
    drafts: rows.filter((r) => r.state === "draft"),
    open: rows.filter((r) => r.state !== "draft" && r.state !== "needs_information").length,
  };
}

export type QueueFilter = {
  state: RequestState | "open" | "all";
  type: RequestType | "";
  sector: string;
  commune: string;
  clock: "" | "late" | "dueSoon" | "waiting";
  olderThanDays: number | null;
  assignee: "" | "me" | "none" | number;
  sort: "appointment" | "newest" | "oldest" | "updated";
  page: number;
};

export const QUEUE_PAGE_SIZE = 50;
const OPEN_STATES: RequestState[] = ["submitted", "in_review", "needs_information", "answered", "approved"];

function minusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** DOST's queue, filtered, sorted and paginated in SQL; drafts never appear. */
export async function queue(scope: DostScope, filter: QueueFilter, today: string) {
  // Filtered, counted and ordered on the request table alone; only the page's rows are then joined
  // to their business and assignee (joining every open request before sorting cost more than the
  // rest of the page).
  let query = db().selectFrom("support_request").where("support_request.state", "!=", "draft");
  if (filter.state === "open") query = query.where("support_request.state", "in", OPEN_STATES);
  else if (filter.state !== "all") query = query.where("support_request.state", "=", filter.state);
  if (filter.type) query = query.where("support_request.type", "=", filter.type);
  if (filter.sector) {
    const sector = filter.sector;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("business_sector")
          .whereRef("business_sector.business_id", "=", "support_request.business_id")
          .where("business_sector.sector", "=", sector)
          .select("business_sector.business_id"),
      ),
    );
  }
  if (filter.commune) {
    const commune = filter.commune;
    query = query.where("support_request.business_id", "in", (eb) => eb.selectFrom("business").where("business.commune_id", "=", commune).select("business.id"));
  }
  if (filter.clock === "late") query = query.where("support_request.state", "in", CLOCK_RUNNING).where("support_request.appointment_on", "<", today);
  if (filter.clock === "dueSoon") {
    query = query
      .where("support_request.state", "in", CLOCK_RUNNING)
      .where("support_request.appointment_on", ">=", today)
      .where("support_request.appointment_on", "<=", addWorkingDays(await currentHolidayCalendar(), today, 2));
  }
  if (filter.clock === "waiting") query = query.where("support_request.state", "=", "needs_information");
  if (filter.olderThanDays !== null) query = query.where("support_request.submitted_on", "<=", minusDays(today, filter.olderThanDays));
  if (filter.assignee === "me") query = query.where("support_request.assignee_id", "=", scope.user.id);
  else if (filter.assignee === "none") query = query.where("support_request.assignee_id", "is", null);
  else if (typeof filter.assignee === "number") query = query.where("support_request.assignee_id", "=", filter.assignee);

  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  let ordered = query.select("support_request.id as id");
  if (filter.sort === "appointment") {
    // Late and soon-due first, then the rest; requests without a running clock go last.
    ordered = ordered
      .orderBy(sql`case when support_request.state in ('submitted', 'in_review', 'answered') then 0 else 1 end`)
      .orderBy("support_request.appointment_on")
      .orderBy("support_request.id");
  } else if (filter.sort === "newest") ordered = ordered.orderBy("support_request.submitted_at", "desc").orderBy("support_request.id", "desc");
  else if (filter.sort === "oldest") ordered = ordered.orderBy("support_request.submitted_at").orderBy("support_request.id");
  else ordered = ordered.orderBy("support_request.updated_at", "desc").orderBy("support_request.id", "desc");
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page), pageCount);
  const ids = (
    await ordered
      .limit(QUEUE_PAGE_SIZE)
      .offset((page - 1) * QUEUE_PAGE_SIZE)
      .execute()
  ).map((row) => row.id);
  if (!ids.length) return { items: [], total, page, pageCount };
  const rows = await db()
    .selectFrom("support_request")
    .innerJoin("business", "business.id", "support_request.business_id")
    .leftJoin("user as assignee", "assignee.id", "support_request.assignee_id")
    .where("support_request.id", "in", ids)
    .select([
      "support_request.id as id",
      "support_request.code as code",
      "support_request.type as type",
      "support_request.state as state",
      "support_request.title as title",
      "support_request.submitted_on as submittedOn",
      "support_request.deadline_on as deadlineOn",
      "support_request.appointment_on as appointmentOn",
      "support_request.paused_since as pausedSince",
      "support_request.paused_days as pausedDays",
      "support_request.decided_on as decidedOn",
      "support_request.updated_at as updatedAt",
      "business.legal_name as businessName",
      "assignee.full_name as assigneeName",
    ])
    .execute();
  const position = new Map(ids.map((id, index) => [id, index]));
  const items = rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  return { items, total, page, pageCount };
}

/** Counts per state for the top of the queue, plus the late ones. */
export async function stateCounts(today: string) {
  const rows = await db()
    .selectFrom("support_request")
    .where("state", "!=", "draft")
    .groupBy("state")
    .select(["state", (eb) => eb.fn.countAll<number>().as("n")])
    .execute();
  const late = await db()
    .selectFrom("support_request")
    .where("state", "in", CLOCK_RUNNING)
    .where("appointment_on", "<", today)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const counts = Object.fromEntries(REQUEST_STATES.filter((s) => s !== "draft").map((s) => [s, 0])) as Record<Exclude<RequestState, "draft">, number>;
  for (const row of rows) if (row.state !== "draft") counts[row.state] = Number(row.n);
  return { counts, late: Number(late.n) };
}

/** For the DOST home page: what waits for reviewers. */
export async function dostRequestSummary(scope: DostScope, today: string) {
  const running = sql.join(CLOCK_RUNNING.map((state) => sql`${state}`));
  const open = sql.join(OPEN_STATES.map((state) => sql`${state}`));
  const row = await db()
    .selectFrom("support_request")
    .where("state", "in", OPEN_STATES)
    .select([
      sql<number>`sum(case when state = 'submitted' and assignee_id is null then 1 else 0 end)`.as("unassigned"),
      sql<number>`sum(case when state in (${running}) and appointment_on < ${today} then 1 else 0 end)`.as("late"),
      sql<number>`sum(case when state = 'answered' then 1 else 0 end)`.as("answered"),
      sql<number>`sum(case when state in (${open}) and assignee_id = ${scope.user.id} then 1 else 0 end)`.as("mine"),
      sql<number>`sum(case when state = 'approved' then 1 else 0 end)`.as("toComplete"),
    ])
    .executeTakeFirstOrThrow();
  return {
    unassigned: Number(row.unassigned ?? 0),
    late: Number(row.late ?? 0),
    answered: Number(row.answered ?? 0),
    mine: Number(row.mine ?? 0),
    toComplete: Number(row.toComplete ?? 0),
  };
}

export function reviewers() {
  return db()
    .selectFrom("user")
    .where("role", "in", ["dost_reviewer", "dost_admin"])
    .where("disabled_at", "is", null)
    .select(["id", "full_name as fullName"])
    .orderBy("full_name")
    .execute();
}

// A picker must stay usable for a water utility with thousands of meters: it lists the chosen
// ones and those most in need (overdue, unknown, due soonest), up to this many.
export const PICKER_LIMIT = 300;

/** Instruments for the request form: the chosen ones first, then the most urgent. */
export async function instrumentChoices(scope: BusinessScope, chosen: readonly number[]) {
  const rows = await db()
    .selectFrom("instrument")
    .innerJoin("site", "site.id", "instrument.site_id")
    .where("instrument.business_id", "=", scope.businessId)
    .where("instrument.status", "!=", "retired")
    .select([
      "instrument.id as id",
      "instrument.tag as tag",
      "instrument.name as name",
      "instrument.type_id as typeId",
      "instrument.status as status",
      "instrument.next_due_on as nextDueOn",
      "site.name as siteName",
    ])
    .$if(chosen.length > 0, (q) => q.orderBy(sql`case when instrument.id in (${sql.join(chosen.map((id) => sql`${id}`))}) then 0 else 1 end`))
    .orderBy(sql`case when instrument.next_due_on is null then 0 else 1 end`)
    .orderBy("instrument.next_due_on")
    .orderBy("instrument.tag")
    .limit(PICKER_LIMIT)
    .execute();
  const total = Number(
    (await db().selectFrom("instrument").where("business_id", "=", scope.businessId).where("status", "!=", "retired").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n,
  );
  return { instruments: rows, total };
}
