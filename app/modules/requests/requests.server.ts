import { type RequestEntryKind, type RequestState, type RequestType, type SupportRequestTable } from "@db/schema";
import { type Updateable, sql } from "kysely";
import { recordAudit } from "~/modules/audit/audit.server";
import { readHolidayCalendar } from "~/modules/holidays/calendar.server";
import { vietnamDay } from "~/modules/i18n/format";
import { insertEvents } from "~/modules/instruments/instruments.server";
import { providerIdByName } from "~/modules/providers/providers.server";
import { type BusinessScope, type DostScope } from "~/utils/auth.server";
import { type Queryable, type Tx, db, nowIso } from "~/utils/db.server";
import { type CheckedUpload, storeFile } from "~/utils/uploads.server";
import { notify } from "./notifications.server";
import { type HolidayCalendar, workingDaysBetween } from "./working-days";
import { type CompletionResult, type RequestForm } from "./schemas";
import { getSlaDays } from "./settings.server";
import {
  type ClockView,
  type RequestAction,
  type Side,
  DEFAULT_SLA_WORKING_DAYS,
  TRANSITIONS,
  canDo,
  firstDeadline,
  needsInstruments,
  newAppointmentProblem,
  restartClock,
  trackingCode,
} from "./workflow";

type Actor = { id: number };
type AnyScope = BusinessScope | DostScope;
const sideOf = (scope: AnyScope): Side => (scope.kind === "business" ? "business" : "dost");

export type RequestInput = Omit<RequestForm, "intent" | "instrumentIds" | "type"> & {
  type: RequestType;
  instrumentIds: number[];
  origin: { kind: "gap" | "schedule" | "event"; assessmentId: number | null; item: string | null } | null;
};

export type SaveRequestResult = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

/** Instruments named in a request must be this business's, in one query. */
async function ownedInstrumentIds(q: Queryable, businessId: number, ids: readonly number[]): Promise<boolean> {
  if (!ids.length) return true;
  const owned = await q.selectFrom("instrument").where("business_id", "=", businessId).where("id", "in", ids).select("id").execute();
  return owned.length === new Set(ids).size;
}

async function attachFiles(tx: Tx, scope: { businessId: number; user: Actor }, requestId: number, uploads: readonly CheckedUpload[], entryId: number | null) {
  for (const upload of uploads) {
    const fileId = await storeFile(tx, { businessId: scope.businessId, user: scope.user }, upload);
    await tx.insertInto("request_attachment").values({ request_id: requestId, file_id: fileId, entry_id: entryId }).execute();
  }
}

function draftColumns(input: RequestInput) {
  return {
    type: input.type,
    title: input.title,
    description: input.description,
    desired_on: input.desiredOn || null,
    trainees: input.type === "training" ? Number(input.trainees) : null,
  };
}

async function setInstruments(tx: Tx, requestId: number, input: RequestInput) {
  await tx.deleteFrom("support_request_instrument").where("request_id", "=", requestId).execute();
  const ids = needsInstruments(input.type) ? [...new Set(input.instrumentIds)] : [];
  if (ids.length) await tx.insertInto("support_request_instrument").values(ids.map((id) => ({ request_id: requestId, instrument_id: id }))).execute();
}

