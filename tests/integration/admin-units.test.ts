import adminUnitsJson from "@content/admin-units/can-tho-2025.json";
import { migrateToLatest, openDatabase } from "@db/connection";
import { beforeAll, describe, expect, test } from "vitest";
import { seedAdminUnits } from "~/modules/admin-units/seed.server";
import { action as profileAction, loader as profileLoader } from "~/routes/business.profile";
import { loader as businessHomeLoader } from "~/routes/business._index";
import { action as sitesAction, loader as sitesLoader } from "~/routes/business.sites._index";
import { loader as dostHomeLoader } from "~/routes/dost._index";
import { loader as overviewLoader } from "~/routes/dost.overview";
import { action as unitsAction, loader as unitsLoader } from "~/routes/dost.legal.units";
import { action as unitAction, loader as unitLoader } from "~/routes/dost.legal.units_.$unitId";
import { action as signupAction, loader as signupLoader } from "~/routes/signup";
import { action as confirmAction } from "~/routes/signup_.confirm.$token";
import { db } from "~/utils/db.server";
import {
  TEST_ORIGIN,
  TEST_PASSWORD,
  auditRows,
  buildRequest,
  businessRows,
  createBusinessWithOwner,
  createUser,
  outboxTo,
  profileForm,
  requestAs,
  run,
  signupInput,
  siteForm,
  silenceOutboxLog,
} from "../helpers";

silenceOutboxLog();

type Options = { units: { value: string; label: string }[] };
type Failure = { errors: Record<string, string> };

let admin: number;
let reviewer: number;
let addressCounter = 0;
beforeAll(async () => {
  admin = (await createUser("dost_admin", null)).id;
  reviewer = (await createUser("dost_reviewer", null)).id;
});

function signupForm(communeId: string, communeOther = "") {
  const input = signupInput();
  return {
    legalName: input.legalName,
    taxCode: input.taxCode,
    ownership: "private",
    sectors: ["fuel"],
    communeId,
    communeOther,
    streetAddress: input.streetAddress,
    contactName: input.contactName,
    phone: "0292 3820 123",
    contactEmail: input.contactEmail,
    password: TEST_PASSWORD,
    passwordConfirm: TEST_PASSWORD,
  };
}

/** Sign-ups are limited per client address: each one here comes from its own. */
function nextAddress(): string {
  addressCounter += 1;
  return `198.51.100.${addressCounter}`;
}

async function signUpAndConfirm(form: Record<string, string | string[]>) {
  const sent = await run(signupAction, buildRequest("/signup", { form }), {}, { clientAddress: nextAddress() });
  expect(sent.status).toBe(200);
  const mails = await outboxTo(String(form.contactEmail));
  const token = new RegExp(`${TEST_ORIGIN}/signup/confirm/([A-Za-z0-9_-]+)`).exec(mails.at(-1)?.body_text ?? "")?.[1];
  expect(token, "a confirmation link in the mail").toBeTruthy();
  return run(confirmAction, buildRequest(`/signup/confirm/${token}`, { form: { intent: "confirm" } }), { token: token! });
}

async function signupOptions(lng = "vi") {
  const page = await run(signupLoader, buildRequest(`/signup?lng=${lng}`));
  expect(page.status).toBe(200);
  return (page.data as Options).units;
}

async function addUnit(form: Record<string, string>, as = admin) {
  return run(unitsAction, await requestAs(as, "/dost/legal/units", { form: { intent: "add", ...form } }));
}

async function unitRows() {
  return db().selectFrom("admin_unit").selectAll().orderBy("id").execute();
}

