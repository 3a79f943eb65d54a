// The wards and communes DOST keeps: read (kept until the data changes), checked on every form
// that names one, and changed by DOST admins one audited step at a time. Units are retired, never
// deleted: businesses and sites keep the id they were registered with.
import { can } from "~/modules/accounts/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { adminUnitsFile, rememberAdminUnits } from "~/modules/content/content";
import { type DostScope } from "~/utils/auth.server";
import { type Queryable, cacheUntilDataChanges, db, nowIso } from "~/utils/db.server";
import { type AdminUnit, type AdminUnitInput, type UnitOption, isOfferedUnit, unitConflicts, unitIdFor, unitLabel, unitOptions } from "./rules";

/** Reads the list through `q`: inside a transaction, pass the transaction (the cached read would wait for it). */
async function readAdminUnits(q: Queryable): Promise<AdminUnit[]> {
  const rows = await q.selectFrom("admin_unit").select(["id", "code", "kind", "name", "retired_at"]).orderBy("id").execute();
  const units = rows.map((r) => ({ id: r.id, code: r.code, kind: r.kind, name: r.name, retired: r.retired_at !== null }));
  rememberAdminUnits(units);
  return units;
}

const cached = cacheUntilDataChanges<AdminUnit[]>(1);

/** Every unit, retired ones included: read once until the database changes. */
export function adminUnits(q: Queryable = db()): Promise<AdminUnit[]> {
  if (q.isTransaction) return readAdminUnits(q);
  return cached("admin-units", () => readAdminUnits(q));
}

/**
 * Makes communeLabel (content.ts, synchronous) know DOST's current list in this process: await it
 * before labelling on the server, so a renamed or added unit shows its current name.
 */
export async function loadCommuneLabels(): Promise<void> {
  await adminUnits();
}

/** The select's options for a form; `keep` is the unit the record already names, offered even when retired. */
export async function communeOptions(locale: string, keep?: string | null): Promise<UnitOption[]> {
  return unitOptions(await adminUnits(), locale, keep);
}

/** Every unit for a list filter, retired ones last and marked (old records still name them). */
export async function communeFilterOptions(locale: string, retiredMark: (label: string) => string): Promise<UnitOption[]> {
  const units = await adminUnits();
  const retired = units.filter((u) => u.retired);
  return [
    ...unitOptions(units, locale),
    ...unitOptions(retired.map((u) => ({ ...u, retired: false })), locale).map((o) => ({ value: o.value, label: retiredMark(o.label) })),
  ];
}

export async function isKnownCommune(id: string): Promise<boolean> {
  return (await adminUnits()).some((u) => u.id === id);
}

/**
 * The server's half of the commune check (the form schema, shared with the browser, checks only
 * the shape): a unit from the list in use, or the one the record already has, or "other" with a
 * typed name. Returns the field errors, or null.
 */
export async function communeChoiceErrors(input: { communeId: string }, keep?: string | null): Promise<Record<string, string> | null> {
  if (input.communeId === "other") return null;
  return isOfferedUnit(await adminUnits(), input.communeId, keep) ? null : { communeId: "errors.commune" };
}

/** "Thành phố Cần Thơ": the province every unit belongs to. */
export const provinceId = adminUnitsFile.province.id;

// ---- DOST admin ----

function assertAdmin(scope: DostScope): void {
  if (scope.kind !== "dost" || !can(scope.user.role, "dost:admin")) throw new Error("only a DOST admin changes the list of wards and communes");
}

async function usage(q: Queryable, unitId?: string) {
  let businesses = q.selectFrom("business").where("commune_id", "is not", null).select((eb) => ["commune_id as id", eb.fn.countAll<number>().as("n")]);
  let sites = q.selectFrom("site").where("commune_id", "is not", null).select((eb) => ["commune_id as id", eb.fn.countAll<number>().as("n")]);
  if (unitId) {
    businesses = businesses.where("commune_id", "=", unitId);
    sites = sites.where("commune_id", "=", unitId);
  }
  const [b, s] = await Promise.all([businesses.groupBy("commune_id").execute(), sites.groupBy("commune_id").execute()]);
  const used = new Map<string, { businesses: number; sites: number }>();
  for (const r of b) used.set(r.id!, { businesses: Number(r.n), sites: 0 });
  for (const r of s) used.set(r.id!, { businesses: used.get(r.id!)?.businesses ?? 0, sites: Number(r.n) });
  return used;
}

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();

export type UnitRow = AdminUnit & { label: string; businesses: number; sites: number };

