import { describe, expect, test } from "vitest";
import { createInstrument, dueCounts, getInstrument, listInstruments, recordEvents } from "~/modules/instruments/instruments.server";
import { parseRegisterFilter } from "~/modules/instruments/register-filter";
import { vietnamDay } from "~/modules/i18n/format";
import { loader as detailLoader } from "~/routes/business.instruments.$instrumentId._index";
import { action as editAction, loader as editLoader } from "~/routes/business.instruments.$instrumentId.edit";
import { action as eventAction, loader as eventLoader } from "~/routes/business.instruments.$instrumentId.events.new";
import { loader as listLoader } from "~/routes/business.instruments._index";
import { loader as scheduleLoader } from "~/routes/business.schedule";
import { action as newAction } from "~/routes/business.instruments.new";
import { action as visitAction } from "~/routes/business.instruments.visit";
import { db } from "~/utils/db.server";
import { buildRequest, cookieFor, createBusinessWithOwner, dispenserInput, eventForm, multipartRequest, run } from "../helpers";

async function ownerWithSite() {
  const business = await createBusinessWithOwner();
  const site = await db().selectFrom("site").where("business_id", "=", business.businessId).select("id").executeTakeFirstOrThrow();
  const scope = { kind: "business" as const, businessId: business.businessId, user: { id: business.ownerId } as never };
  return { ...business, siteId: site.id, scope, cookie: await cookieFor(business.ownerId) };
}

const pass = (performedOn: string) => ({
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


describe("adding and recording", () => {
  test("a new dispenser with no record is 'unknown'; a passing verification sets the legal due date with its rule", async () => {
    const { cookie, siteId, scope } = await ownerWithSite();
    const created = await run(
      newAction,
      buildRequest("/business/instruments/new", {
        cookie,
        form: { ...Object.fromEntries(Object.entries(dispenserInput(siteId, "CD-01")).map(([k, v]) => [k, v === null ? "" : String(v)])), rangeMin: "0,5", rangeMax: "60" },
      }),
    );
    expect(created.status).toBe(302);
    const id = Number(created.location!.split("/").pop());
    expect((await getInstrument(scope, id))!).toMatchObject({ rangeMin: 0.5, nextDueOn: null });
    expect((await dueCounts(scope, vietnamDay())).unknown).toBe(1);

    const recorded = await run(
      eventAction,
      multipartRequest(`/business/instruments/${id}/events/new`, cookie, eventForm({ performedOn: "2026-03-12", certificateNo: "KĐ-2026-1" })),
      { instrumentId: String(id) },
    );
    expect(recorded.status).toBe(302);
    const after = (await getInstrument(scope, id))!;
    expect(after.nextDueOn).toBe("2027-03-12");
    expect(JSON.parse(after.dueRule!)).toMatchObject({ kind: "legal", from: "2026-03-12", months: 12 });
    expect(after.lastCertificateNo).toBe("KĐ-2026-1");
  });

  test("a failed verification quarantines the instrument until a passing one, and needs an impact review", async () => {
    const { cookie, siteId, scope } = await ownerWithSite();
    const created = await createInstrument(scope, dispenserInput(siteId, "CD-02"));
    const id = created.ok ? created.id : 0;
    const fields = eventForm({ performedOn: "2026-06-01", result: "fail" });
    const refused = await run(eventAction, multipartRequest(`/business/instruments/${id}/events/new`, cookie, fields), { instrumentId: String(id) });
    expect(Object.keys((refused.data as { errors: Record<string, string> }).errors).sort()).toEqual(["impactAction", "impactMeasured", "impactSince"]);
    const failed = await run(
      eventAction,
      multipartRequest(`/business/instruments/${id}/events/new`, cookie, { ...fields, impactSince: "2026-05-01", impactMeasured: "Bán lẻ xăng RON95", impactAction: "Dừng cột, báo sửa chữa" }),
      { instrumentId: String(id) },
    );
    expect(failed.status).toBe(302);
    expect((await getInstrument(scope, id))!.status).toBe("quarantined");
    await recordEvents(scope, [id], pass("2026-06-10"));
    expect((await getInstrument(scope, id))!).toMatchObject({ status: "in_service", nextDueOn: "2027-06-10" });
  });

  test("a visit records one event on each chosen instrument in one go", async () => {
    const { cookie, siteId, scope } = await ownerWithSite();
    const ids = [];
    for (const tag of ["A-1", "A-2", "A-3"]) {
      const r = await createInstrument(scope, dispenserInput(siteId, tag));
      if (r.ok) ids.push(r.id);
    }
    const outcome = await run(
      visitAction,
      buildRequest("/business/instruments/visit", {
        cookie,
        form: { ids: ids.map(String), kind: "verification", performedOn: "2026-09-01", provider: "Trung tâm (ví dụ)", result: "pass", certificateNo: "" },
      }),
    );
    expect(outcome.status).toBe(302);
    const events = await db().selectFrom("instrument_event").where("business_id", "=", scope.businessId).select(["instrument_id", "visit_ref"]).execute();
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => e.visit_ref)).size).toBe(1);
    const audits = await db().selectFrom("audit_log").where("business_id", "=", scope.businessId).where("entity", "=", "instrument_event").select("id").execute();
    expect(audits).toHaveLength(1);
  });

  test("the register filters by due state in SQL", async () => {
    const { siteId, scope } = await ownerWithSite();
    const today = "2026-11-29";
    const make = async (tag: string, verifiedOn: string | null) => {
      const r = await createInstrument(scope, dispenserInput(siteId, tag));
      if (r.ok && verifiedOn) await recordEvents(scope, [r.id], pass(verifiedOn));
    };
    await make("OVER", "2025-10-01");
    await make("SOON", "2025-12-10");
    await make("LATER", "2026-06-01");
    await make("NONE", null);
    const tags = async (due: string) =>
      (await listInstruments(scope, parseRegisterFilter(new URLSearchParams({ due }), today), today)).rows.map((r) => r.tag);
    expect(await tags("overdue")).toEqual(["OVER"]);
    expect(await tags("due30")).toEqual(["SOON"]);
    expect(await tags("unknown")).toEqual(["NONE"]);
    expect(await tags("inDate")).toEqual(["LATER"]);
  });
});