/** A new request, saved as a draft; with `submit` it is submitted in the same transaction. */
export async function createRequest(
  scope: BusinessScope,
  input: RequestInput,
  uploads: readonly CheckedUpload[],
  options: { submit: boolean; origin: string },
): Promise<SaveRequestResult> {
  if (!(await ownedInstrumentIds(db(), scope.businessId, input.instrumentIds))) return { ok: false, errors: { instrumentIds: "requests:errors.instruments" } };
  const id = await db()
    .transaction()
    .execute(async (tx) => {
      const now = nowIso();
      const row = await tx
        .insertInto("support_request")
        .values({
          business_id: scope.businessId,
          state: "draft",
          ...draftColumns(input),
          origin: input.origin?.kind ?? null,
          assessment_id: input.origin?.assessmentId ?? null,
          assessment_item: input.origin?.item ?? null,
          created_by: scope.user.id,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await setInstruments(tx, row.id, input);
      await attachFiles(tx, scope, row.id, uploads, null);
      await recordAudit(tx, { actorUserId: scope.user.id, businessId: scope.businessId, entity: "support_request", entityId: row.id, action: "create", detail: { type: input.type } });
      if (options.submit) await submitIn(tx, scope, row.id, options.origin);
      return row.id;
    });
  return { ok: true, id };
}

/** Changes a draft; once submitted a request is never edited, only answered and messaged. */
export async function updateDraft(
  scope: BusinessScope,
  requestId: number,
  input: RequestInput,
  uploads: readonly CheckedUpload[],
  options: { submit: boolean; origin: string },
): Promise<SaveRequestResult | null> {
  if (!(await ownedInstrumentIds(db(), scope.businessId, input.instrumentIds))) return { ok: false, errors: { instrumentIds: "requests:errors.instruments" } };
  return db()
    .transaction()
    .execute(async (tx) => {
      const request = await tx
        .selectFrom("support_request")
        .where("id", "=", requestId)
        .where("business_id", "=", scope.businessId)
        .select(["id", "state"])
        .executeTakeFirst();
      if (!request) return null;
      if (request.state !== "draft") return { ok: false as const, errors: { form: "requests:errors.notDraft" } };
      await tx.updateTable("support_request").set({ ...draftColumns(input), updated_at: nowIso() }).where("id", "=", requestId).execute();
      await setInstruments(tx, requestId, input);
      await attachFiles(tx, scope, requestId, uploads, null);
      await recordAudit(tx, { actorUserId: scope.user.id, businessId: scope.businessId, entity: "support_request", entityId: requestId, action: "update" });
      if (options.submit) await submitIn(tx, scope, requestId, options.origin);
      return { ok: true as const, id: requestId };
    });
}

export async function deleteDraft(scope: BusinessScope, requestId: number): Promise<boolean> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const deleted = await tx
        .deleteFrom("support_request")
        .where("id", "=", requestId)
        .where("business_id", "=", scope.businessId)
        .where("state", "=", "draft")
        .executeTakeFirst();
      if (!deleted.numDeletedRows) return false;
      await recordAudit(tx, { actorUserId: scope.user.id, businessId: scope.businessId, entity: "support_request", entityId: requestId, action: "delete" });
      return true;
    });
}

async function nextTrackingCode(tx: Tx, year: number): Promise<string> {
  const row = await tx
    .insertInto("request_counter")
    .values({ year, last_number: 1 })
    .onConflict((oc) => oc.column("year").doUpdateSet((eb) => ({ last_number: eb("request_counter.last_number", "+", 1) })))
    .returning("last_number")
    .executeTakeFirstOrThrow();
  return trackingCode(year, row.last_number);
}

type StepOptions = {
  body?: string;
  data?: Record<string, unknown>;
  set?: Updateable<SupportRequestTable>;
  kind?: RequestEntryKind;
};

type LockedRequest = {
  id: number;
  business_id: number;
  state: RequestState;
  type: RequestType;
  code: string | null;
  title: string;
  submitted_on: string | null;
  sla_days: number | null;
  appointment_on: string | null;
  deadline_on: string | null;
  paused_since: string | null;
  paused_days: number;
  assignee_id: number | null;
  /** Requests for information and new dates with an apology so far, from the timeline. */
  asks: number;
  reschedules: number;
};

async function lockRequest(tx: Tx, requestId: number, businessId: number | null): Promise<LockedRequest | undefined> {
  let query = tx
    .selectFrom("support_request")
    .where("id", "=", requestId)
    .select([
      "id",
      "business_id",
      "state",
      "type",
      "code",
      "title",
      "submitted_on",
      "sla_days",
      "appointment_on",
      "deadline_on",
      "paused_since",
      "paused_days",
      "assignee_id",
      sql<number>`(select count(*) from request_entry e where e.request_id = support_request.id and e.kind = 'transition' and e.to_state = 'needs_information')`.as("asks"),
      sql<number>`(select count(*) from request_entry e where e.request_id = support_request.id and e.kind = 'reschedule')`.as("reschedules"),
    ]);
  if (businessId !== null) query = query.where("business_id", "=", businessId);
  // Reviewers never see drafts: a draft is the business's own work in progress.
  else query = query.where("state", "!=", "draft");
  return query.executeTakeFirst();
}

/**
 * One step of the state machine, in the caller's transaction: checks that this side may take it
 * now, moves the state (guarded by the state it was read in), writes the timeline and the audit.
 */
