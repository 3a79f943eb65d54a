// Every form that takes a date refuses a day that does not exist or lies outside the range its
// meaning allows, and stores nothing (security review, finding 9).
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { type BusinessScope } from "~/utils/auth.server";
import { createInstrument } from "~/modules/instruments/instruments.server";
import { createRequest, takeRequest } from "~/modules/requests/requests.server";
import { action as eventAction } from "~/routes/business.instruments.$instrumentId.events.new";
import { action as visitAction } from "~/routes/business.instruments.visit";
import { action as newRequestAction } from "~/routes/business.requests.new";
import { action as dostDetailAction } from "~/routes/dost.requests.$requestId";
import { db } from "~/utils/db.server";
import { TEST_ORIGIN, buildRequest, cookieFor, createBusinessWithOwner, createUser, dispenserInput, eventForm, multipartRequest, run, silenceOutboxLog } from "../helpers";

silenceOutboxLog();

// Friday 4 December 2026, 09:00 in Vietnam.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-04T09:00:00+07:00"));
});
afterEach(() => {
  vi.useRealTimers();
});

async function ownerWithInstrument() {
  const business = await createBusinessWithOwner();
  const site = await db().selectFrom("site").where("business_id", "=", business.businessId).select("id").executeTakeFirstOrThrow();
  const scope = { kind: "business" as const, businessId: business.businessId, user: { id: business.ownerId } as never };
  const created = await createInstrument(scope, dispenserInput(site.id, "CD-01"));
  if (!created.ok) throw new Error("instrument not created");
  return { ...business, scope, instrumentId: created.id, cookie: await cookieFor(business.ownerId) };
}

const eventsOf = (instrumentId: number) => db().selectFrom("instrument_event").where("instrument_id", "=", instrumentId).selectAll().execute();
const errorsOf = (data: unknown) => (data as { errors: Record<string, string> }).errors;

describe("the event form", () => {
  const failed = { result: "fail", impactMeasured: "Bán lẻ xăng RON95", impactAction: "Dừng cột, báo sửa chữa" };
  const override = { kind: "override", result: "", provider: "", notes: "Sở cho gia hạn theo công văn số 12" };

  test.each([
    ["a check on 31/11/2026", { performedOn: "31/11/2026" }, "performedOn", "common:dates.invalid"],
    ["a check on 2026-11-31", { performedOn: "2026-11-31" }, "performedOn", "common:dates.invalid"],
    ["a check tomorrow", { performedOn: "2026-12-05" }, "performedOn", "common:dates.eventRange"],
    ["a check in 1989", { performedOn: "1989-12-31" }, "performedOn", "common:dates.eventRange"],
    ["an override of 9999-99-99", { ...override, overrideDueOn: "9999-99-99" }, "overrideDueOn", "common:dates.invalid"],
    ["an override of 0000-00-00", { ...override, overrideDueOn: "0000-00-00" }, "overrideDueOn", "common:dates.invalid"],
    ["an override eleven years ahead", { ...override, overrideDueOn: "2037-12-04" }, "overrideDueOn", "common:dates.dueRange"],
    ["wrong since year 0001", { ...failed, impactSince: "0001-01-01" }, "impactSince", "common:dates.eventRange"],
    ["wrong since a day after today", { ...failed, impactSince: "2027-01-01" }, "impactSince", "common:dates.eventRange"],
  ])("%s is refused and nothing is stored", async (_, fields, field, message) => {
    const { instrumentId, cookie } = await ownerWithInstrument();
    const refused = await run(eventAction, multipartRequest(`/business/instruments/${instrumentId}/events/new`, cookie, eventForm(fields)), {
      instrumentId: String(instrumentId),
    });
    expect(refused.status).toBe(400);
    expect(errorsOf(refused.data)).toMatchObject({ [field]: message });
    expect(await eventsOf(instrumentId)).toEqual([]);
  });

  test("days typed by hand, day first, are stored as ISO days", async () => {
    const { instrumentId, cookie } = await ownerWithInstrument();
    const params = { instrumentId: String(instrumentId) };
    const path = `/business/instruments/${instrumentId}/events/new`;
    const recorded = await run(eventAction, multipartRequest(path, cookie, eventForm({ performedOn: "2/12/2026", ...failed, impactSince: "15/11/2026" })), params);
    expect(recorded.status).toBe(302);
    const overridden = await run(eventAction, multipartRequest(path, cookie, eventForm({ ...override, performedOn: "04/12/2026", overrideDueOn: "30/11/2036" })), params);
    expect(overridden.status).toBe(302);
    const events = await eventsOf(instrumentId);
    expect(events.map((e) => [e.kind, e.performed_on, e.override_due_on])).toEqual([
      ["verification", "2026-12-02", null],
      ["override", "2026-12-04", "2036-11-30"],
    ]);
    expect(events[0]!.impact_since).toBe("2026-11-15");
  });
});

