// DOST keeps the legal catalogue: instrument types (add, rename, retire — never delete) and their
// effective-dated control rows (insert-only; a row entered in error is retracted with a reason).
// A row change is previewed first (what it does to stored due dates), then saved in one
// transaction with the recomputed dates, the audit trail and a notice per affected business.
import { can } from "~/modules/accounts/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { sectorIds } from "~/modules/content/content";
import { type DostScope } from "~/utils/auth.server";
import { type Queryable, type Tx, db, nowIso } from "~/utils/db.server";
import { type Catalogue, buildCatalogue } from "./catalogue";
import { legalCatalogue } from "./catalogue.server";
import { type ControlRowInput, type LegalControl, validateControlRow } from "./rules";
import { type NewTypeInput, type RenameTypeInput } from "./schemas";
import { type ScheduleChange, loadCatalogueRows, recomputeSchedules } from "./store.server";

/** Data functions trust the route guard, and check again: only DOST admins change the legal content. */
function assertAdmin(scope: DostScope): void {
  if (scope.kind !== "dost" || !can(scope.user.role, "dost:admin")) throw new Error("only a DOST admin changes the legal catalogue");
}

// ---- Reading ----

/** Instruments per type, across every business (the admin list and the type page). */
async function usage(q: Queryable, typeId?: string) {
  let query = q.selectFrom("instrument").select((eb) => ["type_id as typeId", eb.fn.countAll<number>().as("instruments"), eb.fn.count<number>("business_id").distinct().as("businesses")]);
  if (typeId) query = query.where("type_id", "=", typeId);
  const rows = await query.groupBy("type_id").execute();
  return new Map(rows.map((r) => [r.typeId, { instruments: Number(r.instruments), businesses: Number(r.businesses) }]));
}