describe("the list DOST keeps starts from the shipped file", () => {
  test("a fresh database holds all 103 units with their codes, and seeding again changes nothing", async () => {
    const { db: fresh } = openDatabase(":memory:");
    try {
      await migrateToLatest(fresh);
      const rows = await fresh.selectFrom("admin_unit").select(["id", "code", "kind", "name", "retired_at"]).orderBy("id").execute();
      expect(rows).toHaveLength(103);
      const shipped = adminUnitsJson.units.map((u) => ({ id: u.id, code: u.code, kind: u.kind, name: u.name, retired_at: null }));
      expect(rows).toEqual([...shipped].sort((a, b) => (a.id < b.id ? -1 : 1)));
      await fresh.updateTable("admin_unit").set({ name: "Ninh Kiều (đã sửa)" }).where("id", "=", "phuong-ninh-kieu").execute();
      expect(await seedAdminUnits(fresh)).toEqual({ seeded: false });
      expect(await migrateToLatest(fresh)).toEqual([]);
      const after = await fresh.selectFrom("admin_unit").select(["id", "name"]).execute();
      expect(after).toHaveLength(103);
      // DOST's correction survives: the file is only the initial content.
      expect(after.find((r) => r.id === "phuong-ninh-kieu")?.name).toBe("Ninh Kiều (đã sửa)");
    } finally {
      await fresh.destroy();
    }
  });

  test("the sign-up select offers all 103 units from the database, wards first", async () => {
    const options = await signupOptions();
    expect(options).toHaveLength(103);
    expect(options[0]!.label).toMatch(/^Phường /);
    expect(options.at(-1)!.label).toMatch(/^Xã /);
    expect(options).toContainEqual({ value: "phuong-ninh-kieu", label: "Phường Ninh Kiều" });
    expect(await signupOptions("en")).toContainEqual({ value: "phuong-ninh-kieu", label: "Ninh Kiều Ward" });
  });
});

describe("a DOST admin adds a unit", () => {
  test("it is offered at sign-up, a sign-up with it is accepted, and the change is audited", async () => {
    const added = await addUnit({ kind: "ward", name: "Bình Thủy Mới", code: "31999" });
    expect(added.status).toBe(302);
    const row = await db().selectFrom("admin_unit").where("name", "=", "Bình Thủy Mới").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ id: "phuong-binh-thuy-moi", code: "31999", kind: "ward", province: "can-tho", retired_at: null, created_by: admin });
    expect(added.location).toBe(`/dost/legal/units?q=${encodeURIComponent("Bình Thủy Mới")}`);

    const options = await signupOptions();
    expect(options).toHaveLength(104);
    expect(options).toContainEqual({ value: "phuong-binh-thuy-moi", label: "Phường Bình Thủy Mới" });

    const form = signupForm("phuong-binh-thuy-moi");
    expect((await signUpAndConfirm(form)).status).toBe(302);
    const business = await db().selectFrom("business").where("tax_code", "=", form.taxCode).select(["id", "commune_id", "commune_other"]).executeTakeFirstOrThrow();
    expect(business).toMatchObject({ commune_id: "phuong-binh-thuy-moi", commune_other: null });
    const site = await db().selectFrom("site").where("business_id", "=", business.id).select("commune_id").executeTakeFirstOrThrow();
    expect(site.commune_id).toBe("phuong-binh-thuy-moi");

    const audit = await auditRows(null, { entity: "admin_unit", action: "create" });
    expect(audit.at(-1)).toMatchObject({ actor_user_id: admin, entity_id: "phuong-binh-thuy-moi", detail: { kind: "ward", name: "Bình Thủy Mới", code: "31999" } });

    // The reviewer's list shows it, searched without accents.
    const list = await run(unitsLoader, await requestAs(reviewer, "/dost/legal/units?q=binh thuy moi"));
    expect((list.data as { units: { id: string; businesses: number; sites: number }[] }).units).toEqual([
      expect.objectContaining({ id: "phuong-binh-thuy-moi", businesses: 1, sites: 1 }),
    ]);
  });

  test("a unit not on the list is refused at sign-up by the server, though its shape passes the browser's check", async () => {
    const form = signupForm("phuong-khong-co-that");
    const outcome = await run(signupAction, buildRequest("/signup", { form }), {}, { clientAddress: nextAddress() });
    expect(outcome.status).toBe(400);
    expect((outcome.data as Failure).errors).toEqual({ communeId: "errors.commune" });
    expect(await outboxTo(form.contactEmail)).toEqual([]);
  });

  test("'other' with a typed name still signs up", async () => {
    const form = signupForm("other", "Xã Chưa Có Trong Danh Sách");
    expect((await signUpAndConfirm(form)).status).toBe(302);
    const business = await db().selectFrom("business").where("tax_code", "=", form.taxCode).select(["commune_id", "commune_other"]).executeTakeFirstOrThrow();
    expect(business).toEqual({ commune_id: null, commune_other: "Xã Chưa Có Trong Danh Sách" });
  });
});