async function step(tx: Tx, actor: Actor, side: Side, request: LockedRequest, action: RequestAction, options: StepOptions = {}): Promise<number> {
  const transition = TRANSITIONS[action];
  const to = transition.to ?? request.state;
  const now = nowIso();
  const updated = await tx
    .updateTable("support_request")
    .set({ ...options.set, state: to, updated_at: now })
    .where("id", "=", request.id)
    .where("state", "=", request.state)
    .executeTakeFirst();
  if (!updated.numUpdatedRows) throw new Error(`request ${request.id} changed while ${action} was being recorded`);
  const entry = await tx
    .insertInto("request_entry")
    .values({
      request_id: request.id,
      kind: options.kind ?? "transition",
      from_state: request.state,
      to_state: to,
      body: options.body ?? "",
      data: options.data ? JSON.stringify({ action, ...options.data }) : JSON.stringify({ action }),
      internal: 0,
      actor_id: actor.id,
      at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, {
    actorUserId: actor.id,
    businessId: request.business_id,
    entity: "support_request",
    entityId: request.id,
    action,
    detail: { ...(options.data ?? {}), state: { from: request.state, to }, side },
  });
  return entry.id;
}

async function submitIn(tx: Tx, scope: BusinessScope, requestId: number, origin: string) {
  const request = (await lockRequest(tx, requestId, scope.businessId))!;
  const today = vietnamDay();
  const calendar = await readHolidayCalendar(tx);
  if (!canDo(calendar, "submit", clockViewOf(request), "business", today)) return;
  const slaDays = await getSlaDays(tx);
  const deadline = firstDeadline(calendar, today, slaDays);
  const code = await nextTrackingCode(tx, Number(today.slice(0, 4)));
  await step(tx, scope.user, "business", request, "submit", {
    data: { code, appointmentOn: deadline, slaDays },
    set: { code, submitted_at: nowIso(), submitted_on: today, sla_days: slaDays, deadline_on: deadline, appointment_on: deadline },
  });
  await notify(tx, request, "submitted", origin);
}

export type ActionOutcome = "done" | "notFound" | "notAllowed";

/** Submits a draft: it gets its tracking code and appointment date. */
export async function submitRequest(scope: BusinessScope, requestId: number, origin: string): Promise<ActionOutcome> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const request = await lockRequest(tx, requestId, scope.businessId);
      if (!request) return "notFound";
      if (request.state !== "draft") return "notAllowed";
      await submitIn(tx, scope, requestId, origin);
      return "done";
    });
}

type Perform = (tx: Tx, request: LockedRequest, today: string, calendar: HolidayCalendar) => Promise<void>;

function clockViewOf(request: LockedRequest): ClockView {
  return {
    state: request.state,
    submittedOn: request.submitted_on,
    deadlineOn: request.deadline_on,
    asks: Number(request.asks),
    reschedules: Number(request.reschedules),
  };
}

/** Runs an action for either side: the request must be within reach and the move allowed now. */
async function perform(scope: AnyScope, requestId: number, action: RequestAction, run: Perform): Promise<ActionOutcome> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const request = await lockRequest(tx, requestId, scope.kind === "business" ? scope.businessId : null);
      if (!request) return "notFound";
      const today = vietnamDay();
      const calendar = await readHolidayCalendar(tx);
      if (!canDo(calendar, action, clockViewOf(request), sideOf(scope), today)) return "notAllowed";
      await run(tx, request, today, calendar);
      return "done";
    });
}

export function takeRequest(scope: DostScope, requestId: number): Promise<ActionOutcome> {
  return perform(scope, requestId, "take", async (tx, request) => {
    // Taking a request into review makes the reviewer its assignee unless someone already is.
    await step(tx, scope.user, "dost", request, "take", { set: { assignee_id: request.assignee_id ?? scope.user.id } });
  });
}

export function askForInformation(scope: DostScope, requestId: number, input: { items: string[]; body: string }, origin: string) {
  return perform(scope, requestId, "ask", async (tx, request, today) => {
    await step(tx, scope.user, "dost", request, "ask", { body: input.body, data: { items: input.items }, set: { paused_since: today } });
    await notify(tx, request, "needsInformation", origin);
  });
}

