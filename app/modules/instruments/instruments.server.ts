import { randomBytes } from "node:crypto";
import { type EventKind, type EventResult, type InstrumentStatus } from "@db/schema";
import { type BusinessScope } from "~/utils/auth.server";
import { type Queryable, type Tx, cacheUntilDataChanges, db, nowIso } from "~/utils/db.server";
import { type CheckedUpload, storeFile } from "~/utils/uploads.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { type Catalogue, legalCatalogue } from "~/modules/legal/catalogue.server";
import { LEGAL_PURPOSES } from "~/modules/legal/rules";
import { type DueState } from "./due-dates";
import { type InstrumentForm } from "./schemas";
import { computeSchedule, type Schedule, storedSchedule } from "./schedule";

export const STATUSES: readonly InstrumentStatus[] = ["in_service", "out_of_service", "quarantined", "retired"];
export { PURPOSES } from "~/modules/legal/rules";

/** An instrument's editable fields: the parsed shape of the instrument form. */
export type InstrumentInput = InstrumentForm;

/** 128 random bits: the public status page of one instrument says nothing about any other's address. */
export function newPublicToken(): string {
  return randomBytes(16).toString("base64url");
}

function columns(input: InstrumentInput) {
  return {
    site_id: input.siteId,
    type_id: input.typeId,
    tag: input.tag,
    name: input.name,
    serial: input.serial,
    manufacturer: input.manufacturer,
    model: input.model,
    range_min: input.rangeMin,
    range_max: input.rangeMax,
    unit: input.unit,
    accuracy: input.accuracy,
    purpose: input.purpose,
    status: input.status,
    own_interval_months: input.ownIntervalMonths,
    responsible_person: input.responsiblePerson,
  };
}

export type SaveInstrumentResult = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

async function siteBelongs(tx: Queryable, scope: BusinessScope, siteId: number) {
  return Boolean(await tx.selectFrom("site").where("business_id", "=", scope.businessId).where("id", "=", siteId).select("id").executeTakeFirst());
}

export async function createInstrument(scope: BusinessScope, input: InstrumentInput): Promise<SaveInstrumentResult> {
  return db()
    .transaction()
    .execute(async (tx): Promise<SaveInstrumentResult> => {
      if (!(await siteBelongs(tx, scope, input.siteId))) return { ok: false, errors: { siteId: "instruments:errors.site" } };
      const taken = await tx.selectFrom("instrument").where("business_id", "=", scope.businessId).where("tag", "=", input.tag).select("id").executeTakeFirst();
      if (taken) return { ok: false, errors: { tag: "instruments:errors.tagTaken" } };
      const now = nowIso();
      const row = await tx
        .insertInto("instrument")
        .values({ business_id: scope.businessId, ...columns(input), public_token: newPublicToken(), created_at: now, updated_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      await refreshSchedule(tx, row.id);
      await recordAudit(tx, { actorUserId: scope.user.id, businessId: scope.businessId, entity: "instrument", entityId: row.id, action: "create", detail: input });
      return { ok: true, id: row.id };
    });
}

export async function updateInstrument(scope: BusinessScope, instrumentId: number, input: InstrumentInput): Promise<SaveInstrumentResult | null> {
  return db()
    .transaction()
    .execute(async (tx): Promise<SaveInstrumentResult | null> => {
      const before = await tx.selectFrom("instrument").where("business_id", "=", scope.businessId).where("id", "=", instrumentId).selectAll().executeTakeFirst();
      if (!before) return null;
      if (!(await siteBelongs(tx, scope, input.siteId))) return { ok: false, errors: { siteId: "instruments:errors.site" } };
      const taken = await tx
        .selectFrom("instrument")
        .where("business_id", "=", scope.businessId)
        .where("tag", "=", input.tag)
        .where("id", "!=", instrumentId)
        .select("id")
        .executeTakeFirst();
      if (taken) return { ok: false, errors: { tag: "instruments:errors.tagTaken" } };
      await tx.updateTable("instrument").set({ ...columns(input), updated_at: nowIso() }).where("id", "=", instrumentId).execute();
      const schedule = await refreshSchedule(tx, instrumentId);
      if (before.purpose !== input.purpose) {
        // The purpose decides legal control (Law on Metrology Art. 16): its change is an event of its own.
        const catalogue = await legalCatalogue(tx);
        await recordAudit(tx, {
          actorUserId: scope.user.id,
          businessId: scope.businessId,
          entity: "instrument",
          entityId: instrumentId,
          action: "changePurpose",
          detail: {
            from: before.purpose,
            to: input.purpose,
            groupFrom: catalogue.status(before.type_id, before.purpose).group,
            groupTo: catalogue.status(input.typeId, input.purpose).group,
            nextDueFrom: before.next_due_on,
            nextDueTo: schedule.next?.dueOn ?? null,
          },
        });
      }
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: scope.businessId,
        entity: "instrument",
        entityId: instrumentId,
        action: "update",
        detail: { before: { ...before, public_token: undefined }, after: input },
      });
      return { ok: true, id: instrumentId };
    });
}

