// The legal catalogue in the database: seeded from the shipped file, read through a cache, kept by
// DOST admins with a preview before each row change; group 2 decided by type and purpose.
import catalogueJson from "@content/catalogue/instrument-types.json";
import { sql } from "kysely";
import { beforeAll, describe, expect, test } from "vitest";
import { CatalogueFileSchema } from "~/modules/content/schemas";
import { vietnamDay } from "~/modules/i18n/format";
import { addMonths } from "~/modules/instruments/due-dates";
import { createInstrument, getInstrument, recordEvents } from "~/modules/instruments/instruments.server";
import { sendReminderDigests } from "~/modules/instruments/reminders.server";
import { createType } from "~/modules/legal/admin.server";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { seedLegalContent } from "~/modules/legal/seed.server";
import { loader as instrumentLoader } from "~/routes/business.instruments.$instrumentId._index";
import { action as editAction, loader as editLoader } from "~/routes/business.instruments.$instrumentId.edit";
import { action as newInstrumentAction, loader as newInstrumentLoader } from "~/routes/business.instruments.new";
import { action as typeAction, loader as typeLoader } from "~/routes/dost.legal.$typeId";
import { loader as listLoader } from "~/routes/dost.legal._index";
import { action as newTypeAction, loader as newTypeLoader } from "~/routes/dost.legal.new";
import { type DostScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { auditRows, createBusinessWithOwner, createUser, dispenserInput, outboxTo, requestAs, run, silenceOutboxLog } from "../helpers";

silenceOutboxLog();

const today = vietnamDay();
const file = CatalogueFileSchema.parse(catalogueJson);

let admin: { id: number; email: string };
let reviewer: { id: number; email: string };
let adminScope: DostScope;

beforeAll(async () => {
  admin = await createUser("dost_admin", null);
  reviewer = await createUser("dost_reviewer", null);
  adminScope = { kind: "dost", user: { id: admin.id, email: admin.email, fullName: "Quản trị", role: "dost_admin", businessId: null, businessName: null } };
});

async function ownerWithSite(sectors: string[] = ["fuel"]) {
  const business = await createBusinessWithOwner({ sectors });
  const site = await db().selectFrom("site").where("business_id", "=", business.businessId).select("id").executeTakeFirstOrThrow();
  const scope = { kind: "business" as const, businessId: business.businessId, user: { id: business.ownerId } as never };
  return { ...business, siteId: site.id, scope };
}

const verification = (performedOn: string) => ({
  kind: "verification" as const,
  performedOn,
  provider: "Trung tâm (ví dụ)",
  certificateNo: "KĐ-1",
  result: "pass" as const,
  notes: "",
  overrideDueOn: null,
  supersedesEventId: null,
  impact: null,
  upload: null,
});

/** The row form as a browser without JavaScript posts it. */
function rowForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    intent: "previewRow",
    effectiveFrom: "2020-01-01",
    listed: "1",
    controls: ["typeApproval", "initialVerification", "periodicVerification", "afterRepairVerification"],
    cycleMonths: "12",
    document: "Thông tư 07/2019/TT-BKHCN (thử)",
    article: "Điều 1",
    item: "mục 99",
    basis: "secondary",
    note: "",
    ...overrides,
  };
}

const legalRows = (typeId: string) => db().selectFrom("legal_control").where("type_id", "=", typeId).selectAll().orderBy("id").execute();

let typeSequence = 0;
/** A type of this test's own, on the list from 15/11/2013 with a 24-month cycle. */
async function listedType(): Promise<string> {
  const id = `test-meter-${Date.now().toString(36)}-${typeSequence++}`;
  const created = await createType(adminScope, {
    id,
    nameVi: `Đồng hồ thử ${id}`,
    nameEn: `Test meter ${id}`,
    quantityVi: "Thể tích",
    quantityEn: "Volume",
    unit: "m3",
    sectors: ["water"],
    recommendedMonths: null,
    listItem: "99",
  });
  expect(created.ok).toBe(true);
  const saved = await run(typeAction, await requestAs(admin.id, `/dost/legal/${id}`, { form: rowForm({ intent: "saveRow", effectiveFrom: "2013-11-15", cycleMonths: "24" }) }), { typeId: id });
  expect(saved.status).toBe(302);
  return id;
}