/** The business's answer: the time limit counts again from the start, from today (see restartClock). */
export function answerRequest(scope: BusinessScope, requestId: number, body: string, uploads: readonly CheckedUpload[], origin: string) {
  return perform(scope, requestId, "answer", async (tx, request, today, calendar) => {
    const restarted = request.submitted_on
      ? restartClock(calendar, { submittedOn: request.submitted_on, slaDays: request.sla_days ?? DEFAULT_SLA_WORKING_DAYS }, today)
      : null;
    const entryId = await step(tx, scope.user, "business", request, "answer", {
      body,
      data: restarted ? { appointmentOn: restarted.appointmentOn, deadlineOn: restarted.deadlineOn, restartedOn: today } : {},
      set: restarted
        ? { paused_since: null, deadline_on: restarted.deadlineOn, appointment_on: restarted.appointmentOn, paused_days: restarted.pausedDays }
        : { paused_since: null },
    });
    await attachFiles(tx, scope, request.id, uploads, entryId);
    await notify(tx, request, "answered", origin);
  });
}

export function approveRequest(scope: DostScope, requestId: number, plan: { provider: string; planOn: string; note: string }, origin: string) {
  return perform(scope, requestId, "approve", async (tx, request, today) => {
    // A name that matches the providers directory links the plan to that entry; any other stays free text.
    const providerId = await providerIdByName(plan.provider, tx);
    await step(tx, scope.user, "dost", request, "approve", {
      body: plan.note,
      data: { provider: plan.provider, planOn: plan.planOn },
      set: { plan_provider: plan.provider, plan_provider_id: providerId, plan_on: plan.planOn, plan_note: plan.note, decided_at: nowIso(), decided_on: today },
    });
    await notify(tx, request, "approved", origin);
  });
}

export function rejectRequest(scope: DostScope, requestId: number, input: { reasonCode: string; reason: string }, origin: string) {
  return perform(scope, requestId, "reject", async (tx, request, today) => {
    await step(tx, scope.user, "dost", request, "reject", {
      body: input.reason,
      data: { reasonCode: input.reasonCode },
      set: { reject_reason: input.reason, decided_at: nowIso(), decided_on: today, closed_at: nowIso() },
    });
    await notify(tx, request, "rejected", origin);
  });
}

export function withdrawRequest(scope: BusinessScope, requestId: number, reason: string, origin: string) {
  return perform(scope, requestId, "withdraw", async (tx, request, today, calendar) => {
    // Days spent waiting for the business stay the business's, even when it withdraws meanwhile.
    const waited = request.paused_since ? workingDaysBetween(calendar, request.paused_since, today) : 0;
    await step(tx, scope.user, "business", request, "withdraw", {
      body: reason,
      set: { decided_at: nowIso(), decided_on: today, paused_since: null, paused_days: request.paused_days + waited, closed_at: nowIso() },
    });
    await notify(tx, request, "withdrawn", origin);
  });
}

/**
 * A request that will not be decided by its deadline gets, once and at the latest the working day
 * before the deadline, an apology with a new promised date after it. The deadline stays: decided
 * after it, the request counts as late.
 */
export function rescheduleRequest(scope: DostScope, requestId: number, input: { appointmentOn: string; apology: string }, origin: string) {
  return perform(scope, requestId, "reschedule", async (tx, request, _today, calendar) => {
    const problem = request.deadline_on ? newAppointmentProblem(calendar, input.appointmentOn, { deadlineOn: request.deadline_on }) : "requests:errors.date";
    if (problem) throw new Error(`refused new appointment date ${input.appointmentOn}: ${problem}`);
    await step(tx, scope.user, "dost", request, "reschedule", {
      kind: "reschedule",
      body: input.apology,
      data: { from: request.appointment_on, to: input.appointmentOn },
      set: { appointment_on: input.appointmentOn },
    });
    await notify(tx, request, "rescheduled", origin);
  });
}

export type InstrumentCompletion = {
  instrumentId: number;
  result: CompletionResult;
  certificateNo: string;
  upload: CheckedUpload | null;
};

const EVENT_KIND = { verification: "verification", calibration: "calibration", testing: "test" } as const;

/**
 * Closes an approved request with its outcome. For verification, calibration and testing, each
 * instrument's result becomes an event in the register (with its certificate), in the same transaction.
 */