/** The admin list: every unit, searched by name (with or without accents), code or id. */
export async function unitsForAdmin(filter: { query: string; language: string }): Promise<UnitRow[]> {
  const [units, used] = await Promise.all([adminUnits(), usage(db())]);
  const needle = fold(filter.query.trim());
  const collator = new Intl.Collator("vi");
  return units
    .filter((u) => !needle || [u.name, u.code ?? "", u.id, unitLabel(u, "vi")].some((s) => fold(s).includes(needle)))
    .sort((a, b) => Number(a.retired) - Number(b.retired) || (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === "ward" ? -1 : 1))
    .map((u) => ({ ...u, label: unitLabel(u, filter.language), businesses: used.get(u.id)?.businesses ?? 0, sites: used.get(u.id)?.sites ?? 0 }));
}

export async function unitForAdmin(unitId: string, language: string): Promise<UnitRow | null> {
  const [units, used] = await Promise.all([adminUnits(), usage(db(), unitId)]);
  const unit = units.find((u) => u.id === unitId);
  if (!unit) return null;
  return { ...unit, label: unitLabel(unit, language), businesses: used.get(unitId)?.businesses ?? 0, sites: used.get(unitId)?.sites ?? 0 };
}

export type UnitChangeResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

/** Adds a unit, in use from now on; refused (nothing changed) when its name or code is taken. */
export async function addUnit(scope: DostScope, input: AdminUnitInput): Promise<UnitChangeResult> {
  assertAdmin(scope);
  return db()
    .transaction()
    .execute(async (tx) => {
      const units = await readAdminUnits(tx);
      const conflicts = unitConflicts(units, input);
      if (conflicts) return { ok: false as const, errors: conflicts };
      const id = unitIdFor(input.kind, input.name, new Set(units.map((u) => u.id)));
      const now = nowIso();
      await tx
        .insertInto("admin_unit")
        .values({ id, code: input.code || null, kind: input.kind, name: input.name, province: provinceId, retired_at: null, created_at: now, created_by: scope.user.id, updated_at: now, updated_by: scope.user.id })
        .execute();
      await recordAudit(tx, { actorUserId: scope.user.id, businessId: null, entity: "admin_unit", entityId: id, action: "create", detail: { kind: input.kind, name: input.name, code: input.code || null } });
      return { ok: true as const, id };
    });
}

/** Renames a unit, or corrects its kind or code; the id, and so every record naming it, stays. */
export async function updateUnit(scope: DostScope, unitId: string, input: AdminUnitInput): Promise<UnitChangeResult | null> {
  assertAdmin(scope);
  return db()
    .transaction()
    .execute(async (tx) => {
      const units = await readAdminUnits(tx);
      const before = units.find((u) => u.id === unitId);
      if (!before) return null;
      // A retired unit's name and code matter only if it is brought back (checked then).
      const conflicts = before.retired ? null : unitConflicts(units, input, unitId);
      if (conflicts) return { ok: false as const, errors: conflicts };
      const code = input.code || null;
      if (before.kind === input.kind && before.name === input.name && before.code === code) return { ok: true as const, id: unitId };
      await tx.updateTable("admin_unit").set({ kind: input.kind, name: input.name, code, updated_at: nowIso(), updated_by: scope.user.id }).where("id", "=", unitId).execute();
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: null,
        entity: "admin_unit",
        entityId: unitId,
        action: "update",
        detail: { from: { kind: before.kind, name: before.name, code: before.code }, to: { kind: input.kind, name: input.name, code } },
      });
      return { ok: true as const, id: unitId };
    });
}

/**
 * Retires a unit (no longer offered for a new sign-up or site; records that name it keep it) or
 * brings it back (refused when a unit in use has taken its name or code meanwhile).
 */
export async function setUnitRetired(scope: DostScope, unitId: string, retired: boolean): Promise<UnitChangeResult | null> {
  assertAdmin(scope);
  return db()
    .transaction()
    .execute(async (tx) => {
      const units = await readAdminUnits(tx);
      const unit = units.find((u) => u.id === unitId);
      if (!unit) return null;
      if (unit.retired === retired) return { ok: true as const, id: unitId };
      if (!retired) {
        const conflicts = unitConflicts(units, { kind: unit.kind, name: unit.name, code: unit.code ?? "" }, unitId);
        if (conflicts) return { ok: false as const, errors: { form: conflicts.name ? "catalogue:errors.unitRestoreName" : "catalogue:errors.unitRestoreCode" } };
      }
      const now = nowIso();
      await tx.updateTable("admin_unit").set({ retired_at: retired ? now : null, updated_at: now, updated_by: scope.user.id }).where("id", "=", unitId).execute();
      await recordAudit(tx, { actorUserId: scope.user.id, businessId: null, entity: "admin_unit", entityId: unitId, action: retired ? "retire" : "restore", detail: { kind: unit.kind, name: unit.name, code: unit.code } });
      return { ok: true as const, id: unitId };
    });
}
