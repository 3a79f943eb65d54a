import { type Selectable, sql } from "kysely";
import { type ProviderKind, type ProviderTable } from "@db/schema";
import { can } from "~/modules/accounts/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { vietnamDay } from "~/modules/i18n/format";
import { type Catalogue, legalCatalogue } from "~/modules/legal/catalogue.server";
import { type DostScope } from "~/utils/auth.server";
import { type Queryable, type Tx, db, nowIso } from "~/utils/db.server";
import { type ProviderForm } from "./schemas";
import { canWorkOn, covers, sameName, searchKey, validityOf } from "./validity";

/** One entry of the directory, as pages show it. */
export type Provider = {
  id: number;
  name: string;
  kinds: ProviderKind[];
  designationNo: string;
  accreditationNo: string;
  validUntil: string | null;
  scope: string;
  instrumentTypes: string[];
  address: string;
  phone: string;
  email: string;
  website: string;
  isExample: boolean;
  active: boolean;
  updatedAt: string;
};

/** What the instrument and request forms offer beside their free-text "provider" field. */
export type ProviderSuggestion = Pick<Provider, "id" | "name" | "kinds" | "validUntil" | "isExample">;

export type ProviderFilter = { kind?: ProviderKind | null; typeId?: string | null; query?: string };

export type SaveProviderResult = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

function jsonList<T extends string>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is T => typeof v === "string") : [];
  } catch {
    return [];
  }
}

function toProvider(row: Selectable<ProviderTable>): Provider {
  return {
    id: row.id,
    name: row.name,
    kinds: jsonList<ProviderKind>(row.kinds),
    designationNo: row.designation_no,
    accreditationNo: row.accreditation_no,
    validUntil: row.valid_until,
    scope: row.scope,
    instrumentTypes: jsonList(row.instrument_types),
    address: row.address,
    phone: row.phone,
    email: row.email,
    website: row.website,
    isExample: row.is_example === 1,
    active: row.active === 1,
    updatedAt: row.updated_at,
  };
}

/** What a page shows of an entry: instrument type names in its language, validity on `today`. */
export function providerView(p: Provider, language: string, today: string, catalogue: Catalogue) {
  const { instrumentTypes, updatedAt: _updatedAt, ...rest } = p;
  return {
    ...rest,
    validity: validityOf(p.validUntil, today),
    types: instrumentTypes.map((id) => ({ id, name: catalogue.typeName(id, language) })),
  };
}

/** Data functions trust the route guard, and check again: only DOST admins change the directory. */
function assertAdmin(scope: DostScope): void {
  if (scope.kind !== "dost" || !can(scope.user.role, "dost:admin")) throw new Error("only a DOST admin manages the providers directory");
}

async function selectProviders(q: Queryable, filter: ProviderFilter, activeOnly: boolean): Promise<Provider[]> {
  const rows = await q
    .selectFrom("provider")
    .selectAll()
    .$if(activeOnly, (qb) => qb.where("active", "=", 1))
    // kinds and instrument_types are JSON arrays of a few ids: json_each looks inside them.
    .$if(Boolean(filter.kind), (qb) => qb.where(sql<boolean>`exists (select 1 from json_each(provider.kinds) where json_each.value = ${filter.kind})`))
    .$if(Boolean(filter.typeId), (qb) =>
      qb.where(sql<boolean>`exists (select 1 from json_each(provider.instrument_types) where json_each.value = ${filter.typeId})`),
    )
    .execute();
  // The directory holds tens of entries: the name search runs here, without diacritics, so
  // "do luong" finds "Đo lường" (SQLite's LIKE folds case for ASCII letters only).
  const needle = searchKey(filter.query ?? "");
  const today = vietnamDay();
  // Listed before unlisted, and those in force before those whose authority has lapsed.
  const rank = (p: Provider) => (p.active ? 0 : 2) + (canWorkOn(p.validUntil, today) ? 0 : 1);
  return rows
    .map(toProvider)
    .filter((p) => !needle || searchKey(`${p.name} ${p.designationNo} ${p.accreditationNo}`).includes(needle))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, "vi"));
}

/** The public directory: active providers only, filtered by kind and instrument type, searched by name. */
export function listProviders(filter: ProviderFilter = {}): Promise<Provider[]> {
  return selectProviders(db(), filter, true);
}

/** The admin's list: inactive providers too (after the active ones). */
export async function listProvidersForAdmin(scope: DostScope, filter: ProviderFilter = {}): Promise<Provider[]> {
  assertAdmin(scope);
  return selectProviders(db(), filter, false);
}

/** A public entry; an inactive provider is not in the directory any more. */
export async function getProvider(id: number): Promise<Provider | undefined> {
  const row = await db().selectFrom("provider").selectAll().where("id", "=", id).where("active", "=", 1).executeTakeFirst();
  return row ? toProvider(row) : undefined;
}

export async function getProviderForAdmin(scope: DostScope, id: number): Promise<Provider | undefined> {
  assertAdmin(scope);
  const row = await db().selectFrom("provider").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toProvider(row) : undefined;
}