export async function eventsOf(q: Queryable, instrumentId: number) {
  return q
    .selectFrom("instrument_event")
    .leftJoin("user", "user.id", "instrument_event.recorded_by")
    .leftJoin("stored_file", "stored_file.id", "instrument_event.certificate_file_id")
    .where("instrument_event.instrument_id", "=", instrumentId)
    .select([
      "instrument_event.id as id",
      "instrument_event.kind as kind",
      "instrument_event.performed_on as performedOn",
      "instrument_event.provider as provider",
      "instrument_event.certificate_no as certificateNo",
      "instrument_event.result as result",
      "instrument_event.notes as notes",
      "instrument_event.override_due_on as overrideDueOn",
      "instrument_event.supersedes_event_id as supersedesEventId",
      "instrument_event.impact_since as impactSince",
      "instrument_event.impact_measured as impactMeasured",
      "instrument_event.impact_action as impactAction",
      "instrument_event.recorded_at as recordedAt",
      "user.full_name as recordedBy",
      "stored_file.id as fileId",
      "stored_file.filename as fileName",
      "stored_file.sha256 as fileSha256",
    ])
    .orderBy("instrument_event.performed_on", "desc")
    .orderBy("instrument_event.id", "desc")
    .execute();
}

/**
 * Recomputes the stored schedule of one instrument from its events, its type's legal rows and its
 * purpose; call inside the command's transaction (`catalogue`: one already read for this command).
 */
export async function refreshSchedule(tx: Queryable, instrumentId: number, catalogue?: Catalogue): Promise<Schedule> {
  const instrument = await tx.selectFrom("instrument").where("id", "=", instrumentId).select(["type_id", "purpose", "own_interval_months", "status"]).executeTakeFirstOrThrow();
  const legal = (catalogue ?? (await legalCatalogue(tx))).legalInput(instrument.type_id, instrument.purpose);
  const schedule = computeSchedule({ ...legal, ownIntervalMonths: instrument.own_interval_months, events: await eventsOf(tx, instrumentId) });
  await tx.updateTable("instrument").set(storedSchedule(schedule, instrument.status)).where("id", "=", instrumentId).execute();
  return schedule;
}

export type EventInput = {
  kind: EventKind;
  performedOn: string;
  provider: string;
  /** The directory entry the provider's name matches, if any; the name stays as typed. */
  providerId?: number | null;
  certificateNo: string;
  result: EventResult | null;
  notes: string;
  overrideDueOn: string | null;
  supersedesEventId: number | null;
  impact: { since: string | null; measured: string; action: string } | null;
  upload: CheckedUpload | null;
};

/**
 * Records one event on each of the given instruments (one, or a provider's visit to many) in one
 * transaction. Events are never edited: a correction is a new event naming the one it replaces.
 * Returns null when any instrument is not this business's.
 */
export async function recordEvents(scope: BusinessScope, instrumentIds: readonly number[], input: EventInput, visitRef: string | null = null) {
  if (!instrumentIds.length) return null;
  return db()
    .transaction()
    .execute(async (tx) => (await insertEvents(tx, scope, instrumentIds, input, visitRef))?.eventIds ?? null);
}

/**
 * The same, inside the caller's transaction; the actor may be a DOST reviewer completing a
 * support request on the business's behalf (then `businessId` is the request's business).
 */