describe("a DOST admin renames and retires a unit", () => {
  test("a rename shows everywhere the unit is named, and the id stays", async () => {
    const business = await createBusinessWithOwner({ communeId: "xa-thoi-lai" });
    const saved = await run(unitAction, await requestAs(admin, "/dost/legal/units/xa-thoi-lai", { form: { intent: "save", kind: "commune", name: "Thới Lai Đông", code: "31998" } }), { unitId: "xa-thoi-lai" });
    expect(saved.status).toBe(302);
    expect(await db().selectFrom("admin_unit").where("id", "=", "xa-thoi-lai").select(["name", "code", "updated_by"]).executeTakeFirst()).toEqual({ name: "Thới Lai Đông", code: "31998", updated_by: admin });
    const home = await run(businessHomeLoader, await requestAs(business.ownerId, "/business"));
    expect((home.data as { communeName: string }).communeName).toBe("Xã Thới Lai Đông");
    const dost = await run(dostHomeLoader, await requestAs(reviewer, "/dost?commune=xa-thoi-lai"));
    const listed = (dost.data as { commune: string | null; businesses: { id: number; communeName: string }[] });
    expect(listed.commune).toBe("xa-thoi-lai");
    expect(listed.businesses.find((b) => b.id === business.businessId)?.communeName).toBe("Xã Thới Lai Đông");
    const overview = await run(overviewLoader, await requestAs(reviewer, "/dost/overview"));
    const figures = (overview.data as { figures: { businesses: { wardNames: Record<string, { vi: string; en: string }> } } }).figures;
    expect(figures.businesses.wardNames["xa-thoi-lai"]).toEqual({ vi: "Xã Thới Lai Đông", en: "Thới Lai Đông Commune" });
    const audit = await auditRows(null, { entity: "admin_unit", action: "update" });
    expect(audit.at(-1)).toMatchObject({ entity_id: "xa-thoi-lai", detail: { from: { name: "Thới Lai", code: "31258" }, to: { name: "Thới Lai Đông", code: "31998" } } });
  });

  test("a retired unit is no longer offered nor accepted for new records; existing ones keep it and its name", async () => {
    const business = await createBusinessWithOwner({ communeId: "phuong-tan-an" });
    const retired = await run(unitAction, await requestAs(admin, "/dost/legal/units/phuong-tan-an", { form: { intent: "retire" } }), { unitId: "phuong-tan-an" });
    expect(retired.status).toBe(302);
    expect(await db().selectFrom("admin_unit").where("id", "=", "phuong-tan-an").select("retired_at").executeTakeFirst()).toEqual({ retired_at: expect.any(String) });
    expect((await auditRows(null, { entity: "admin_unit", action: "retire" })).at(-1)).toMatchObject({ actor_user_id: admin, entity_id: "phuong-tan-an" });

    // Not offered, not accepted at sign-up.
    expect((await signupOptions()).map((o) => o.value)).not.toContain("phuong-tan-an");
    const form = signupForm("phuong-tan-an");
    const refused = await run(signupAction, buildRequest("/signup", { form }), {}, { clientAddress: nextAddress() });
    expect(refused.status).toBe(400);
    expect((refused.data as Failure).errors).toEqual({ communeId: "errors.commune" });

    // Nor for a new site.
    const sitePage = await run(sitesLoader, await requestAs(business.ownerId, "/business/sites"));
    expect((sitePage.data as Options).units.map((o) => o.value)).not.toContain("phuong-tan-an");
    const before = await businessRows(business.businessId);
    const newSite = await run(sitesAction, await requestAs(business.ownerId, "/business/sites", { form: siteForm({ communeId: "phuong-tan-an" }) }));
    expect(newSite.status).toBe(400);
    expect((newSite.data as Failure).errors).toEqual({ communeId: "errors.commune" });
    expect(await businessRows(business.businessId)).toEqual(before);

    // The business that has it keeps it, sees its name, is offered it on its profile and can save unchanged.
    expect((await db().selectFrom("business").where("id", "=", business.businessId).select("commune_id").executeTakeFirst())?.commune_id).toBe("phuong-tan-an");
    const home = await run(businessHomeLoader, await requestAs(business.ownerId, "/business"));
    expect((home.data as { communeName: string }).communeName).toBe("Phường Tân An");
    const profile = await run(profileLoader, await requestAs(business.ownerId, "/business/profile"));
    expect((profile.data as Options).units).toContainEqual({ value: "phuong-tan-an", label: "Phường Tân An" });
    const saved = await run(profileAction, await requestAs(business.ownerId, "/business/profile", { form: profileForm({ communeId: "phuong-tan-an" }) }));
    expect(saved.status).toBe(302);
    expect((await db().selectFrom("business").where("id", "=", business.businessId).select("commune_id").executeTakeFirst())?.commune_id).toBe("phuong-tan-an");

    // Another business cannot move to it.
    const other = await createBusinessWithOwner();
    const moved = await run(profileAction, await requestAs(other.ownerId, "/business/profile", { form: profileForm({ communeId: "phuong-tan-an" }) }));
    expect(moved.status).toBe(400);
    expect((moved.data as Failure).errors).toEqual({ communeId: "errors.commune" });

    // The DOST filter still finds businesses there, marked as a former unit.
    const dost = await run(dostHomeLoader, await requestAs(reviewer, "/dost?commune=phuong-tan-an"));
    const data = dost.data as { commune: string | null; communeChoices: { value: string; label: string }[] };
    expect(data.commune).toBe("phuong-tan-an");
    expect(data.communeChoices).toContainEqual({ value: "phuong-tan-an", label: "Phường Tân An (cũ)" });

    // Put back: offered again.
    const restored = await run(unitAction, await requestAs(admin, "/dost/legal/units/phuong-tan-an", { form: { intent: "restore" } }), { unitId: "phuong-tan-an" });
    expect(restored.status).toBe(302);
    expect((await signupOptions()).map((o) => o.value)).toContain("phuong-tan-an");
  });

  test("a unit cannot be put back when a unit in use has taken its name meanwhile", async () => {
    expect((await addUnit({ kind: "commune", name: "Thử Trả Lại", code: "" })).status).toBe(302);
    const id = "xa-thu-tra-lai";
    expect((await run(unitAction, await requestAs(admin, `/dost/legal/units/${id}`, { form: { intent: "retire" } }), { unitId: id })).status).toBe(302);
    expect((await addUnit({ kind: "commune", name: "Thử Trả Lại", code: "" })).status).toBe(302);
    const before = await unitRows();
    const refused = await run(unitAction, await requestAs(admin, `/dost/legal/units/${id}`, { form: { intent: "restore" } }), { unitId: id });
    expect(refused.status).toBe(409);
    expect((refused.data as Failure).errors).toEqual({ form: "catalogue:errors.unitRestoreName" });
    expect(await unitRows()).toEqual(before);
  });
});