describe("the schedule", () => {
  test("lists the overdue, soon-due and unknown instruments, most urgent first, with totals that match the counts", async () => {
    const { siteId, scope, cookie } = await ownerWithSite();
    const other = await ownerWithSite();
    const daysAgo = (days: number) => new Date(Date.parse(`${vietnamDay()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
    const make = async (owner: { scope: typeof scope }, site: number, tag: string, verifiedOn: string | null) => {
      const r = await createInstrument(owner.scope, dispenserInput(site, tag));
      if (r.ok && verifiedOn) await recordEvents(owner.scope, [r.id], pass(verifiedOn));
    };
    await make({ scope }, siteId, "LONG-AGO", daysAgo(500));
    await make({ scope }, siteId, "LAST-YEAR", daysAgo(380));
    await make({ scope }, siteId, "SOON", daysAgo(350));
    await make({ scope }, siteId, "NEVER", null);
    await make({ scope }, siteId, "FRESH", daysAgo(10));
    await make(other, other.siteId, "OTHER-OVERDUE", daysAgo(500));

    const { data } = await run(scheduleLoader, buildRequest("/business/schedule", { cookie }));
    type List = { total: number; rows: Array<{ tag: string }> };
    const page = data as { counts: { overdue: number; due30: number; unknown: number }; overdue: List; due30: List; unknown: List };
    expect(page.overdue.rows.map((r) => r.tag)).toEqual(["LONG-AGO", "LAST-YEAR"]);
    expect(page.due30.rows.map((r) => r.tag)).toEqual(["SOON"]);
    expect(page.unknown.rows.map((r) => r.tag)).toEqual(["NEVER"]);
    expect([page.overdue.total, page.due30.total, page.unknown.total]).toEqual([2, 1, 1]);
    expect(page.counts).toMatchObject({ overdue: 2, due30: 1, unknown: 1 });
  });
});

describe("another business's instruments", () => {
  test("answer 404 on every page and action, and its events stay untouched", async () => {
    const theirs = await ownerWithSite();
    const created = await createInstrument(theirs.scope, dispenserInput(theirs.siteId, "X-1"));
    const id = String(created.ok ? created.id : 0);
    await recordEvents(theirs.scope, [Number(id)], pass("2026-01-01"));
    const mine = await ownerWithSite();
    const cookie = mine.cookie;
    expect((await run(detailLoader, buildRequest(`/business/instruments/${id}`, { cookie }), { instrumentId: id })).status).toBe(404);
    expect((await run(editLoader, buildRequest(`/business/instruments/${id}/edit`, { cookie }), { instrumentId: id })).status).toBe(404);
    expect((await run(eventLoader, buildRequest(`/business/instruments/${id}/events/new`, { cookie }), { instrumentId: id })).status).toBe(404);
    const form = Object.fromEntries(Object.entries(dispenserInput(mine.siteId, "Y-1")).map(([k, v]) => [k, v === null ? "" : String(v)]));
    expect((await run(editAction, buildRequest(`/business/instruments/${id}/edit`, { cookie, form }), { instrumentId: id })).status).toBe(404);
    expect(
      (
        await run(
          eventAction,
          multipartRequest(`/business/instruments/${id}/events/new`, cookie, eventForm({ provider: "x" })),
          { instrumentId: id },
        )
      ).status,
    ).toBe(404);
    const visit = await run(
      visitAction,
      buildRequest("/business/instruments/visit", { cookie, form: { ids: [id], kind: "verification", performedOn: "2026-02-01", provider: "x", result: "pass", certificateNo: "" } }),
    );
    expect(visit.status).toBe(404);
    // A site of another business cannot hold my instrument either.
    const foreignSite = await run(newAction, buildRequest("/business/instruments/new", { cookie, form: { ...form, siteId: String(theirs.siteId) } }));
    expect((foreignSite.data as { errors: Record<string, string> }).errors).toEqual({ siteId: "instruments:errors.site" });
    expect(await db().selectFrom("instrument_event").where("instrument_id", "=", Number(id)).select("id").execute()).toHaveLength(1);
    const list = await run(listLoader, buildRequest("/business/instruments", { cookie }));
    expect((list.data as { total: number }).total).toBe(0);
  });
});
