import { beforeAll, describe, expect, test } from "vitest";
import { db } from "~/utils/db.server";
import { action as editAction, loader as editLoader } from "~/routes/dost.activities.$activityId";
import { loader as listLoader } from "~/routes/dost.activities._index";
import { action as newAction, loader as newLoader } from "~/routes/dost.activities.new";
import { loader as businessPageLoader } from "~/routes/dost.businesses.$businessId";
import { auditRows, createBusinessWithOwner, createUser, requestAs, run } from "../helpers";

// Through the route loaders and actions, with plain form posts as a browser without JavaScript sends them.

let reviewer: { id: number };
let admin: { id: number };
let business: Awaited<ReturnType<typeof createBusinessWithOwner>>;
let member: { id: number };

beforeAll(async () => {
  reviewer = await createUser("dost_reviewer", null);
  admin = await createUser("dost_admin", null);
  business = await createBusinessWithOwner();
  member = await createUser("business_member", business.businessId);
});

const trainingForm = (overrides: Record<string, string> = {}) => ({
  kind: "training",
  heldOn: "2026-04-09",
  title: `Tập huấn Chương trình 510 ${Math.random().toString(36).slice(2, 8)}`,
  organiser: "Sở Khoa học và Công nghệ",
  quantity: "40",
  participants: "",
  notes: "",
  ...overrides,
});

type ListData = {
  rows: Array<{ id: number; kind: string; heldOn: string; title: string; quantity: number }>;
  total: number;
  totals: Record<string, { records: number; quantity: number }>;
  years: number[];
};

async function create(userId: number, form: Record<string, string>) {
  const outcome = await run(newAction, await requestAs(userId, "/dost/activities/new", { form }));
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(302);
  const row = await db().selectFrom("programme_activity").where("title", "=", form.title!).selectAll().executeTakeFirstOrThrow();
  return row;
}

async function list(userId: number, query = "") {
  const outcome = await run(listLoader, await requestAs(userId, `/dost/activities${query}`));
  expect(outcome.status).toBe(200);
  return outcome.data as ListData;
}