export async function typesForAdmin(filter: { query: string; language: string }) {
  const [catalogue, used] = await Promise.all([legalCatalogue(), usage(db())]);
  const needle = filter.query.trim().toLocaleLowerCase("vi");
  const collator = new Intl.Collator(filter.language === "en" ? "en" : "vi");
  return catalogue.types
    .filter((t) => !needle || [t.id, t.name.vi, t.name.en, t.listItem ?? ""].some((s) => s.toLocaleLowerCase("vi").includes(needle)))
    .map((t) => ({
      id: t.id,
      name: filter.language === "en" ? t.name.en : t.name.vi,
      group: t.group,
      listItem: t.current?.item || t.listItem,
      cycleMonths: t.current?.listed ? t.current.cycleMonths : null,
      basis: t.current?.basis ?? null,
      retired: Boolean(t.retiredAt),
      instruments: used.get(t.id)?.instruments ?? 0,
    }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

export async function typeForAdmin(typeId: string) {
  const [catalogue, used] = await Promise.all([legalCatalogue(), usage(db(), typeId)]);
  const type = catalogue.type(typeId);
  if (!type) return null;
  return { type, today: catalogue.today, instruments: used.get(typeId)?.instruments ?? 0, businesses: used.get(typeId)?.businesses ?? 0 };
}

// ---- Types ----

export type SaveResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

export async function createType(scope: DostScope, input: NewTypeInput): Promise<SaveResult> {
  assertAdmin(scope);
  if (input.sectors.some((s) => !sectorIds.includes(s))) return { ok: false, errors: { sectors: "catalogue:errors.sectors" } };
  return db()
    .transaction()
    .execute(async (tx): Promise<SaveResult> => {
      if (await tx.selectFrom("instrument_type").where("id", "=", input.id).select("id").executeTakeFirst()) return { ok: false, errors: { id: "catalogue:errors.idTaken" } };
      const now = nowIso();
      await tx
        .insertInto("instrument_type")
        .values({
          id: input.id,
          name_vi: input.nameVi,
          name_en: input.nameEn,
          quantity_vi: input.quantityVi,
          quantity_en: input.quantityEn,
          unit: input.unit,
          sectors: JSON.stringify([...new Set(input.sectors)]),
          recommended_calibration_months: input.recommendedMonths,
          list_item: input.listItem || null,
          retired_at: null,
          created_at: now,
          created_by: scope.user.id,
          updated_at: now,
          updated_by: scope.user.id,
        })
        .execute();
      await recordAudit(tx, { actorUserId: scope.user.id, businessId: null, entity: "instrument_type", entityId: input.id, action: "create", detail: input });
      return { ok: true, id: input.id };
    });
}

/** Renames a type (its names and list item); instruments keep it, so their pages show the new name. */
export async function renameType(scope: DostScope, typeId: string, input: RenameTypeInput): Promise<SaveResult | null> {
  assertAdmin(scope);
  return db()
    .transaction()
    .execute(async (tx): Promise<SaveResult | null> => {
      const before = await tx.selectFrom("instrument_type").where("id", "=", typeId).select(["name_vi", "name_en", "list_item"]).executeTakeFirst();
      if (!before) return null;
      await tx
        .updateTable("instrument_type")
        .set({ name_vi: input.nameVi, name_en: input.nameEn, list_item: input.listItem || null, updated_at: nowIso(), updated_by: scope.user.id })
        .where("id", "=", typeId)
        .execute();
      await recordAudit(tx, { actorUserId: scope.user.id, businessId: null, entity: "instrument_type", entityId: typeId, action: "rename", detail: { before, after: input } });
      return { ok: true, id: typeId };
    });
}

/**
 * Retires a type, or brings it back. There is no delete: instruments refer to their type for
 * ever. A retired type in use stays on its instruments (and their schedules); it is only no
 * longer offered for a new instrument. Returns how many instruments use it, or null for no such type.
 */
export async function setTypeRetired(scope: DostScope, typeId: string, retired: boolean): Promise<{ inUse: number } | null> {
  assertAdmin(scope);
  return db()
    .transaction()
    .execute(async (tx) => {
      const type = await tx.selectFrom("instrument_type").where("id", "=", typeId).select(["retired_at"]).executeTakeFirst();
      if (!type) return null;
      const inUse = (await usage(tx, typeId)).get(typeId)?.instruments ?? 0;
      if (Boolean(type.retired_at) === retired) return { inUse };
      const now = nowIso();
      await tx
        .updateTable("instrument_type")
        .set({ retired_at: retired ? now : null, updated_at: now, updated_by: scope.user.id })
        .where("id", "=", typeId)
        .execute();
      await recordAudit(tx, { actorUserId: scope.user.id, businessId: null, entity: "instrument_type", entityId: typeId, action: retired ? "retire" : "restore", detail: { inUse } });
      return { inUse };
    });
}

// ---- Control rows: preview and save ----

export type RowChange = { kind: "add"; typeId: string; input: ControlRowInput } | { kind: "retract"; typeId: string; rowId: number; reason: string };

export type ChangeSummary = {
  /** Instruments whose next due date moves. */
  moved: number;
  businesses: number;
  /** In service, not overdue before, overdue after. */
  becomeOverdue: number;
  /** In service, overdue before, not after. */
  leaveOverdue: number;
  /** Instruments whose stored schedule changes at all (a rule's citation included). */
  recomputed: number;
  examples: Array<{ instrumentId: number; tag: string; businessName: string; before: string | null; after: string | null }>;
};

const EXAMPLES = 5;
const NEW_ROW_ID = Number.MAX_SAFE_INTEGER;

async function summarize(q: Queryable, changes: readonly ScheduleChange[], today: string): Promise<ChangeSummary> {
  const overdue = (day: string | null) => day !== null && day < today;
  const moved = changes.filter((c) => c.before.nextDueOn !== c.after.next_due_on);
  const inService = moved.filter((c) => c.after.status === "in_service");
  const shown = moved.slice(0, EXAMPLES);
  const names = shown.length
    ? new Map(
        (await q.selectFrom("business").where("id", "in", [...new Set(shown.map((c) => c.businessId))]).select(["id", "legal_name"]).execute()).map((b) => [b.id, b.legal_name]),
      )
    : new Map<number, string>();
  return {
    moved: moved.length,
    businesses: new Set(moved.map((c) => c.businessId)).size,
    becomeOverdue: inService.filter((c) => !overdue(c.before.nextDueOn) && overdue(c.after.next_due_on)).length,
    leaveOverdue: inService.filter((c) => overdue(c.before.nextDueOn) && !overdue(c.after.next_due_on)).length,
    recomputed: changes.length,
    examples: shown.map((c) => ({ instrumentId: c.instrumentId, tag: c.tag, businessName: names.get(c.businessId) ?? "", before: c.before.nextDueOn, after: c.after.next_due_on })),
  };
}

type Proposal = { ok: true; before: Catalogue; after: Catalogue; row: LegalControl } | { ok: false; errors: Record<string, string> } | null;

/** The catalogue before and after a change, checked; null when the type or the row is not there. */
async function propose(q: Queryable, change: RowChange, actorId: number, today: string): Promise<Proposal> {
  const { types, rows } = await loadCatalogueRows(q);
  if (!types.some((t) => t.id === change.typeId)) return null;
  const own = rows.filter((r) => r.typeId === change.typeId);
  const before = buildCatalogue(types, rows, today);
  if (change.kind === "add") {
    const errors = validateControlRow(change.input, own);
    if (Object.keys(errors).length) return { ok: false, errors };
    const row: LegalControl = { id: NEW_ROW_ID, typeId: change.typeId, ...change.input, createdAt: nowIso(), createdBy: actorId, retractedAt: null, retractedBy: null, retractReason: null };
    return { ok: true, before, after: buildCatalogue(types, [...rows, row], today), row };
  }
  const target = own.find((r) => r.id === change.rowId);
  if (!target) return null;
  if (target.retractedAt) return { ok: false, errors: { rowId: "catalogue:errors.alreadyRetracted" } };
  if (!change.reason.trim()) return { ok: false, errors: { reason: "catalogue:errors.required" } };
  const retracted: LegalControl = { ...target, retractedAt: nowIso(), retractedBy: actorId, retractReason: change.reason };
  return { ok: true, before, after: buildCatalogue(types, rows.map((r) => (r.id === target.id ? retracted : r)), today), row: retracted };
}

export type PreviewResult = { ok: true; summary: ChangeSummary } | { ok: false; errors: Record<string, string> } | null;

/** What the change would do, computed in memory from the stored events: nothing is written. */
export async function previewRowChange(scope: DostScope, change: RowChange, today: string): Promise<PreviewResult> {
  assertAdmin(scope);
  const proposal = await propose(db(), change, scope.user.id, today);
  if (!proposal || !proposal.ok) return proposal;
  const changes = await recomputeSchedules(db(), proposal.after, { typeIds: [change.typeId] }, { write: false });
  return { ok: true, summary: await summarize(db(), changes, today) };
}

export type ApplyResult = { ok: true; summary: ChangeSummary; rowId: number } | { ok: false; errors: Record<string, string> } | null;

/** How the notice describes the change, from the row in force today before and after it. */
function noticeKind(change: RowChange, before: LegalControl | null, after: LegalControl | null) {
  const months = (row: LegalControl | null) => (row?.listed ? row.cycleMonths : null);
  if (change.kind === "retract") return "retracted" as const;
  if (before?.listed && after && !after.listed) return "removed" as const;
  if (!before?.listed && after?.listed) return "listed" as const;
  if (months(before) !== months(after)) return "cycle" as const;
  return "other" as const;
}

/**
 * Saves the change in one transaction: the row (inserted, or marked retracted), the stored
 * schedules of the type's instruments recomputed, an audit row for the change and one per
 * business whose instruments it touched, and a notice per business whose due dates moved, for
 * its next reminder digest. Checked again inside the transaction, so a row saved meanwhile by
 * another admin is seen.
 */
export async function applyRowChange(scope: DostScope, change: RowChange, today: string): Promise<ApplyResult> {
  assertAdmin(scope);
  return db()
    .transaction()
    .execute(async (tx: Tx): Promise<ApplyResult> => {
      const proposal = await propose(tx, change, scope.user.id, today);
      if (!proposal || !proposal.ok) return proposal;
      const { row } = proposal;
      let rowId: number;
      if (change.kind === "add") {
        rowId = (
          await tx
            .insertInto("legal_control")
            .values({
              type_id: change.typeId,
              effective_from: row.effectiveFrom,
              listed: row.listed ? 1 : 0,
              controls: JSON.stringify(row.controls),
              cycle_months: row.cycleMonths,
              document: row.document,
              article: row.article,
              item: row.item,
              basis: row.basis,
              note: row.note,
              created_by: scope.user.id,
              created_at: row.createdAt,
              retracted_at: null,
              retracted_by: null,
              retract_reason: null,
            })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
      } else {
        rowId = row.id;
        await tx
          .updateTable("legal_control")
          .set({ retracted_at: row.retractedAt, retracted_by: scope.user.id, retract_reason: row.retractReason })
          .where("id", "=", rowId)
          .where("retracted_at", "is", null)
          .execute();
      }
      const changes = await recomputeSchedules(tx, proposal.after, { typeIds: [change.typeId] }, { write: true });
      const summary = await summarize(tx, changes, today);
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: null,
        entity: "legal_control",
        entityId: rowId,
        action: change.kind === "add" ? "create" : "retract",
        detail: { typeId: change.typeId, row: { ...row, id: rowId }, moved: summary.moved, businesses: summary.businesses, becomeOverdue: summary.becomeOverdue },
      });
      const typeBefore = proposal.before.type(change.typeId)?.current ?? null;
      const typeAfter = proposal.after.type(change.typeId)?.current ?? null;
      const kind = noticeKind(change, typeBefore, typeAfter);
      const byBusiness = new Map<number, ScheduleChange[]>();
      for (const c of changes) byBusiness.set(c.businessId, [...(byBusiness.get(c.businessId) ?? []), c]);
      const now = nowIso();
      for (const [businessId, own] of byBusiness) {
        const moved = own.filter((c) => c.before.nextDueOn !== c.after.next_due_on);
        await recordAudit(tx, {
          actorUserId: scope.user.id,
          businessId,
          entity: "instrument",
          entityId: own.map((c) => c.instrumentId).join(","),
          action: "legalRecompute",
          detail: { legalControlId: rowId, typeId: change.typeId, instruments: own.map((c) => ({ id: c.instrumentId, before: c.before.nextDueOn, after: c.after.next_due_on })) },
        });
        if (!moved.length) continue;
        await tx
          .insertInto("legal_notice")
          .values({
            business_id: businessId,
            legal_control_id: rowId,
            detail: JSON.stringify({
              typeId: change.typeId,
              change: kind,
              fromMonths: typeBefore?.listed ? typeBefore.cycleMonths : null,
              toMonths: typeAfter?.listed ? typeAfter.cycleMonths : null,
              document: row.document,
              effectiveFrom: row.effectiveFrom,
              instruments: moved.length,
            }),
            created_at: now,
            sent_at: null,
          })
          .execute();
      }
      return { ok: true, summary, rowId };
    });
}