export function completeRequest(
  scope: DostScope,
  requestId: number,
  input: { outcome: string; performedOn: string; instruments: InstrumentCompletion[] },
  origin: string,
) {
  return perform(scope, requestId, "complete", async (tx, request, today) => {
    const performedOn = input.performedOn || today;
    const recorded: Array<{ instrumentId: number; result: CompletionResult; certificateNo: string; eventId: number | null }> = [];
    const plan = await tx.selectFrom("support_request").where("id", "=", request.id).select(["plan_provider", "plan_provider_id"]).executeTakeFirstOrThrow();
    const chosen = new Set(
      (await tx.selectFrom("support_request_instrument").where("request_id", "=", request.id).select("instrument_id").execute()).map((r) => r.instrument_id),
    );
    for (const item of input.instruments) {
      if (!chosen.has(item.instrumentId)) continue;
      if (item.result === "notDone" || !needsInstruments(request.type)) {
        recorded.push({ ...item, eventId: null });
        continue;
      }
      const events = await insertEvents(tx, { businessId: request.business_id, user: scope.user }, [item.instrumentId], {
        kind: EVENT_KIND[request.type as keyof typeof EVENT_KIND],
        performedOn,
        provider: plan.plan_provider ?? "",
        providerId: plan.plan_provider_id,
        certificateNo: item.certificateNo,
        result: item.result,
        notes: `${request.code ?? ""}`,
        overrideDueOn: null,
        supersedesEventId: null,
        impact: null,
        upload: item.upload,
      });
      if (!events) throw new Error(`instrument ${item.instrumentId} is not the request's business's`);
      if (events.fileId !== null) await tx.insertInto("request_attachment").values({ request_id: request.id, file_id: events.fileId, entry_id: null }).execute();
      recorded.push({ instrumentId: item.instrumentId, result: item.result, certificateNo: item.certificateNo, eventId: events.eventIds[0] ?? null });
    }
    await step(tx, scope.user, "dost", request, "complete", {
      body: input.outcome,
      data: { performedOn, instruments: recorded },
      set: { outcome: input.outcome, completed_at: nowIso(), closed_at: nowIso() },
    });
    await notify(tx, request, "completed", origin);
  });
}

/** A message to the other side, or (reviewers only) an internal note the business never sees. */
export async function postMessage(
  scope: AnyScope,
  requestId: number,
  input: { body: string; internal: boolean; uploads: readonly CheckedUpload[] },
  origin: string,
): Promise<ActionOutcome> {
  const internal = scope.kind === "dost" && input.internal;
  return db()
    .transaction()
    .execute(async (tx) => {
      const request = await lockRequest(tx, requestId, scope.kind === "business" ? scope.businessId : null);
      if (!request) return "notFound";
      if (request.state === "draft") return "notAllowed";
      const entry = await tx
        .insertInto("request_entry")
        .values({
          request_id: request.id,
          kind: internal ? "note" : "message",
          from_state: null,
          to_state: null,
          body: input.body,
          data: null,
          internal: internal ? 1 : 0,
          actor_id: scope.user.id,
          at: nowIso(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      // Internal notes carry no files: whatever a file holds, the business could be shown it by mistake.
      if (!internal) await attachFiles(tx, { businessId: request.business_id, user: scope.user }, request.id, input.uploads, entry.id);
      await tx.updateTable("support_request").set({ updated_at: nowIso() }).where("id", "=", request.id).execute();
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: request.business_id,
        entity: "support_request",
        entityId: request.id,
        action: internal ? "note" : "message",
      });
      if (!internal) await notify(tx, request, scope.kind === "business" ? "messageFromBusiness" : "messageFromDost", origin);
      return "done";
    });
}

export async function assignRequest(scope: DostScope, requestId: number, assigneeId: number | null): Promise<ActionOutcome | "badAssignee"> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const request = await lockRequest(tx, requestId, null);
      if (!request) return "notFound";
      let assigneeName: string | null = null;
      if (assigneeId !== null) {
        const reviewer = await tx
          .selectFrom("user")
          .where("id", "=", assigneeId)
          .where("role", "in", ["dost_reviewer", "dost_admin"])
          .where("disabled_at", "is", null)
          .select("full_name")
          .executeTakeFirst();
        if (!reviewer) return "badAssignee";
        assigneeName = reviewer.full_name;
      }
      await tx.updateTable("support_request").set({ assignee_id: assigneeId, updated_at: nowIso() }).where("id", "=", request.id).execute();
      await tx
        .insertInto("request_entry")
        .values({
          request_id: request.id,
          kind: "assign",
          from_state: null,
          to_state: null,
          body: "",
          data: JSON.stringify({ assigneeId, assigneeName }),
          // Who works on it is DOST's own business.
          internal: 1,
          actor_id: scope.user.id,
          at: nowIso(),
        })
        .execute();
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: request.business_id,
        entity: "support_request",
        entityId: request.id,
        action: "assign",
        detail: { from: request.assignee_id, to: assigneeId },
      });
      return "done";
    });
}
