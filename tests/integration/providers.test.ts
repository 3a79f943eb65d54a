import { randomInt } from "node:crypto";
import { type Role } from "@db/schema";
import { describe, expect, test } from "vitest";
import { createInstrument } from "~/modules/instruments/instruments.server";
import { createProvider, getProvider, listProviders, providerIdByName, providersFor, setProviderActive } from "~/modules/providers/providers.server";
import { type ProviderForm } from "~/modules/providers/schemas";
import { approveRequest, completeRequest, createRequest, takeRequest } from "~/modules/requests/requests.server";
import { loader as instrumentLoader } from "~/routes/business.instruments.$instrumentId._index";
import { action as eventAction, loader as eventLoader } from "~/routes/business.instruments.$instrumentId.events.new";
import { action as visitAction } from "~/routes/business.instruments.visit";
import { action as editAction, loader as editLoader } from "~/routes/dost.providers.$providerId";
import { loader as adminListLoader } from "~/routes/dost.providers._index";
import { action as newAction, loader as newLoader } from "~/routes/dost.providers.new";
import { loader as dostRequestLoader } from "~/routes/dost.requests.$requestId";
import { loader as publicDetailLoader } from "~/routes/providers.$providerId";
import { loader as directoryLoader } from "~/routes/providers._index";
import { type BusinessScope, type DostScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { TEST_ORIGIN, auditRows, buildRequest, cookieFor, createBusinessWithOwner, createUser, dispenserInput, eventForm, multipartRequest, requestAs, run, silenceOutboxLog } from "../helpers";

silenceOutboxLog();

// One database per test file: every provider gets a name of its own, so tests do not see each other's.
let sequence = 0;
const uniqueName = (base: string) => `${base} ${Date.now().toString(36)}${sequence++}${randomInt(1000)} (ví dụ)`;

async function dostUser(role: Extract<Role, "dost_reviewer" | "dost_admin"> = "dost_admin"): Promise<DostScope> {
  const user = await createUser(role, null);
  return { kind: "dost", user: { id: user.id, email: user.email, fullName: `Người dùng ${role}`, role, businessId: null, businessName: null } };
}

function providerInput(overrides: Partial<ProviderForm> = {}): ProviderForm {
  return {
    name: uniqueName("Trung tâm Kiểm định"),
    kinds: ["verification"],
    designationNo: "901/QĐ-TĐC",
    accreditationNo: "",
    validUntil: "2099-12-31",
    scope: "Kiểm định cột đo xăng dầu.",
    instrumentTypes: ["fuel-dispenser"],
    address: "",
    phone: "",
    email: "",
    website: "",
    isExample: "1",
    ...overrides,
  };
}

/** The provider form as a browser without JavaScript posts it. */
function providerForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    name: uniqueName("Phòng Hiệu chuẩn"),
    kinds: ["calibration", "testing"],
    designationNo: "",
    accreditationNo: "VILAS 9999",
    validUntil: "2099-06-30",
    scope: "Hiệu chuẩn nhiệt kế, máy đo pH.",
    instrumentTypes: ["process-thermometer", "ph-meter"],
    address: "1 Đường Mẫu",
    phone: "0292 000 0000",
    email: "lienhe@vidu.example",
    website: "https://vidu.example",
    isExample: "1",
    ...overrides,
  };
}

async function created(scope: DostScope, overrides: Partial<ProviderForm> = {}) {
  const input = providerInput(overrides);
  const result = await createProvider(scope, input);
  if (!result.ok) throw new Error(`createProvider: ${JSON.stringify(result.errors)}`);
  return { id: result.id, name: input.name };
}

const providerRow = (id: number) => db().selectFrom("provider").selectAll().where("id", "=", id).executeTakeFirst();
const auditOf = async (id: number) => (await auditRows(null, { entity: "provider" })).filter((r) => r.entity_id === String(id));

type DirectoryData = { providers: Array<{ id: number; name: string; validity: string; types: Array<{ id: string }> }> };