/**
 * Active providers whose scope covers the instrument types, for the forms' suggestions. Default
 * "all": one provider for the whole job (an instrument, or a request's instruments together); "any"
 * for a visit form, where the instruments are picked after the page is drawn. Providers whose
 * designation or accreditation has lapsed are left out: they may not do the work. `kind` narrows to
 * providers that do that kind of work (a verification request wants a verification organisation).
 */
export async function providersFor(
  typeIds: readonly string[],
  options: { match?: "all" | "any"; kind?: ProviderKind | null; today?: string } = {},
): Promise<ProviderSuggestion[]> {
  const today = options.today ?? vietnamDay();
  const wanted = [...new Set(typeIds)];
  const all = await selectProviders(db(), { kind: options.kind ?? null }, true);
  return all
    .filter((p) => canWorkOn(p.validUntil, today) && covers(p.instrumentTypes, wanted, options.match ?? "all"))
    .map(({ id, name, kinds, validUntil, isExample }) => ({ id, name, kinds, validUntil, isExample }));
}

/**
 * The directory provider a free-text "provider" field names, when it names one exactly (case and
 * spacing aside): the event or plan then links to the entry. Anything else stays free text.
 */
export async function providerIdByName(name: string, q: Queryable = db()): Promise<number | null> {
  if (!name.trim()) return null;
  const rows = await q.selectFrom("provider").where("active", "=", 1).select(["id", "name"]).orderBy("id").execute();
  return rows.find((r) => sameName(r.name, name))?.id ?? null;
}

function columns(input: ProviderForm) {
  return {
    name: input.name,
    kinds: JSON.stringify(input.kinds),
    designation_no: input.designationNo,
    accreditation_no: input.accreditationNo,
    valid_until: input.validUntil || null,
    scope: input.scope,
    instrument_types: JSON.stringify([...new Set(input.instrumentTypes)]),
    address: input.address,
    phone: input.phone,
    email: input.email,
    website: input.website,
    is_example: input.isExample ? (1 as const) : (0 as const),
  };
}

/** Refusals the form schema cannot decide: catalogue ids, and a name already in the directory. */
async function problems(tx: Tx, input: ProviderForm, exceptId: number | null): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const catalogue = await legalCatalogue(tx);
  if (input.instrumentTypes.some((id) => !catalogue.type(id))) errors.instrumentTypes = "providers:errors.types";
  // Two entries with one name would make the forms' name matching ambiguous.
  const others = await tx.selectFrom("provider").select(["id", "name"]).$if(exceptId !== null, (qb) => qb.where("id", "!=", exceptId!)).execute();
  if (others.some((o) => sameName(o.name, input.name))) errors.name = "providers:errors.nameTaken";
  return errors;
}

export async function createProvider(scope: DostScope, input: ProviderForm): Promise<SaveProviderResult> {
  assertAdmin(scope);
  return db()
    .transaction()
    .execute(async (tx): Promise<SaveProviderResult> => {
      const errors = await problems(tx, input, null);
      if (Object.keys(errors).length) return { ok: false, errors };
      const now = nowIso();
      const row = await tx
        .insertInto("provider")
        .values({ ...columns(input), active: 1, created_at: now, updated_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: null,
        entity: "provider",
        entityId: row.id,
        action: "create",
        detail: { name: input.name, kinds: input.kinds, instrumentTypes: input.instrumentTypes, validUntil: input.validUntil || null },
      });
      return { ok: true, id: row.id };
    });
}

/** Saves the admin's edit; null when there is no such provider. The audit row names the fields that changed. */
export async function updateProvider(scope: DostScope, id: number, input: ProviderForm): Promise<SaveProviderResult | null> {
  assertAdmin(scope);
  return db()
    .transaction()
    .execute(async (tx): Promise<SaveProviderResult | null> => {
      const before = await tx.selectFrom("provider").selectAll().where("id", "=", id).executeTakeFirst();
      if (!before) return null;
      const errors = await problems(tx, input, id);
      if (Object.keys(errors).length) return { ok: false, errors };
      const after = columns(input);
      const changed = (Object.keys(after) as Array<keyof typeof after>).filter((key) => after[key] !== before[key]);
      if (!changed.length) return { ok: true, id };
      await tx
        .updateTable("provider")
        .set({ ...after, updated_at: nowIso() })
        .where("id", "=", id)
        .execute();
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: null,
        entity: "provider",
        entityId: id,
        action: "update",
        detail: { changed, name: input.name },
      });
      return { ok: true, id };
    });
}

/**
 * Takes a provider out of the directory, or puts it back. Nothing is deleted: events and request
 * plans that name it keep their link. Null when there is no such provider.
 */
export async function setProviderActive(scope: DostScope, id: number, active: boolean): Promise<"done" | "unchanged" | null> {
  assertAdmin(scope);
  return db()
    .transaction()
    .execute(async (tx) => {
      const row = await tx.selectFrom("provider").select(["active", "name"]).where("id", "=", id).executeTakeFirst();
      if (!row) return null;
      if ((row.active === 1) === active) return "unchanged" as const;
      await tx
        .updateTable("provider")
        .set({ active: active ? 1 : 0, updated_at: nowIso() })
        .where("id", "=", id)
        .execute();
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: null,
        entity: "provider",
        entityId: id,
        action: active ? "reactivate" : "deactivate",
        detail: { name: row.name },
      });
      return "done" as const;
    });
}
