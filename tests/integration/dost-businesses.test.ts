import { beforeAll, describe, expect, test } from "vitest";
import { createSite } from "~/modules/accounts/businesses.server";
import { getAssessment, saveAnswers, sectionsOf, startAssessment, submitAssessment } from "~/modules/assessments/assessments.server";
import { type Answer } from "~/modules/assessments/scoring";
import { createInstrument } from "~/modules/instruments/instruments.server";
import { createRequest } from "~/modules/requests/requests.server";
import { vietnamDay } from "~/modules/i18n/format";
import { type BusinessScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { loader as homeLoader } from "~/routes/dost._index";
import { loader as businessLoader } from "~/routes/dost.businesses.$businessId";
import { TEST_ORIGIN, TEST_PASSWORD, createBusinessWithOwner, createUser, dispenserInput, requestAs, run, silenceOutboxLog } from "../helpers";

silenceOutboxLog();

type Business = Awaited<ReturnType<typeof createBusinessWithOwner>> & { scope: BusinessScope };

async function business(overrides: Parameters<typeof createBusinessWithOwner>[0]): Promise<Business> {
  const created = await createBusinessWithOwner(overrides);
  const scope: BusinessScope = {
    kind: "business",
    businessId: created.businessId,
    user: { id: created.ownerId, email: created.email, fullName: created.input.contactName, role: "business_owner", businessId: created.businessId, businessName: created.input.legalName },
  };
  return { ...created, scope };
}

/** Answers every applicable item with `answer`, then submits (or leaves it a draft). */
async function assessment(scope: BusinessScope, answer: Answer, submit: boolean): Promise<number> {
  const { id } = await startAssessment(scope);
  const { sections } = sectionsOf((await getAssessment(scope, id))!);
  for (const section of sections) {
    const inputs = section.items.map((item) => ({ itemKey: item.key, answer, note: "", evidenceUrl: null, upload: null, removeFile: false }));
    expect(await saveAnswers(scope, id, section.key, inputs)).toBe("saved");
  }
  if (submit) expect(await submitAssessment(scope, id, TEST_PASSWORD)).toEqual({ ok: true });
  return id;
}

function plusDays(days: number): string {
  return new Date(Date.parse(`${vietnamDay()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

let reviewer: { id: number };
let fuel: Business;
let water: Business;
let foreign: Business;

beforeAll(async () => {
  reviewer = await createUser("dost_reviewer", null);
  fuel = await business({ legalName: "Công ty Xăng dầu Lọc Thử", sectors: ["fuel"], ownership: "private", communeId: "phuong-ninh-kieu" });
  water = await business({ legalName: "Công ty Cấp nước Lọc Thử", sectors: ["water"], ownership: "state", communeId: "phuong-cai-khe" });
  foreign = await business({ legalName: "Công ty Logistics Lọc Thử", sectors: ["logistics"], ownership: "foreign", communeId: "phuong-cai-khe" });
  // The water company also runs a plant in Tân An: the ward filter finds it there too.
  await createSite(water.scope, { name: "Nhà máy nước Tân An", communeId: "phuong-tan-an", communeOther: "", streetAddress: "1 Đường Nguyễn Trãi" });
});

async function listed(query: string) {
  const outcome = await run(homeLoader, await requestAs(reviewer.id, `/dost${query}`));
  expect(outcome.status).toBe(200);
  const data = outcome.data as { total: number; businesses: Array<{ id: number }>; commune: string | null; ownership: string | null };
  return { ...data, ids: data.businesses.map((b) => b.id) };
}

describe("the DOST list of businesses", () => {
  test("the ward or commune filter matches the registered address or any site", async () => {
    expect((await listed("?commune=phuong-cai-khe")).ids.sort()).toEqual([water.businessId, foreign.businessId].sort());
    expect((await listed("?commune=phuong-tan-an")).ids).toEqual([water.businessId]);
    expect((await listed("?commune=phuong-ninh-kieu")).ids).toEqual([fuel.businessId]);
  });

  test("the ownership filter, alone and with the others", async () => {
    expect((await listed("?ownership=state")).ids).toEqual([water.businessId]);
    expect((await listed("?ownership=foreign&commune=phuong-cai-khe")).ids).toEqual([foreign.businessId]);
    expect((await listed("?ownership=private&commune=phuong-cai-khe")).ids).toEqual([]);
    expect((await listed("?ownership=state&sector=water&q=L%E1%BB%8Dc")).ids).toEqual([water.businessId]);
  });

  test("unknown filter values are no filter, and the page says which filters hold", async () => {
    const all = await listed("");
    const junk = await listed("?commune=atlantis&ownership=pirate");
    expect(junk.ids).toEqual(all.ids);
    expect(junk).toMatchObject({ commune: null, ownership: null });
    expect(await listed("?commune=phuong-tan-an&ownership=state")).toMatchObject({ commune: "phuong-tan-an", ownership: "state", total: 1 });
  });
});

describe("the DOST page of one business", () => {
  let page: Record<string, unknown> & {
    profile: { legalName: string; taxCode: string; sectors: string[]; ownership: string };
    sites: Array<{ name: string }>;
    memberCount: number;
    submittedCount: number;
    assessment: { id: number; score: number; level: { key: string } | null; sections: Array<{ score: number | null }>; previous: { score: number } | null } | null;
    compliance: { inService: number; overdue: number; due30: number; unknown: number; inDate: number; share: number | null };
    requests: Array<{ id: number; code: string; state: string }>;
  };
  let firstId: number;
  let secondId: number;
  let draftRequestTitle: string;
  let submittedRequestId: number;

  beforeAll(async () => {
    const { scope } = fuel;
    await createUser("business_member", fuel.businessId);
    // Two submitted assessments and a newer draft: the page shows the latest submitted one.
    firstId = await assessment(scope, "partly", true);
    secondId = await assessment(scope, "yes", true);
    await assessment(scope, "no", false);
    // In service: one overdue, one due in 10 days, one in date, one without a due date; one retired is not counted.
    const site = await db().selectFrom("site").where("business_id", "=", fuel.businessId).select("id").executeTakeFirstOrThrow();
    const dues: Array<[string, string | null, "in_service" | "retired"]> = [
      ["CD-01", plusDays(-5), "in_service"],
      ["CD-02", plusDays(10), "in_service"],
      ["CD-03", plusDays(200), "in_service"],
      ["CD-04", null, "in_service"],
      ["CD-05", plusDays(-100), "retired"],
    ];
    for (const [tag, due, status] of dues) {
      const created = await createInstrument(scope, { ...dispenserInput(site.id, tag), status });
      if (!created.ok) throw new Error(JSON.stringify(created.errors));
      await db().updateTable("instrument").set({ next_due_on: due }).where("id", "=", created.id).execute();
    }
    draftRequestTitle = "Nháp chưa nộp — không được hiện cho Sở";
    const base = { description: "Mô tả.", desiredOn: "", trainees: "", instrumentIds: [], origin: null };
    const draft = await createRequest(scope, { ...base, type: "other", title: draftRequestTitle }, [], { submit: false, origin: TEST_ORIGIN });
    const submitted = await createRequest(scope, { ...base, type: "method", title: "Xây dựng phương pháp đo" }, [], { submit: true, origin: TEST_ORIGIN });
    if (!draft.ok || !submitted.ok) throw new Error("request");
    submittedRequestId = submitted.id;
    const outcome = await run(businessLoader, await requestAs(reviewer.id, `/dost/businesses/${fuel.businessId}`), { businessId: String(fuel.businessId) });
    expect(outcome.status).toBe(200);
    page = outcome.data as typeof page;
  });

  test("shows the profile, sites and members count", () => {
    expect(page.profile).toMatchObject({ legalName: "Công ty Xăng dầu Lọc Thử", taxCode: fuel.input.taxCode, sectors: ["fuel"], ownership: "private" });
    expect(page.sites).toHaveLength(1);
    expect(page.memberCount).toBe(2);
  });

  test("shows the latest submitted assessment with its score, level and section scores, never the draft", async () => {
    const second = await db().selectFrom("assessment").where("id", "=", secondId).select(["score", "maturity_level"]).executeTakeFirstOrThrow();
    expect(page.assessment).toMatchObject({ id: secondId, score: second.score, level: { key: second.maturity_level } });
    expect(page.assessment!.score).toBe(100);
    expect(page.assessment!.sections.length).toBeGreaterThan(3);
    expect(page.assessment!.sections.every((s) => s.score === null || s.score === 100)).toBe(true);
    expect(page.assessment!.previous?.score).toBe((await db().selectFrom("assessment").where("id", "=", firstId).select("score").executeTakeFirstOrThrow()).score);
    expect(page.submittedCount).toBe(2);
  });

  test("shows compliance counts of the instruments in service", () => {
    expect(page.compliance).toMatchObject({ inService: 4, overdue: 1, due30: 1, unknown: 1, share: 50 });
  });

  test("lists submitted requests with their codes, never drafts", () => {
    expect(page.requests.map((r) => r.id)).toEqual([submittedRequestId]);
    expect(page.requests[0]!.code).toMatch(/^HT-\d{4}-\d{6}$/);
    expect(JSON.stringify(page)).not.toContain(draftRequestTitle);
  });

  test("a business without anything yet has an empty page, not an error", async () => {
    const outcome = await run(businessLoader, await requestAs(reviewer.id, `/dost/businesses/${foreign.businessId}`), { businessId: String(foreign.businessId) });
    expect(outcome.data).toMatchObject({ assessment: null, submittedCount: 0, requests: [], compliance: { inService: 0, share: null } });
  });

  test.each(["999999", "abc"])("business id %s is 404", async (businessId) => {
    expect((await run(businessLoader, await requestAs(reviewer.id, `/dost/businesses/${businessId}`), { businessId })).status).toBe(404);
  });

  test("a business user gets 404, for another business and for its own", async () => {
    for (const [userId, businessId] of [
      [water.ownerId, fuel.businessId],
      [fuel.ownerId, fuel.businessId],
    ] as const) {
      const outcome = await run(businessLoader, await requestAs(userId, `/dost/businesses/${businessId}`), { businessId: String(businessId) });
      expect(outcome.status).toBe(404);
    }
  });
});