describe("the public directory", () => {
  test("anyone, without logging in, sees the active providers only; filters by kind and type; search ignores diacritics", async () => {
    const admin = await dostUser();
    const fuel = await created(admin, { name: uniqueName("Trung tâm Đo lường Xăng dầu") });
    const lab = await created(admin, { kinds: ["calibration"], designationNo: "", accreditationNo: "VILAS 9998", instrumentTypes: ["ph-meter"] });
    const gone = await created(admin);
    await setProviderActive(admin, gone.id, false);

    const page = await run(directoryLoader, buildRequest("/providers"));
    expect(page.status).toBe(200);
    const names = (page.data as DirectoryData).providers.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining([fuel.name, lab.name]));
    expect(names).not.toContain(gone.name);
    expect((await listProviders()).map((p) => p.id)).not.toContain(gone.id);

    const byType = (await run(directoryLoader, buildRequest("/providers?type=ph-meter"))).data as DirectoryData;
    expect(byType.providers.map((p) => p.id)).toContain(lab.id);
    expect(byType.providers.map((p) => p.id)).not.toContain(fuel.id);
    expect(byType.providers.every((p) => p.types.some((t) => t.id === "ph-meter"))).toBe(true);

    const byKind = (await run(directoryLoader, buildRequest("/providers?kind=verification"))).data as DirectoryData;
    expect(byKind.providers.map((p) => p.id)).toContain(fuel.id);
    expect(byKind.providers.map((p) => p.id)).not.toContain(lab.id);

    const search = (await run(directoryLoader, buildRequest(`/providers?${new URLSearchParams({ q: "do luong xang dau" })}`))).data as DirectoryData;
    expect(search.providers.map((p) => p.id)).toEqual([fuel.id]);

    // Unknown filter values are ignored rather than refused.
    expect((await run(directoryLoader, buildRequest("/providers?type=nonsense&kind=x"))).status).toBe(200);
  });

  test("a provider's public page: found while active, 404 once unlisted; a lapsed one says so", async () => {
    const admin = await dostUser();
    const lapsed = await created(admin, { validUntil: "2020-01-31" });
    const shown = await run(publicDetailLoader, buildRequest(`/providers/${lapsed.id}`), { providerId: String(lapsed.id) });
    expect(shown.status).toBe(200);
    expect((shown.data as { provider: { validity: string } }).provider.validity).toBe("expired");
    await setProviderActive(admin, lapsed.id, false);
    expect((await run(publicDetailLoader, buildRequest(`/providers/${lapsed.id}`), { providerId: String(lapsed.id) })).status).toBe(404);
    expect(await getProvider(lapsed.id)).toBeUndefined();
    expect((await run(publicDetailLoader, buildRequest("/providers/abc"), { providerId: "abc" })).status).toBe(404);
  });
});