test("the visit form refuses a day that does not exist and records nothing", async () => {
  const { instrumentId, cookie } = await ownerWithInstrument();
  const form = { ids: [String(instrumentId)], kind: "verification", performedOn: "31/11/2026", provider: "Trung tâm (ví dụ)", result: "pass", certificateNo: "" };
  const refused = await run(visitAction, buildRequest("/business/instruments/visit", { cookie, form }));
  expect(refused.status).toBe(400);
  expect(errorsOf(refused.data)).toMatchObject({ performedOn: "common:dates.invalid" });
  expect(await eventsOf(instrumentId)).toEqual([]);
});

describe("the request form", () => {
  const requestForm = (desiredOn: string) => ({ type: "other", title: "Tư vấn quy trình", description: "Cần tư vấn.", desiredOn, trainees: "", intent: "submit" });
  const requestsOf = (businessId: number) => db().selectFrom("support_request").where("business_id", "=", businessId).selectAll().execute();

  test.each([
    ["a wished date in the past", "2026-12-03", "common:dates.upcomingRange"],
    ["a wished date three years ahead", "2029-12-04", "common:dates.upcomingRange"],
    ["a wished date of 31/11/2026", "31/11/2026", "common:dates.invalid"],
    ["a wished date of 0000-00-00", "0000-00-00", "common:dates.invalid"],
  ])("%s is refused and nothing is stored", async (_, desiredOn, message) => {
    const { businessId, cookie } = await ownerWithInstrument();
    const refused = await run(newRequestAction, multipartRequest("/business/requests/new", cookie, requestForm(desiredOn)));
    expect(refused.status).toBe(400);
    expect(errorsOf(refused.data)).toMatchObject({ desiredOn: message });
    expect(await requestsOf(businessId)).toEqual([]);
  });

  test("today, or a day typed by hand, is stored as an ISO day", async () => {
    const { businessId, cookie } = await ownerWithInstrument();
    expect((await run(newRequestAction, multipartRequest("/business/requests/new", cookie, requestForm("2026-12-04")))).status).toBe(302);
    expect((await run(newRequestAction, multipartRequest("/business/requests/new", cookie, requestForm("20/1/2027")))).status).toBe(302);
    expect((await requestsOf(businessId)).map((r) => r.desired_on).sort()).toEqual(["2026-12-04", "2027-01-20"]);
  });
});

test("DOST's planned date: not in the past, not years away, a real day; the request stays as it was", async () => {
  const { scope: partial, businessId, ownerId, email, input } = await ownerWithInstrument();
  const scope: BusinessScope = {
    ...partial,
    user: { id: ownerId, email, fullName: input.contactName, role: "business_owner", businessId, businessName: input.legalName },
  };
  const created = await createRequest(scope, { type: "other", title: "Tư vấn", description: "Cần tư vấn.", desiredOn: "", trainees: "", instrumentIds: [], origin: null }, [], {
    submit: true,
    origin: TEST_ORIGIN,
  });
  if (!created.ok) throw new Error("request not created");
  const user = await createUser("dost_reviewer", null);
  const reviewer = { kind: "dost" as const, user: { id: user.id, email: user.email, fullName: "Người dùng dost_reviewer", role: "dost_reviewer" as const, businessId: null, businessName: null } };
  await takeRequest(reviewer, created.id);
  const path = `/dost/requests/${created.id}`;
  for (const [planOn, message] of [
    ["2026-12-03", "common:dates.upcomingRange"],
    ["2029-12-05", "common:dates.upcomingRange"],
    ["2026-02-30", "common:dates.invalid"],
  ] as const) {
    const refused = await run(dostDetailAction, buildRequest(path, { cookie: await cookieFor(user.id), form: { intent: "approve", provider: "Trung tâm", planOn, note: "" } }), {
      requestId: String(created.id),
    });
    expect(refused.status).toBe(400);
    expect(errorsOf(refused.data)).toMatchObject({ planOn: message });
  }
  const row = await db().selectFrom("support_request").where("id", "=", created.id).select(["state", "plan_on"]).executeTakeFirstOrThrow();
  expect(row).toEqual({ state: "in_review", plan_on: null });
});