describe("recording an activity", () => {
  test("a reviewer records a training course of 40 people: stored, audited in the same command, listed", async () => {
    const form = trainingForm({ participants: "Nguyễn Văn A\nTrần Thị B" });
    const outcome = await run(newAction, await requestAs(reviewer.id, "/dost/activities/new", { form }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/dost/activities");
    const row = await db().selectFrom("programme_activity").where("title", "=", form.title).selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: "training", held_on: "2026-04-09", quantity: 40, participants: "Nguyễn Văn A\nTrần Thị B", created_by: reviewer.id, updated_by: reviewer.id, provider_id: null });
    const audit = (await auditRows(null, { entity: "programme_activity" })).filter((a) => a.entity_id === String(row.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "create", actor_user_id: reviewer.id, business_id: null, detail: { kind: "training", quantity: 40, title: form.title } });
    const { rows } = await list(reviewer.id, "?year=2026");
    expect(rows.find((r) => r.id === row.id)).toMatchObject({ kind: "training", quantity: 40, title: form.title });
  });

  test("an admin may record too", async () => {
    const row = await create(admin.id, trainingForm({ kind: "standard", quantity: "3" }));
    expect(row).toMatchObject({ kind: "standard", quantity: 3, created_by: admin.id });
  });

  test("a training course without attendees is refused, the typed values come back, nothing is stored", async () => {
    const form = trainingForm({ quantity: "" });
    const before = await db().selectFrom("programme_activity").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const outcome = await run(newAction, await requestAs(reviewer.id, "/dost/activities/new", { form }));
    expect(outcome.status).toBe(400);
    expect(outcome.data).toMatchObject({ ok: false, errors: { quantity: "activities:errors.quantity.training" }, values: { title: form.title, heldOn: form.heldOn } });
    const after = await db().selectFrom("programme_activity").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  test.each([
    ["a date in the future", { heldOn: "2999-01-01" }, "heldOn", "activities:errors.future"],
    ["a date before the plan", { heldOn: "2020-06-01" }, "heldOn", "activities:errors.beforePlan"],
    ["no title", { title: "" }, "title", "activities:errors.required"],
    ["an unknown kind", { kind: "party" }, "kind", "activities:errors.kind"],
  ])("%s is refused", async (_name, overrides, field, key) => {
    const outcome = await run(newAction, await requestAs(reviewer.id, "/dost/activities/new", { form: trainingForm(overrides) }));
    expect(outcome.status).toBe(400);
    expect((outcome.data as { errors: Record<string, string> }).errors[field]).toBe(key);
  });

  test("a laboratory counts one whatever quantity the form sends, and keeps no participant list", async () => {
    const row = await create(reviewer.id, trainingForm({ kind: "laboratory", title: "Phòng thí nghiệm Thử Nghiệm", quantity: "5", participants: "X" }));
    expect(row).toMatchObject({ kind: "laboratory", quantity: 1, participants: "" });
    const org = await create(reviewer.id, trainingForm({ kind: "serviceOrganisation", title: "Trung tâm Dịch vụ Thử", quantity: "9" }));
    expect(org.quantity).toBe(1);
  });

  test("the new page asks the chosen kind's questions; without a kind it asks for one", async () => {
    const chosen = await run(newLoader, await requestAs(reviewer.id, "/dost/activities/new?kind=training"));
    expect(chosen.data).toMatchObject({ kind: "training" });
    const target = (chosen.data as { targets: Array<{ kind: string; target: string; phases: Array<{ value: number }> }> }).targets.find((t) => t.kind === "training");
    expect(target?.target).toMatch(/bồi dưỡng/);
    expect(target?.phases.map((p) => p.value)).toEqual([120, 150]);
    const none = await run(newLoader, await requestAs(reviewer.id, "/dost/activities/new?kind=nonsense"));
    expect(none.data).toMatchObject({ kind: null });
  });
});

describe("editing and deleting", () => {
  test("an edit saves, and its audit row keeps before and after", async () => {
    const row = await create(reviewer.id, trainingForm());
    const page = await run(editLoader, await requestAs(admin.id, `/dost/activities/${row.id}`), { activityId: String(row.id) });
    expect(page.data).toMatchObject({ kind: "training", activity: { id: row.id, quantity: 40 } });
    const form = trainingForm({ intent: "save", title: `${row.title} (sửa)`, quantity: "44" });
    const outcome = await run(editAction, await requestAs(admin.id, `/dost/activities/${row.id}`, { form }), { activityId: String(row.id) });
    expect(outcome.status).toBe(302);
    const after = await db().selectFrom("programme_activity").where("id", "=", row.id).selectAll().executeTakeFirstOrThrow();
    expect(after).toMatchObject({ title: form.title, quantity: 44, created_by: reviewer.id, updated_by: admin.id });
    const audit = (await auditRows(null, { entity: "programme_activity", action: "update" })).filter((a) => a.entity_id === String(row.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ before: { quantity: 40, title: row.title }, after: { quantity: 44, title: form.title } });
  });

  test("a refused edit changes nothing and writes no audit row", async () => {
    const row = await create(reviewer.id, trainingForm());
    const outcome = await run(editAction, await requestAs(reviewer.id, `/dost/activities/${row.id}`, { form: trainingForm({ quantity: "0" }) }), {
      activityId: String(row.id),
    });
    expect(outcome.status).toBe(400);
    expect(await db().selectFrom("programme_activity").where("id", "=", row.id).selectAll().executeTakeFirstOrThrow()).toEqual(row);
    expect((await auditRows(null, { entity: "programme_activity", action: "update" })).filter((a) => a.entity_id === String(row.id))).toEqual([]);
  });

  test("moving a course to the laboratory kind forces one and drops the participants; ?kind= asks the new questions", async () => {
    const row = await create(reviewer.id, trainingForm({ participants: "A\nB" }));
    const page = await run(editLoader, await requestAs(reviewer.id, `/dost/activities/${row.id}?kind=laboratory`), { activityId: String(row.id) });
    expect(page.data).toMatchObject({ kind: "laboratory", activity: { kind: "training" } });
    const form = { kind: "laboratory", heldOn: row.held_on, title: row.title, organiser: "", notes: "" };
    await run(editAction, await requestAs(reviewer.id, `/dost/activities/${row.id}?kind=laboratory`, { form }), { activityId: String(row.id) });
    expect(await db().selectFrom("programme_activity").where("id", "=", row.id).select(["kind", "quantity", "participants"]).executeTakeFirst()).toEqual({
      kind: "laboratory",
      quantity: 1,
      participants: "",
    });
  });

  test("delete removes the activity; the audit row keeps what it was", async () => {
    const row = await create(reviewer.id, trainingForm());
    const outcome = await run(editAction, await requestAs(reviewer.id, `/dost/activities/${row.id}`, { form: { intent: "delete" } }), { activityId: String(row.id) });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/dost/activities");
    expect(await db().selectFrom("programme_activity").where("id", "=", row.id).selectAll().executeTakeFirst()).toBeUndefined();
    const audit = (await auditRows(null, { entity: "programme_activity", action: "delete" })).filter((a) => a.entity_id === String(row.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: reviewer.id, detail: { title: row.title, quantity: 40, kind: "training" } });
    // Gone: the page and a second delete answer 404.
    expect((await run(editLoader, await requestAs(reviewer.id, `/dost/activities/${row.id}`), { activityId: String(row.id) })).status).toBe(404);
    expect((await run(editAction, await requestAs(reviewer.id, `/dost/activities/${row.id}`, { form: { intent: "delete" } }), { activityId: String(row.id) })).status).toBe(404);
  });

  test.each(["999999", "abc", "0"])("activity id %s is 404 for the page and for a save", async (activityId) => {
    expect((await run(editLoader, await requestAs(reviewer.id, `/dost/activities/${activityId}`), { activityId })).status).toBe(404);
    expect((await run(editAction, await requestAs(reviewer.id, `/dost/activities/${activityId}`, { form: trainingForm() }), { activityId })).status).toBe(404);
  });
});

describe("the list", () => {
  test("filters by year and kind, newest first, with the year's totals per kind", async () => {
    // Dates of 2022 belong to this test alone; the other tests use 2026.
    const early = await create(reviewer.id, trainingForm({ heldOn: "2022-03-10", quantity: "25" }));
    const late = await create(reviewer.id, trainingForm({ heldOn: "2022-11-20", quantity: "31" }));
    const lab = await create(reviewer.id, trainingForm({ kind: "laboratory", heldOn: "2022-07-01", title: "PTN 2022" }));
    await create(reviewer.id, trainingForm({ heldOn: "2023-05-05" }));

    const year = await list(reviewer.id, "?year=2022");
    expect(year.rows.map((r) => r.id)).toEqual([late.id, lab.id, early.id]);
    expect(year.total).toBe(3);
    expect(year.totals.training).toEqual({ records: 2, quantity: 56 });
    expect(year.totals.laboratory).toEqual({ records: 1, quantity: 1 });
    expect(year.years).toContain(2021);

    const courses = await list(reviewer.id, "?year=2022&kind=training");
    expect(courses.rows.map((r) => r.id)).toEqual([late.id, early.id]);
    expect(courses.total).toBe(2);

    // Everything, newest first; an unknown year or kind is no filter.
    const all = await list(reviewer.id, "?year=1999&kind=party");
    expect(all.rows.length).toBe(all.total);
    const dates = all.rows.map((r) => r.heldOn);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates).toContain("2023-05-05");
  });
});

describe("who may see the activities", () => {
  const pages = [
    { name: "the list", call: (userId: number | null) => requestAs(userId, "/dost/activities").then((r) => run(listLoader, r)) },
    { name: "the new page", call: (userId: number | null) => requestAs(userId, "/dost/activities/new?kind=training").then((r) => run(newLoader, r)) },
    { name: "recording", call: (userId: number | null) => requestAs(userId, "/dost/activities/new", { form: trainingForm() }).then((r) => run(newAction, r)) },
    { name: "the edit page", call: async (userId: number | null, id: number) => run(editLoader, await requestAs(userId, `/dost/activities/${id}`), { activityId: String(id) }) },
    {
      name: "saving an edit",
      call: async (userId: number | null, id: number) => run(editAction, await requestAs(userId, `/dost/activities/${id}`, { form: trainingForm() }), { activityId: String(id) }),
    },
    {
      name: "deleting",
      call: async (userId: number | null, id: number) => run(editAction, await requestAs(userId, `/dost/activities/${id}`, { form: { intent: "delete" } }), { activityId: String(id) }),
    },
    {
      name: "the DOST business page",
      call: async (userId: number | null) =>
        run(businessPageLoader, await requestAs(userId, `/dost/businesses/${business.businessId}`), { businessId: String(business.businessId) }),
    },
  ];

  test.each(pages)("a business owner and a business member get 404 from $name, and nothing changes", async ({ call }) => {
    const row = await create(reviewer.id, trainingForm());
    const before = await db().selectFrom("programme_activity").selectAll().orderBy("id").execute();
    for (const userId of [business.ownerId, member.id]) expect((await call(userId, row.id)).status).toBe(404);
    expect(await db().selectFrom("programme_activity").selectAll().orderBy("id").execute()).toEqual(before);
  });

  test.each(pages)("an anonymous visitor is sent to log in from $name", async ({ call }) => {
    const outcome = await call(null, 1);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/login\?redirectTo=/);
  });
});