describe("admin management", () => {
  test("an admin adds, edits, unlists and lists again a provider; each change is one audit row", async () => {
    const admin = await dostUser();
    const form = providerForm();
    const added = await run(newAction, await requestAs(admin.user.id, "/dost/providers/new", { form }));
    expect(added.status).toBe(302);
    expect(added.location).toBe("/dost/providers");
    const row = await db().selectFrom("provider").selectAll().where("name", "=", String(form.name)).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kinds: JSON.stringify(["calibration", "testing"]), accreditation_no: "VILAS 9999", valid_until: "2099-06-30", is_example: 1, active: 1 });
    expect(JSON.parse(row.instrument_types)).toEqual(["process-thermometer", "ph-meter"]);
    expect(await auditOf(row.id)).toEqual([expect.objectContaining({ action: "create", actor_user_id: admin.user.id, business_id: null })]);

    // The admin list shows it; so does the edit page.
    const list = await run(adminListLoader, await requestAs(admin.user.id, "/dost/providers"));
    expect((list.data as DirectoryData).providers.map((p) => p.id)).toContain(row.id);
    expect((await run(editLoader, await requestAs(admin.user.id, `/dost/providers/${row.id}`), { providerId: String(row.id) })).status).toBe(200);

    // Edit: a new validity date and an extra type; the audit row names what changed.
    const edited = await run(
      editAction,
      await requestAs(admin.user.id, `/dost/providers/${row.id}`, {
        form: { ...form, intent: "save", validUntil: "2030-01-15", instrumentTypes: ["process-thermometer", "ph-meter", "conductivity-meter"] },
      }),
      { providerId: String(row.id) },
    );
    expect(edited.status).toBe(302);
    expect(await providerRow(row.id)).toMatchObject({ valid_until: "2030-01-15" });
    const [, update] = await auditOf(row.id);
    expect(update).toMatchObject({ action: "update", actor_user_id: admin.user.id });
    expect((update!.detail!.changed as string[]).sort()).toEqual(["instrument_types", "valid_until"]);

    // Saving without a change writes nothing.
    await run(
      editAction,
      await requestAs(admin.user.id, `/dost/providers/${row.id}`, {
        form: { ...form, intent: "save", validUntil: "2030-01-15", instrumentTypes: ["process-thermometer", "ph-meter", "conductivity-meter"] },
      }),
      { providerId: String(row.id) },
    );
    expect(await auditOf(row.id)).toHaveLength(2);

    // Unlist, then list again.
    const off = await run(editAction, await requestAs(admin.user.id, `/dost/providers/${row.id}`, { form: { intent: "deactivate" } }), { providerId: String(row.id) });
    expect(off.status).toBe(302);
    expect(await providerRow(row.id)).toMatchObject({ active: 0 });
    expect((await run(adminListLoader, await requestAs(admin.user.id, "/dost/providers?status=inactive"))).data).toMatchObject({
      providers: expect.arrayContaining([expect.objectContaining({ id: row.id, active: false })]),
    });
    await run(editAction, await requestAs(admin.user.id, `/dost/providers/${row.id}`, { form: { intent: "reactivate" } }), { providerId: String(row.id) });
    expect(await providerRow(row.id)).toMatchObject({ active: 1 });
    expect((await auditOf(row.id)).map((r) => r.action)).toEqual(["create", "update", "deactivate", "reactivate"]);
  });

  test("bad input is refused with field errors, the input kept and nothing saved", async () => {
    const admin = await dostUser();
    const existing = await created(admin);
    const cases: Array<[Record<string, string | string[]>, Record<string, string>]> = [
      [{ name: "" }, { name: "providers:errors.required" }],
      [{ kinds: [] }, { kinds: "providers:errors.kinds" }],
      [{ kinds: ["cooking"] }, { kinds: "providers:errors.kinds" }],
      [{ instrumentTypes: [] }, { instrumentTypes: "providers:errors.types" }],
      [{ instrumentTypes: ["not-a-type"] }, { instrumentTypes: "providers:errors.types" }],
      [{ designationNo: "", accreditationNo: "" }, { designationNo: "providers:errors.number" }],
      [{ validUntil: "2026-02-30" }, { validUntil: "providers:errors.date" }],
      [{ email: "not-mail" }, { email: "providers:errors.email" }],
      [{ website: "javascript:alert(1)" }, { website: "providers:errors.website" }],
      [{ name: existing.name.toUpperCase() }, { name: "providers:errors.nameTaken" }],
    ];
    const before = (await db().selectFrom("provider").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
    for (const [overrides, errors] of cases) {
      const form = providerForm(overrides);
      const refused = await run(newAction, await requestAs(admin.user.id, "/dost/providers/new", { form }));
      expect(refused.status, JSON.stringify(overrides)).toBe(400);
      const data = refused.data as { errors: Record<string, string>; values: Record<string, unknown> };
      expect(data.errors).toMatchObject(errors);
      expect(data.values.scope).toBe(form.scope);
    }
    const after = (await db().selectFrom("provider").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
    expect(after).toBe(before);
  });

  test("reviewers, business users and visitors cannot see or change the admin pages (404, or the login page)", async () => {
    const admin = await dostUser();
    const target = await created(admin);
    const before = await providerRow(target.id);
    const reviewer = await dostUser("dost_reviewer");
    const business = await createBusinessWithOwner();
    const member = await createUser("business_member", business.businessId);
    for (const userId of [reviewer.user.id, business.ownerId, member.id]) {
      const params = { providerId: String(target.id) };
      expect((await run(adminListLoader, await requestAs(userId, "/dost/providers"))).status).toBe(404);
      expect((await run(newLoader, await requestAs(userId, "/dost/providers/new"))).status).toBe(404);
      expect((await run(newAction, await requestAs(userId, "/dost/providers/new", { form: providerForm() }))).status).toBe(404);
      expect((await run(editLoader, await requestAs(userId, `/dost/providers/${target.id}`), params)).status).toBe(404);
      for (const form of [{ ...providerForm(), intent: "save" }, { intent: "deactivate" }]) {
        expect((await run(editAction, await requestAs(userId, `/dost/providers/${target.id}`, { form }), params)).status).toBe(404);
      }
    }
    const visitor = await run(editAction, buildRequest(`/dost/providers/${target.id}`, { form: { intent: "deactivate" } }), { providerId: String(target.id) });
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/login/);
    expect(await providerRow(target.id)).toEqual(before);
    expect((await auditOf(target.id)).map((r) => r.action)).toEqual(["create"]);
    // The data functions check again, whatever the route does.
    await expect(createProvider(reviewer, providerInput())).rejects.toThrow();
    await expect(setProviderActive(reviewer, target.id, false)).rejects.toThrow();
  });

  test("an unknown provider id is 404 for an admin too", async () => {
    const admin = await dostUser();
    expect((await run(editLoader, await requestAs(admin.user.id, "/dost/providers/99999999"), { providerId: "99999999" })).status).toBe(404);
    expect((await run(editAction, await requestAs(admin.user.id, "/dost/providers/99999999", { form: { intent: "deactivate" } }), { providerId: "99999999" })).status).toBe(404);
  });
});