describe("bad input changes nothing", () => {
  test.each([
    { name: "an empty name", form: { kind: "ward", name: "  ", code: "" }, errors: { name: "catalogue:errors.unitName" } },
    { name: "the kind typed into the name", form: { kind: "ward", name: "Phường Cái Răng Mới", code: "" }, errors: { name: "catalogue:errors.unitNamePrefix" } },
    { name: "a name a ward in use has (whatever the case)", form: { kind: "ward", name: "ninh kiều", code: "" }, errors: { name: "catalogue:errors.unitNameTaken" } },
    { name: "a code another unit holds", form: { kind: "commune", name: "Xa Lạ", code: "31135" }, errors: { code: "catalogue:errors.unitCodeTaken" } },
    { name: "a malformed code", form: { kind: "commune", name: "Xa Lạ", code: "3113" }, errors: { code: "catalogue:errors.unitCode" } },
    { name: "an unknown kind", form: { kind: "town", name: "Xa Lạ", code: "" }, errors: { kind: "catalogue:errors.unitKind" } },
  ])("adding with $name", async ({ form, errors }) => {
    const [rows, audit] = [await unitRows(), await auditRows(null, { entity: "admin_unit" })];
    const outcome = await addUnit(form);
    expect(outcome.status).toBe(400);
    expect((outcome.data as Failure).errors).toEqual(errors);
    expect((outcome.data as { values: Record<string, string> }).values).toMatchObject({ name: form.name });
    expect(await unitRows()).toEqual(rows);
    expect(await auditRows(null, { entity: "admin_unit" })).toEqual(audit);
  });

  test("renaming to the name of another ward in use, or taking its code", async () => {
    const rows = await unitRows();
    const sameName = await run(unitAction, await requestAs(admin, "/dost/legal/units/phuong-cai-khe", { form: { intent: "save", kind: "ward", name: "Ninh Kiều", code: "31120" } }), { unitId: "phuong-cai-khe" });
    expect(sameName.status).toBe(400);
    expect((sameName.data as Failure).errors).toEqual({ name: "catalogue:errors.unitNameTaken" });
    const sameCode = await run(unitAction, await requestAs(admin, "/dost/legal/units/phuong-cai-khe", { form: { intent: "save", kind: "ward", name: "Cái Khế", code: "31135" } }), { unitId: "phuong-cai-khe" });
    expect(sameCode.status).toBe(400);
    expect((sameCode.data as Failure).errors).toEqual({ code: "catalogue:errors.unitCodeTaken" });
    expect(await unitRows()).toEqual(rows);
  });

  test("an unknown unit is 404", async () => {
    expect((await run(unitLoader, await requestAs(admin, "/dost/legal/units/khong-co"), { unitId: "khong-co" })).status).toBe(404);
    expect((await run(unitAction, await requestAs(admin, "/dost/legal/units/khong-co", { form: { intent: "retire" } }), { unitId: "khong-co" })).status).toBe(404);
  });
});