export async function insertEvents(
  tx: Tx,
  actor: { businessId: number; user: { id: number } },
  instrumentIds: readonly number[],
  input: EventInput,
  visitRef: string | null = null,
) {
  const owned = await tx.selectFrom("instrument").where("business_id", "=", actor.businessId).where("id", "in", instrumentIds).select("id").execute();
  if (owned.length !== new Set(instrumentIds).size) return null;
  if (input.supersedesEventId !== null) {
    const target = await tx
      .selectFrom("instrument_event")
      .where("business_id", "=", actor.businessId)
      .where("id", "=", input.supersedesEventId)
      .where("instrument_id", "in", instrumentIds)
      .select("id")
      .executeTakeFirst();
    if (!target) return null;
  }
  const fileId = input.upload ? await storeFile(tx, actor, input.upload) : null;
  const recordedAt = nowIso();
  const catalogue = await legalCatalogue(tx);
  const eventIds: number[] = [];
  for (const instrumentId of instrumentIds) {
    const row = await tx
      .insertInto("instrument_event")
      .values({
        instrument_id: instrumentId,
        business_id: actor.businessId,
        kind: input.kind,
        performed_on: input.performedOn,
        provider: input.provider,
        provider_id: input.providerId ?? null,
        certificate_no: input.certificateNo,
        result: input.kind === "override" ? null : input.result,
        certificate_file_id: fileId,
        notes: input.notes,
        override_due_on: input.kind === "override" ? input.overrideDueOn : null,
        supersedes_event_id: input.supersedesEventId,
        visit_ref: visitRef,
        impact_since: input.impact?.since ?? null,
        impact_measured: input.impact?.measured ?? null,
        impact_action: input.impact?.action ?? null,
        recorded_by: actor.user.id,
        recorded_at: recordedAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    eventIds.push(row.id);
    await refreshSchedule(tx, instrumentId, catalogue);
  }
  await recordAudit(tx, {
    actorUserId: actor.user.id,
    businessId: actor.businessId,
    entity: "instrument_event",
    entityId: eventIds.join(","),
    action: input.supersedesEventId ? "correct" : "record",
    detail: { kind: input.kind, performedOn: input.performedOn, result: input.result, instruments: instrumentIds, visitRef },
  });
  return { eventIds, fileId };
}

export function getInstrument(scope: BusinessScope, instrumentId: number) {
  return db()
    .selectFrom("instrument")
    .innerJoin("site", "site.id", "instrument.site_id")
    .where("instrument.business_id", "=", scope.businessId)
    .where("instrument.id", "=", instrumentId)
    .select([
      "instrument.id as id",
      "instrument.site_id as siteId",
      "site.name as siteName",
      "instrument.type_id as typeId",
      "instrument.tag as tag",
      "instrument.name as name",
      "instrument.serial as serial",
      "instrument.manufacturer as manufacturer",
      "instrument.model as model",
      "instrument.range_min as rangeMin",
      "instrument.range_max as rangeMax",
      "instrument.unit as unit",
      "instrument.accuracy as accuracy",
      "instrument.purpose as purpose",
      "instrument.status as status",
      "instrument.own_interval_months as ownIntervalMonths",
      "instrument.responsible_person as responsiblePerson",
      "instrument.public_token as publicToken",
      "instrument.legal_due_on as legalDueOn",
      "instrument.own_due_on as ownDueOn",
      "instrument.next_due_on as nextDueOn",
      "instrument.due_rule as dueRule",
      "instrument.last_event_on as lastEventOn",
      "instrument.last_certificate_no as lastCertificateNo",
      "instrument.last_provider as lastProvider",
      "instrument.updated_at as updatedAt",
    ])
    .executeTakeFirst();
}

export type DueFilter = "overdue" | "due30" | "due60" | "due90" | "unknown" | "inDate";
export type SortKey = "tag" | "name" | "due" | "site" | "type";
export type InstrumentFilter = {
  query: string;
  siteId: number | null;
  typeId: string | null;
  status: InstrumentStatus | null;
  due: DueFilter | null;
  sort: SortKey;
  descending: boolean;
  page: number;
  pageSize: number;
};

/** Day boundaries for the due filters, from today's date in Vietnam. */
function dueBounds(today: string) {
  const plus = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return { today, d30: plus(30), d60: plus(60), d90: plus(90) };
}

/** The register page: filtered, sorted and paginated in SQL, so 30,000 instruments stay quick. */
/** `knownTotal`: the caller already counted the matches (the schedule, from dueCounts). */
export async function listInstruments(scope: BusinessScope, filter: InstrumentFilter, today: string, knownTotal?: number) {
  const bounds = dueBounds(today);
  let query = db().selectFrom("instrument").where("instrument.business_id", "=", scope.businessId);
  if (filter.query) {
    const like = `%${filter.query.replace(/[%_]/g, "")}%`;
    query = query.where((eb) =>
      eb.or([eb("instrument.tag", "like", like), eb("instrument.name", "like", like), eb("instrument.serial", "like", like)]),
    );
  }
  if (filter.siteId) query = query.where("instrument.site_id", "=", filter.siteId);
  if (filter.typeId) query = query.where("instrument.type_id", "=", filter.typeId);
  if (filter.status) query = query.where("instrument.status", "=", filter.status);
  if (filter.due) {
    // Due states apply to instruments in service; the others are out of the schedule.
    query = query.where("instrument.status", "=", "in_service");
    if (filter.due === "unknown") query = query.where("instrument.next_due_on", "is", null);
    else if (filter.due === "overdue") query = query.where("instrument.next_due_on", "<", bounds.today);
    else if (filter.due === "inDate") query = query.where("instrument.next_due_on", ">", bounds.d90);
    else {
      const upper = { due30: bounds.d30, due60: bounds.d60, due90: bounds.d90 }[filter.due];
      query = query.where("instrument.next_due_on", ">=", bounds.today).where("instrument.next_due_on", "<=", upper);
    }
  }
  const total = knownTotal ?? (await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow()).total;
  const direction = filter.descending ? "desc" : "asc";
  const ordered = (() => {
    const q = query.innerJoin("site", "site.id", "instrument.site_id");
    switch (filter.sort) {
      case "name":
        return q.orderBy("instrument.name", direction);
      case "site":
        return q.orderBy("site.name", direction).orderBy("instrument.tag", "asc");
      case "type":
        return q.orderBy("instrument.type_id", direction).orderBy("instrument.tag", "asc");
      case "due":
        // A due filter leaves only known or only unknown dates: plain date order then reads the
        // index in order instead of sorting every match.
        if (filter.due) return q.orderBy("instrument.next_due_on", direction);
        // Unknown dates first when ascending: they need attention most.
        return q.orderBy((eb) => eb.case().when("instrument.next_due_on", "is", null).then(0).else(1).end(), direction).orderBy("instrument.next_due_on", direction);
      default:
        return q.orderBy("instrument.tag", direction);
    }
  })();
  const rows = await ordered
    .select([
      "instrument.id as id",
      "instrument.tag as tag",
      "instrument.name as name",
      "instrument.type_id as typeId",
      "instrument.purpose as purpose",
      "instrument.status as status",
      "instrument.next_due_on as nextDueOn",
      "instrument.serial as serial",
      "site.name as siteName",
    ])
    .orderBy("instrument.id", "asc")
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { total: Number(total), rows };
}

export type DueCounts = Record<DueState, number>;

/** Counts per due state of the instruments in service, for the schedule and the home page. */
// Counting a chain's 5,000 instruments takes milliseconds on every home and schedule view, while
// the counts change only when the data does.
const recentCounts = cacheUntilDataChanges<DueCounts & { inService: number }>(500);
const recentBreakdowns = cacheUntilDataChanges<Awaited<ReturnType<typeof computeDueBreakdown>>>(500);

export function dueCounts(scope: BusinessScope, today: string, siteId: number | null = null): Promise<DueCounts & { inService: number }> {
  return recentCounts(`${scope.businessId}|${today}|${siteId}`, () => computeDueCounts(scope, today, siteId));
}

export function dueBreakdown(scope: BusinessScope, today: string, by: "site" | "type") {
  return recentBreakdowns(`${scope.businessId}|${today}|${by}`, () => computeDueBreakdown(scope, today, by));
}

async function computeDueCounts(scope: BusinessScope, today: string, siteId: number | null): Promise<DueCounts & { inService: number }> {
  const bounds = dueBounds(today);
  let query = db().selectFrom("instrument").where("business_id", "=", scope.businessId).where("status", "=", "in_service");
  if (siteId) query = query.where("site_id", "=", siteId);
  const row = await query
    .select((eb) => [
      eb.fn.countAll<number>().as("inService"),
      eb.fn.sum<number>(eb.case().when("next_due_on", "is", null).then(1).else(0).end()).as("unknown"),
      eb.fn.sum<number>(eb.case().when("next_due_on", "<", bounds.today).then(1).else(0).end()).as("overdue"),
      eb.fn.sum<number>(eb.case().when(eb.and([eb("next_due_on", ">=", bounds.today), eb("next_due_on", "<=", bounds.d30)])).then(1).else(0).end()).as("due30"),
      eb.fn.sum<number>(eb.case().when(eb.and([eb("next_due_on", ">", bounds.d30), eb("next_due_on", "<=", bounds.d60)])).then(1).else(0).end()).as("due60"),
      eb.fn.sum<number>(eb.case().when(eb.and([eb("next_due_on", ">", bounds.d60), eb("next_due_on", "<=", bounds.d90)])).then(1).else(0).end()).as("due90"),
      eb.fn.sum<number>(eb.case().when("next_due_on", ">", bounds.d90).then(1).else(0).end()).as("inDate"),
    ])
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    inService: n(row.inService),
    unknown: n(row.unknown),
    overdue: n(row.overdue),
    due30: n(row.due30),
    due60: n(row.due60),
    due90: n(row.due90),
    inDate: n(row.inDate),
  };
}

/** Due counts per site and per type of the instruments in service, in one query each. */
async function computeDueBreakdown(scope: BusinessScope, today: string, by: "site" | "type") {
  const bounds = dueBounds(today);
  const base = db().selectFrom("instrument").where("instrument.business_id", "=", scope.businessId).where("instrument.status", "=", "in_service");
  const sums = base.select((eb) => [
    eb.fn.countAll<number>().as("inService"),
    eb.fn.sum<number>(eb.case().when("instrument.next_due_on", "is", null).then(1).else(0).end()).as("unknown"),
    eb.fn.sum<number>(eb.case().when("instrument.next_due_on", "<", bounds.today).then(1).else(0).end()).as("overdue"),
    eb.fn
      .sum<number>(eb.case().when(eb.and([eb("instrument.next_due_on", ">=", bounds.today), eb("instrument.next_due_on", "<=", bounds.d30)])).then(1).else(0).end())
      .as("due30"),
    eb.fn
      .sum<number>(eb.case().when(eb.and([eb("instrument.next_due_on", ">", bounds.d30), eb("instrument.next_due_on", "<=", bounds.d90)])).then(1).else(0).end())
      .as("due90"),
  ]);
  const rows =
    by === "site"
      ? await sums.innerJoin("site", "site.id", "instrument.site_id").select(["site.id as key", "site.name as label"]).groupBy(["site.id", "site.name"]).execute()
      : await sums.select(["instrument.type_id as key", "instrument.type_id as label"]).groupBy("instrument.type_id").execute();
  const n = (v: unknown) => Number(v ?? 0);
  return rows.map((r) => ({
    key: String(r.key),
    label: String(r.label),
    inService: n(r.inService),
    unknown: n(r.unknown),
    overdue: n(r.overdue),
    due30: n(r.due30),
    due90: n(r.due90),
  }));
}

/** One row per instrument type in service: counts, earliest due date and the providers used. */
export async function registerByType(scope: BusinessScope, today: string) {
  const rows = await db()
    .selectFrom("instrument")
    .where("business_id", "=", scope.businessId)
    .where("status", "=", "in_service")
    .select((eb) => [
      "type_id as typeId",
      eb.fn.countAll<number>().as("count"),
      eb.fn.min("next_due_on").as("earliestDue"),
      eb.fn.sum<number>(eb.case().when("next_due_on", "<", today).then(1).else(0).end()).as("overdue"),
      eb.fn.sum<number>(eb.case().when("next_due_on", "is", null).then(1).else(0).end()).as("unknown"),
      eb.fn.sum<number>(eb.case().when("responsible_person", "=", "").then(1).else(0).end()).as("withoutResponsible"),
      eb.fn.max("own_interval_months").as("ownInterval"),
      eb.fn.max("last_provider").as("provider"),
      eb.fn.sum<number>(eb.case().when("purpose", "in", LEGAL_PURPOSES).then(1).else(0).end()).as("legalPurpose"),
    ])
    .groupBy("type_id")
    .orderBy("type_id")
    .execute();
  return rows.map((r) => ({
    typeId: r.typeId,
    count: Number(r.count),
    earliestDue: (r.earliestDue as string | null) ?? null,
    overdue: Number(r.overdue ?? 0),
    unknown: Number(r.unknown ?? 0),
    withoutResponsible: Number(r.withoutResponsible ?? 0),
    ownInterval: r.ownInterval === null ? null : Number(r.ownInterval),
    provider: (r.provider as string | null) ?? null,
    /** In service for a purpose the law controls (trade, safety, …): group 2 when the type is listed. */
    legalPurpose: Number(r.legalPurpose ?? 0),
  }));
}