describe("providersFor and the forms", () => {
  test("covers all the types by default, or any; leaves out lapsed and unlisted providers; narrows by kind", async () => {
    const admin = await dostUser();
    // Types no other test uses, so the answer is exactly these providers.
    const both = await created(admin, { instrumentTypes: ["oscilloscope", "optical-power-meter"], kinds: ["calibration"], designationNo: "", accreditationNo: "VILAS 1" });
    const one = await created(admin, { instrumentTypes: ["oscilloscope"], kinds: ["verification", "calibration"] });
    const lapsed = await created(admin, { instrumentTypes: ["oscilloscope", "optical-power-meter"], validUntil: "2020-01-01" });
    const unlisted = await created(admin, { instrumentTypes: ["oscilloscope", "optical-power-meter"] });
    await setProviderActive(admin, unlisted.id, false);
    const ids = (list: Array<{ id: number }>) => list.map((p) => p.id).sort((a, b) => a - b);

    expect(ids(await providersFor(["oscilloscope", "optical-power-meter"]))).toEqual([both.id]);
    expect(ids(await providersFor(["oscilloscope", "optical-power-meter"], { match: "any" }))).toEqual([both.id, one.id].sort((a, b) => a - b));
    expect(ids(await providersFor(["oscilloscope"], { kind: "verification" }))).toEqual([one.id]);
    // Until its last day, a provider is in force.
    expect(ids(await providersFor(["optical-power-meter"], { today: "2020-01-01" }))).toEqual([both.id, lapsed.id].sort((a, b) => a - b));
    const all = ids(await providersFor([]));
    expect(all).toEqual(expect.arrayContaining([both.id, one.id]));
    expect(all).not.toContain(lapsed.id);
    expect(all).not.toContain(unlisted.id);
  });

  test("the event form offers the directory's providers for the instrument's type and links an event whose provider name matches", async () => {
    const admin = await dostUser();
    const provider = await created(admin, { instrumentTypes: ["fuel-dispenser"] });
    const business = await createBusinessWithOwner();
    const site = await db().selectFrom("site").where("business_id", "=", business.businessId).select("id").executeTakeFirstOrThrow();
    const scope: BusinessScope = { kind: "business", businessId: business.businessId, user: { id: business.ownerId } as never };
    const made = await createInstrument(scope, dispenserInput(site.id, "CD-P1"));
    if (!made.ok) throw new Error("instrument");
    const cookie = await cookieFor(business.ownerId);
    const params = { instrumentId: String(made.id) };

    const form = await run(eventLoader, buildRequest(`/business/instruments/${made.id}/events/new`, { cookie }), params);
    expect((form.data as { providers: Array<{ id: number }> }).providers.map((p) => p.id)).toContain(provider.id);
    const page = await run(instrumentLoader, buildRequest(`/business/instruments/${made.id}`, { cookie }), params);
    expect((page.data as { providers: Array<{ id: number }> }).providers.map((p) => p.id)).toContain(provider.id);

    const record = (providerName: string) =>
      run(eventAction, multipartRequest(`/business/instruments/${made.id}/events/new`, cookie, eventForm({ certificateNo: "KĐ-1", provider: providerName })), params);
    // Case and spacing aside, the directory's name links the event; any other name stays free text.
    expect((await record(`  ${provider.name.toLocaleUpperCase("vi")} `)).status).toBe(302);
    expect((await record("Phòng đo lường nội bộ")).status).toBe(302);
    const events = await db().selectFrom("instrument_event").where("instrument_id", "=", made.id).select(["provider", "provider_id"]).orderBy("id").execute();
    expect(events).toEqual([
      { provider: provider.name.toLocaleUpperCase("vi"), provider_id: provider.id },
      { provider: "Phòng đo lường nội bộ", provider_id: null },
    ]);

    // The visit form, for many instruments at once, links the same way.
    const visit = await run(
      visitAction,
      buildRequest("/business/instruments/visit", { cookie, form: { ids: [String(made.id)], kind: "verification", performedOn: "2026-02-02", provider: provider.name, result: "pass", certificateNo: "" } }),
    );
    expect(visit.status).toBe(302);
    const last = await db().selectFrom("instrument_event").where("instrument_id", "=", made.id).select("provider_id").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(last.provider_id).toBe(provider.id);
    expect(await providerIdByName("")).toBeNull();
  });

  test("approving a request with a directory provider's name stores the link, and completing it links the events", async () => {
    const admin = await dostUser();
    const provider = await created(admin, { instrumentTypes: ["fuel-dispenser"] });
    const calibrationOnly = await created(admin, { instrumentTypes: ["fuel-dispenser"], kinds: ["calibration"], designationNo: "", accreditationNo: "VILAS 2" });
    const business = await createBusinessWithOwner();
    const site = await db().selectFrom("site").where("business_id", "=", business.businessId).select("id").executeTakeFirstOrThrow();
    const scope: BusinessScope = {
      kind: "business",
      businessId: business.businessId,
      user: { id: business.ownerId, email: business.email, fullName: "Chủ", role: "business_owner", businessId: business.businessId, businessName: business.input.legalName },
    };
    const made = await createInstrument(scope, dispenserInput(site.id, "CD-R1"));
    if (!made.ok) throw new Error("instrument");
    const request = await createRequest(
      scope,
      { type: "verification", title: "Kiểm định cột đo", description: "Cột đo đến hạn.", desiredOn: "", trainees: "", instrumentIds: [made.id], origin: null },
      [],
      { submit: true, origin: TEST_ORIGIN },
    );
    if (!request.ok) throw new Error("request");
    const reviewer = await dostUser("dost_reviewer");
    expect(await takeRequest(reviewer, request.id)).toBe("done");

    // The approval form offers verification organisations covering the request's instruments.
    const page = await run(dostRequestLoader, await requestAs(reviewer.user.id, `/dost/requests/${request.id}`), { requestId: String(request.id) });
    const offered = (page.data as { providers: Array<{ id: number }> }).providers.map((p) => p.id);
    expect(offered).toContain(provider.id);
    expect(offered).not.toContain(calibrationOnly.id);

    expect(await approveRequest(reviewer, request.id, { provider: provider.name, planOn: "2099-01-05", note: "" }, TEST_ORIGIN)).toBe("done");
    expect(await db().selectFrom("support_request").where("id", "=", request.id).select(["plan_provider", "plan_provider_id"]).executeTakeFirst()).toEqual({
      plan_provider: provider.name,
      plan_provider_id: provider.id,
    });
    const today = new Date().toISOString().slice(0, 10);
    expect(
      await completeRequest(
        reviewer,
        request.id,
        { outcome: "Đạt.", performedOn: today, instruments: [{ instrumentId: made.id, result: "pass", certificateNo: "KĐ-1", upload: null }] },
        TEST_ORIGIN,
      ),
    ).toBe("done");
    const event = await db().selectFrom("instrument_event").where("instrument_id", "=", made.id).select(["provider", "provider_id"]).executeTakeFirstOrThrow();
    expect(event).toEqual({ provider: provider.name, provider_id: provider.id });
  });
});