describe("who may do what", () => {
  test("a reviewer reads the list and a unit, and changes nothing", async () => {
    const list = await run(unitsLoader, await requestAs(reviewer, "/dost/legal/units"));
    expect(list.status).toBe(200);
    expect(list.data).toMatchObject({ canEdit: false });
    expect((list.data as { units: unknown[] }).units.length).toBeGreaterThanOrEqual(103);
    const page = await run(unitLoader, await requestAs(reviewer, "/dost/legal/units/phuong-ninh-kieu"), { unitId: "phuong-ninh-kieu" });
    expect(page.data).toMatchObject({ canEdit: false, unit: { id: "phuong-ninh-kieu", label: "Phường Ninh Kiều" } });

    const rows = await unitRows();
    expect((await addUnit({ kind: "ward", name: "Của Người Xem", code: "" }, reviewer)).status).toBe(404);
    const forms: Record<string, string>[] = [{ intent: "save", kind: "ward", name: "Đổi Tên", code: "" }, { intent: "retire" }];
    for (const form of forms) {
      expect((await run(unitAction, await requestAs(reviewer, "/dost/legal/units/phuong-ninh-kieu", { form }), { unitId: "phuong-ninh-kieu" })).status).toBe(404);
    }
    expect(await unitRows()).toEqual(rows);
  });

  test("an admin sees the edit forms", async () => {
    expect((await run(unitsLoader, await requestAs(admin, "/dost/legal/units"))).data).toMatchObject({ canEdit: true });
  });

  test("business users and visitors get nothing", async () => {
    const business = await createBusinessWithOwner();
    const rows = await unitRows();
    expect((await run(unitsLoader, await requestAs(business.ownerId, "/dost/legal/units"))).status).toBe(404);
    expect((await run(unitLoader, await requestAs(business.ownerId, "/dost/legal/units/phuong-ninh-kieu"), { unitId: "phuong-ninh-kieu" })).status).toBe(404);
    expect((await addUnit({ kind: "ward", name: "Của Doanh Nghiệp", code: "" }, business.ownerId)).status).toBe(404);
    expect((await run(unitAction, await requestAs(business.ownerId, "/dost/legal/units/phuong-ninh-kieu", { form: { intent: "retire" } }), { unitId: "phuong-ninh-kieu" })).status).toBe(404);
    const anonymous = await run(unitsAction, await requestAs(null, "/dost/legal/units", { form: { intent: "add", kind: "ward", name: "Vô Danh", code: "" } }));
    expect(anonymous.status).toBe(302);
    expect(await unitRows()).toEqual(rows);
  });
});