describe("seeding the legal content", () => {
  test("after migrations the database holds the shipped file: every type and every row", async () => {
    const types = await db().selectFrom("instrument_type").select("id").execute();
    expect(new Set(types.map((t) => t.id))).toEqual(new Set([...file.types.map((t) => t.id), ...types.filter((t) => t.id.startsWith("test-meter-")).map((t) => t.id)]));
    const taximeter = (await legalRows("taximeter")).filter((r) => r.created_by === null);
    expect(taximeter.map((r) => [r.effective_from, r.cycle_months, r.listed])).toEqual(file.types.find((t) => t.id === "taximeter")!.cycles.map((c) => [c.effectiveFrom, c.months, 1]));
  });

  test("seeding again does nothing: DOST's content is never overwritten", async () => {
    const before = await db().selectFrom("legal_control").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(await seedLegalContent(db())).toEqual({ seeded: false, recomputed: 0 });
    const after = await db().selectFrom("legal_control").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe("the catalogue cache", () => {
  test("sees a row inserted and a row retracted, by any writer, on the next read", async () => {
    const typeId = await listedType();
    const first = await legalCatalogue();
    expect(await legalCatalogue()).toBe(first);
    expect(first.type(typeId)!.active).toHaveLength(1);
    await db()
      .insertInto("legal_control")
      .values({ type_id: typeId, effective_from: "2021-01-01", listed: 1, controls: "{}", cycle_months: 6, document: "Văn bản thử", basis: "inferred", created_at: new Date().toISOString(), created_by: null, retracted_at: null, retracted_by: null, retract_reason: null })
      .execute();
    const second = await legalCatalogue();
    expect(second).not.toBe(first);
    expect(second.type(typeId)!.current?.cycleMonths).toBe(6);
    await db().updateTable("legal_control").set({ retracted_at: new Date().toISOString(), retract_reason: "thử" }).where("type_id", "=", typeId).where("effective_from", "=", "2021-01-01").execute();
    expect((await legalCatalogue()).type(typeId)!.current?.cycleMonths).toBe(24);
  });
});

describe("group 2 by type and purpose", () => {
  test("a water meter used for trade follows the legal cycle; changed to process control it follows the own interval, and the change is audited", async () => {
    const { scope, siteId, ownerId, businessId } = await ownerWithSite(["water"]);
    const created = await createInstrument(scope, dispenserInput(siteId, "DH-01", { typeId: "water-meter-mechanical", unit: "m3", ownIntervalMonths: 12 }));
    const id = created.ok ? created.id : 0;
    await recordEvents(scope, [id], verification("2024-03-01"));
    expect(await getInstrument(scope, id)).toMatchObject({ legalDueOn: "2029-03-01", nextDueOn: "2029-03-01" });
    const page = await run(instrumentLoader, await requestAs(ownerId, `/business/instruments/${id}`), { instrumentId: String(id) });
    expect((page.data as { legal: unknown }).legal).toMatchObject({ group: 2, reason: { key: "group2", purpose: "trade" }, row: { cycleMonths: 60 } });

    const form = Object.fromEntries(Object.entries(dispenserInput(siteId, "DH-01", { typeId: "water-meter-mechanical", unit: "m3", ownIntervalMonths: 12, purpose: "process" })).map(([k, v]) => [k, v === null ? "" : String(v)]));
    const edited = await run(editAction, await requestAs(ownerId, `/business/instruments/${id}/edit`, { form }), { instrumentId: String(id) });
    expect(edited.status).toBe(302);
    // The verification of 2024-03-01 counts as a check for the own interval now: 12 months on.
    expect(await getInstrument(scope, id)).toMatchObject({ purpose: "process", legalDueOn: null, nextDueOn: "2025-03-01" });
    const audit = await auditRows(businessId, { entity: "instrument", action: "changePurpose" });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ from: "trade", to: "process", groupFrom: 2, groupTo: 1, nextDueFrom: "2029-03-01", nextDueTo: "2025-03-01" });
    const after = await run(instrumentLoader, await requestAs(ownerId, `/business/instruments/${id}`), { instrumentId: String(id) });
    expect((after.data as { legal: unknown }).legal).toMatchObject({ group: 1, reason: { key: "listedOtherPurpose", purpose: "process" } });

    // Saving again with the same purpose writes no purpose event.
    await run(editAction, await requestAs(ownerId, `/business/instruments/${id}/edit`, { form }), { instrumentId: String(id) });
    expect(await auditRows(businessId, { entity: "instrument", action: "changePurpose" })).toHaveLength(1);
  });

  test("an instrument for official duties (inspection) is group 2", async () => {
    const { scope, siteId } = await ownerWithSite(["transport"]);
    const created = await createInstrument(scope, dispenserInput(siteId, "SG-01", { typeId: "speed-gun", unit: "km/h", purpose: "official" }));
    expect(created.ok).toBe(true);
    expect((await legalCatalogue()).status("speed-gun", "official").group).toBe(2);
  });
});

describe("DOST admin: rows with a preview, saved in one transaction with notices", () => {
  async function setUp() {
    const typeId = await listedType();
    const a = await ownerWithSite(["water"]);
    const b = await ownerWithSite(["water"]);
    // Verified 18 months ago: in date under 24 months, six months overdue under 12.
    const verifiedOn = addMonths(today, -18);
    const ids: number[] = [];
    for (const [owner, tag] of [
      [a, "A-1"],
      [a, "A-2"],
      [a, "A-3"],
      [b, "B-1"],
    ] as const) {
      const created = await createInstrument(owner.scope, dispenserInput(owner.siteId, tag, { typeId, unit: "m3" }));
      if (!created.ok) throw new Error("instrument");
      await recordEvents(owner.scope, [created.id], verification(verifiedOn));
      ids.push(created.id);
    }
    // One of A's is used for quality control: not under legal control, so the row does not touch it.
    const qc = await createInstrument(a.scope, dispenserInput(a.siteId, "A-QC", { typeId, unit: "m3", purpose: "quality", ownIntervalMonths: 6 }));
    if (!qc.ok) throw new Error("instrument");
    await recordEvents(a.scope, [qc.id], verification(verifiedOn));
    return { typeId, a, b, ids, qcId: qc.id, verifiedOn };
  }
  const dueOf = async (ids: number[]) =>
    (await db().selectFrom("instrument").where("id", "in", ids).select(["id", "next_due_on"]).orderBy("id").execute()).map((r) => r.next_due_on);

  test("the preview counts what the save then does: dates moved, businesses, newly overdue; the digest tells each business once", async () => {
    const { typeId, a, b, ids, qcId, verifiedOn } = await setUp();
    expect(await dueOf(ids)).toEqual(Array(4).fill(addMonths(verifiedOn, 24)));
    const qcDue = (await dueOf([qcId]))[0];

    const preview = await run(typeAction, await requestAs(admin.id, `/dost/legal/${typeId}`, { form: rowForm() }), { typeId });
    expect(preview.status).toBe(200);
    const summary = (preview.data as { ok: true; preview: { moved: number; businesses: number; becomeOverdue: number; examples: unknown[] } }).preview;
    expect(summary).toMatchObject({ moved: 4, businesses: 2, becomeOverdue: 4 });
    expect(summary.examples).toHaveLength(4);
    // A preview writes nothing.
    expect(await legalRows(typeId)).toHaveLength(1);
    expect(await dueOf(ids)).toEqual(Array(4).fill(addMonths(verifiedOn, 24)));

    const saved = await run(typeAction, await requestAs(admin.id, `/dost/legal/${typeId}`, { form: rowForm({ intent: "saveRow" }) }), { typeId });
    expect(saved.status).toBe(302);
    expect(await legalRows(typeId)).toHaveLength(2);
    expect(await dueOf(ids)).toEqual(Array(4).fill(addMonths(verifiedOn, 12)));
    expect((await dueOf([qcId]))[0]).toBe(qcDue);

    const audit = await auditRows(null, { entity: "legal_control", action: "create" });
    expect(audit.at(-1)!.detail).toMatchObject({ typeId, moved: summary.moved, businesses: summary.businesses, becomeOverdue: summary.becomeOverdue });
    expect(await auditRows(a.businessId, { entity: "instrument", action: "legalRecompute" })).toHaveLength(1);
    const notices = await db().selectFrom("legal_notice").where("business_id", "in", [a.businessId, b.businessId]).selectAll().orderBy("business_id").execute();
    expect(notices.map((n) => [n.business_id, JSON.parse(n.detail).instruments, JSON.parse(n.detail).change, n.sent_at])).toEqual([
      [a.businessId, 3, "cycle", null],
      [b.businessId, 1, "cycle", null],
    ]);

    await sendReminderDigests({ today, origin: "http://portal.test" });
    const mail = (await outboxTo(a.input.contactEmail)).at(-1)!;
    expect(mail.body_text).toContain("đổi từ 24 sang 12 tháng theo Thông tư 07/2019/TT-BKHCN (thử) từ ngày 01/01/2020: hạn của 3 phương tiện đo");
    expect((await db().selectFrom("legal_notice").where("business_id", "=", a.businessId).select("sent_at").executeTakeFirstOrThrow()).sent_at).not.toBeNull();
    const sentBefore = (await outboxTo(a.input.contactEmail)).length;
    await sendReminderDigests({ today, origin: "http://portal.test" });
    expect(await outboxTo(a.input.contactEmail)).toHaveLength(sentBefore);
  });

  test("retracting a row is previewed, kept with its reason, and puts the dates back", async () => {
    const { typeId, ids, verifiedOn } = await setUp();
    await run(typeAction, await requestAs(admin.id, `/dost/legal/${typeId}`, { form: rowForm({ intent: "saveRow" }) }), { typeId });
    const row = (await legalRows(typeId)).at(-1)!;
    const form = { intent: "previewRetract", rowId: String(row.id), reason: "Nhập nhầm chu kỳ" };
    const preview = await run(typeAction, await requestAs(admin.id, `/dost/legal/${typeId}`, { form }), { typeId });
    expect((preview.data as { preview: { moved: number } }).preview.moved).toBe(4);
    const done = await run(typeAction, await requestAs(admin.id, `/dost/legal/${typeId}`, { form: { ...form, intent: "retract" } }), { typeId });
    expect(done.status).toBe(302);
    expect(await legalRows(typeId)).toMatchObject([{ retracted_at: null }, { id: row.id, retracted_by: admin.id, retract_reason: "Nhập nhầm chu kỳ" }]);
    expect(await dueOf(ids)).toEqual(Array(4).fill(addMonths(verifiedOn, 24)));
    const page = await run(typeLoader, await requestAs(reviewer.id, `/dost/legal/${typeId}`), { typeId });
    expect((page.data as { rows: Array<{ id: number; retractReason: string | null }> }).rows[0]).toMatchObject({ id: row.id, retractReason: "Nhập nhầm chu kỳ" });
  });

  test("the save is one transaction: when a step fails, no row, no date and no notice is left", async () => {
    const { typeId, ids, verifiedOn } = await setUp();
    await sql`create trigger legal_notice_fails before insert on legal_notice begin select raise(abort, 'refused for the test'); end`.execute(db());
    try {
      await expect(run(typeAction, await requestAs(admin.id, `/dost/legal/${typeId}`, { form: rowForm({ intent: "saveRow" }) }), { typeId })).rejects.toThrow(/refused for the test/);
    } finally {
      await sql`drop trigger legal_notice_fails`.execute(db());
    }
    expect(await legalRows(typeId)).toHaveLength(1);
    expect(await dueOf(ids)).toEqual(Array(4).fill(addMonths(verifiedOn, 24)));
    expect(await auditRows(null, { entity: "legal_control" }).then((rows) => rows.filter((r) => (r.detail as { typeId?: string }).typeId === typeId))).toHaveLength(1);
  });

  test.each([
    ["a cycle of 0 months", { cycleMonths: "0" }, "cycleMonths", "catalogue:errors.cycleRange"],
    ["a cycle of 1,000 months", { cycleMonths: "1000" }, "cycleMonths", "catalogue:errors.cycleRange"],
    ["a date before the first list", { effectiveFrom: "2012-07-01" }, "effectiveFrom", "catalogue:errors.beforeList"],
    ["a second row on the same day", { effectiveFrom: "2013-11-15" }, "effectiveFrom", "catalogue:errors.sameDay"],
    ["no document", { document: "" }, "document", "catalogue:errors.document"],
  ])("bad input is refused with a clear message and changes nothing: %s", async (_name, change, field, message) => {
    const typeId = await listedType();
    for (const intent of ["previewRow", "saveRow"]) {
      const outcome = await run(typeAction, await requestAs(admin.id, `/dost/legal/${typeId}`, { form: rowForm({ ...change, intent }) }), { typeId });
      expect(outcome.status).toBe(400);
      expect((outcome.data as { errors: Record<string, string> }).errors[field]).toBe(message);
    }
    expect(await legalRows(typeId)).toHaveLength(1);
  });
});

describe("who may do what", () => {
  test("a reviewer reads the list and a type's page but cannot change anything (404)", async () => {
    const typeId = await listedType();
    const list = await run(listLoader, await requestAs(reviewer.id, "/dost/legal"));
    expect(list.status).toBe(200);
    expect((list.data as { canEdit: boolean; types: Array<{ id: string }> }).canEdit).toBe(false);
    expect((list.data as { types: Array<{ id: string }> }).types.some((t) => t.id === typeId)).toBe(true);
    expect((await run(typeLoader, await requestAs(reviewer.id, `/dost/legal/${typeId}`), { typeId })).status).toBe(200);
    for (const intent of ["previewRow", "saveRow", "retire"]) {
      expect((await run(typeAction, await requestAs(reviewer.id, `/dost/legal/${typeId}`, { form: rowForm({ intent }) }), { typeId })).status).toBe(404);
    }
    expect((await run(newTypeLoader, await requestAs(reviewer.id, "/dost/legal/new"))).status).toBe(404);
    expect((await run(newTypeAction, await requestAs(reviewer.id, "/dost/legal/new", { form: { id: "x" } }))).status).toBe(404);
    expect(await legalRows(typeId)).toHaveLength(1);
    expect((await db().selectFrom("instrument_type").where("id", "=", typeId).select("retired_at").executeTakeFirstOrThrow()).retired_at).toBeNull();
  });

  test("business users get 404 on every legal catalogue page and action", async () => {
    const { ownerId } = await ownerWithSite();
    expect((await run(listLoader, await requestAs(ownerId, "/dost/legal"))).status).toBe(404);
    expect((await run(typeLoader, await requestAs(ownerId, "/dost/legal/taximeter"), { typeId: "taximeter" })).status).toBe(404);
    expect((await run(typeAction, await requestAs(ownerId, "/dost/legal/taximeter", { form: rowForm({ intent: "saveRow" }) }), { typeId: "taximeter" })).status).toBe(404);
  });
});

describe("types: add, rename, retire — never delete", () => {
  test("an admin adds a type through the form; a taken or reserved id is refused", async () => {
    const id = `can-treo-${Date.now().toString(36)}`;
    const form = { id, nameVi: "Cân treo móc", nameEn: "Crane scale", quantityVi: "Khối lượng", quantityEn: "Mass", unit: "kg", sectors: ["logistics"], recommendedMonths: "", listItem: "" };
    const created = await run(newTypeAction, await requestAs(admin.id, "/dost/legal/new", { form }));
    expect(created.status).toBe(302);
    expect(created.location).toBe(`/dost/legal/${id}`);
    expect((await run(newTypeAction, await requestAs(admin.id, "/dost/legal/new", { form }))).data).toMatchObject({ errors: { id: "catalogue:errors.idTaken" } });
    expect((await run(newTypeAction, await requestAs(admin.id, "/dost/legal/new", { form: { ...form, id: "new" } }))).status).toBe(400);
    expect(await auditRows(null, { entity: "instrument_type", action: "create" }).then((rows) => rows.filter((r) => r.entity_id === id))).toHaveLength(1);
  });

  test("a retired type in use stays on its instruments but is not offered, or accepted, for a new one", async () => {
    const typeId = await listedType();
    const { scope, siteId, ownerId } = await ownerWithSite();
    const created = await createInstrument(scope, dispenserInput(siteId, "R-1", { typeId, unit: "m3" }));
    const id = created.ok ? created.id : 0;
    const renamed = await run(typeAction, await requestAs(admin.id, `/dost/legal/${typeId}`, { form: { intent: "rename", nameVi: "Tên mới", nameEn: "New name", listItem: "98" } }), { typeId });
    expect(renamed.status).toBe(302);
    expect((await run(typeAction, await requestAs(admin.id, `/dost/legal/${typeId}`, { form: { intent: "retire" } }), { typeId })).status).toBe(302);

    const newForm = await run(newInstrumentLoader, await requestAs(ownerId, "/business/instruments/new"));
    expect((newForm.data as { types: Array<{ value: string }> }).types.some((o) => o.value === typeId)).toBe(false);
    const editForm = await run(editLoader, await requestAs(ownerId, `/business/instruments/${id}/edit`), { instrumentId: String(id) });
    expect((editForm.data as { types: Array<{ value: string; label: string }> }).types.find((o) => o.value === typeId)?.label).toBe("Tên mới");
    const fields = Object.fromEntries(Object.entries(dispenserInput(siteId, "R-2", { typeId, unit: "m3" })).map(([k, v]) => [k, v === null ? "" : String(v)]));
    const refused = await run(newInstrumentAction, await requestAs(ownerId, "/business/instruments/new", { form: fields }));
    expect(refused.status).toBe(400);
    expect((refused.data as { errors: Record<string, string> }).errors.typeId).toBe("instruments:errors.typeRetired");
    // The instrument that has it keeps it, and can still be saved.
    const kept = await run(editAction, await requestAs(ownerId, `/business/instruments/${id}/edit`, { form: { ...fields, tag: "R-1" } }), { instrumentId: String(id) });
    expect(kept.status).toBe(302);
    expect(await db().selectFrom("instrument_type").where("id", "=", typeId).select("id").executeTakeFirst()).toBeDefined();
  });
});

describe("an existing deployment", () => {
  test("gets its stored dates corrected once, when the legal content is first seeded", async () => {
    const { scope, siteId } = await ownerWithSite(["water"]);
    const created = await createInstrument(scope, dispenserInput(siteId, "OLD-1", { typeId: "water-meter-mechanical", unit: "m3", purpose: "process", ownIntervalMonths: 12 }));
    const id = created.ok ? created.id : 0;
    await recordEvents(scope, [id], verification("2024-03-01"));
    // What the type-only rules stored before this version: a legal date for a meter that only watches a process.
    await db().updateTable("instrument").set({ legal_due_on: "2029-03-01", next_due_on: "2029-03-01" }).where("id", "=", id).execute();
    await db().deleteFrom("legal_notice").execute();
    await db().deleteFrom("legal_control").execute();
    await db().deleteFrom("instrument_type").execute();
    const result = await seedLegalContent(db(), today);
    expect(result.seeded).toBe(true);
    expect(result.recomputed).toBeGreaterThanOrEqual(1);
    expect(await getInstrument(scope, id)).toMatchObject({ legalDueOn: null, nextDueOn: "2025-03-01" });
    expect((await legalCatalogue()).types).toHaveLength(file.types.length);
  });
});
