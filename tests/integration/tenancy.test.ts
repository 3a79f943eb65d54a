// The cross-tenant matrix (PRODUCT.md §2): a business sees and changes only its own rows, by any URL or
// form field; DOST pages are invisible to businesses and business pages to DOST; anonymous users log in first.
import { beforeAll, describe, expect, test } from "vitest";
import { loader as businessLayoutLoader } from "~/routes/business";
import { loader as businessHomeLoader } from "~/routes/business._index";
import { action as membersAction, loader as membersLoader } from "~/routes/business.members";
import { action as profileAction, loader as profileLoader } from "~/routes/business.profile";
import { action as siteAction, loader as siteLoader } from "~/routes/business.sites.$siteId";
import { action as sitesAction, loader as sitesLoader } from "~/routes/business.sites._index";
import { loader as outboxLoader } from "~/routes/dev.outbox";
import { loader as dostLayoutLoader } from "~/routes/dost";
import { loader as dostHomeLoader } from "~/routes/dost._index";
import { db } from "~/utils/db.server";
import {
  businessRows,
  createBusinessWithOwner,
  createInvitation,
  createUser,
  profileForm,
  requestAs,
  run,
  siteForm,
  type Outcome,
} from "../helpers";

type Fn = Parameters<typeof run>[0];
type Business = Awaited<ReturnType<typeof createBusinessWithOwner>>;

let a: Business;
let b: Business;
let memberA: { id: number; email: string };
let memberB: { id: number; email: string };
let reviewer: { id: number; email: string };
let admin: { id: number; email: string };
let siteA: number;
let siteB: number;
let invitationB: { id: number; email: string };

beforeAll(async () => {
  a = await createBusinessWithOwner({ legalName: "Công ty Xăng dầu Alpha", contactName: "Chủ Alpha" });
  b = await createBusinessWithOwner({ legalName: "Công ty Cấp nước Beta", contactName: "Chủ Beta", sectors: ["water"] });
  memberA = await createUser("business_member", a.businessId);
  memberB = await createUser("business_member", b.businessId, "nhan-vien-beta@beta.vn");
  reviewer = await createUser("dost_reviewer", null);
  admin = await createUser("dost_admin", null);
  siteA = (await db().selectFrom("site").where("business_id", "=", a.businessId).select("id").executeTakeFirstOrThrow()).id;
  siteB = (await db().selectFrom("site").where("business_id", "=", b.businessId).select("id").executeTakeFirstOrThrow()).id;
  // A second site, so "cannot delete the last site" could not be what saves B's site.
  await db()
    .insertInto("site")
    .values({
      business_id: b.businessId,
      name: "Trạm bơm Beta số 2",
      commune_id: "phuong-an-binh",
      commune_other: null,
      street_address: "2 Đường Beta",
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    })
    .execute();
  invitationB = await createInvitation(b.businessId, b.ownerId, "moi-vao-beta@beta.vn");
});

/** What B owns plus every audit row and mail: a foreign request must leave all of it as it was. */
async function worldOfB() {
  const [rows, audit, outbox, sessionsB] = await Promise.all([
    businessRows(b.businessId),
    db().selectFrom("audit_log").selectAll().orderBy("id").execute(),
    db().selectFrom("outbox").selectAll().orderBy("id").execute(),
    db().selectFrom("session").where("user_id", "in", [b.ownerId, memberB.id]).select("id").orderBy("id").execute(),
  ]);
  return { rows, audit, outbox, sessionsB };
}

const NO_SUCH_ID = 987_654;

type RecordCase = {
  name: string;
  call: (userId: number, recordId: number) => Promise<Outcome>;
  recordOfB: () => number;
};

const recordCases: RecordCase[] = [
  {
    name: "site page (loader)",
    call: async (userId, id) => run(siteLoader, await requestAs(userId, `/business/sites/${id}`), { siteId: String(id) }),
    recordOfB: () => siteB,
  },
  {
    name: "site save (action)",
    call: async (userId, id) =>
      run(siteAction, await requestAs(userId, `/business/sites/${id}`, { form: siteForm({ name: "Bị chiếm" }) }), { siteId: String(id) }),
    recordOfB: () => siteB,
  },
  {
    name: "site delete (action)",
    call: async (userId, id) =>
      run(siteAction, await requestAs(userId, `/business/sites/${id}`, { form: { intent: "delete" } }), { siteId: String(id) }),
    recordOfB: () => siteB,
  },
  {
    name: "remove a member (action, userId)",
    call: async (userId, id) => run(membersAction, await requestAs(userId, "/business/members", { form: { intent: "remove", userId: String(id) } })),
    recordOfB: () => memberB.id,
  },
  {
    name: "remove the owner (action, userId)",
    call: async (userId, id) => run(membersAction, await requestAs(userId, "/business/members", { form: { intent: "remove", userId: String(id) } })),
    recordOfB: () => b.ownerId,
  },
  {
    name: "revoke an invitation (action, invitationId)",
    call: async (userId, id) =>
      run(membersAction, await requestAs(userId, "/business/members", { form: { intent: "revoke", invitationId: String(id) } })),
    recordOfB: () => invitationB.id,
  },
];

describe("a user of business A aiming at business B's records", () => {
  describe.each(recordCases)("$name", ({ call, recordOfB }) => {
    test("A's owner gets 404, the same answer as for an id that does not exist, and B's rows are unchanged", async () => {
      const before = await worldOfB();
      const outcome = await call(a.ownerId, recordOfB());
      expect(outcome.status).toBe(404);
      expect((await call(a.ownerId, NO_SUCH_ID)).status).toBe(404);
      expect(await worldOfB()).toEqual(before);
    });

    // Every one of these needs an owner's ability, so a member is refused before any lookup: the 403 is the
    // same for any id and so confirms nothing about B.
    test("A's member gets 403, the same answer as for an id that does not exist, and B's rows are unchanged", async () => {
      const before = await worldOfB();
      expect((await call(memberA.id, recordOfB())).status).toBe(403);
      expect((await call(memberA.id, NO_SUCH_ID)).status).toBe(403);
      expect(await worldOfB()).toEqual(before);
    });
  });

  test("B's site is still there after all of the above, with its own name", async () => {
    const site = await db().selectFrom("site").where("id", "=", siteB).select(["business_id", "name"]).executeTakeFirst();
    expect(site).toEqual({ business_id: b.businessId, name: "Công ty Cấp nước Beta" });
  });

  test("a site id that is not a number is 404", async () => {
    const outcome = await run(siteLoader, await requestAs(a.ownerId, "/business/sites/abc"), { siteId: "abc" });
    expect(outcome.status).toBe(404);
  });
});

const dostLoaders: { name: string; path: string; loader: Fn }[] = [
  { name: "routes/dost.tsx", path: "/dost", loader: dostLayoutLoader },
  { name: "routes/dost._index.tsx", path: "/dost", loader: dostHomeLoader },
  { name: "routes/dev.outbox.tsx", path: "/dev/outbox", loader: outboxLoader },
];

const businessLoaders: { name: string; path: string; loader: Fn; params?: () => Record<string, string> }[] = [
  { name: "routes/business.tsx", path: "/business", loader: businessLayoutLoader },
  { name: "routes/business._index.tsx", path: "/business", loader: businessHomeLoader },
  { name: "routes/business.profile.tsx", path: "/business/profile", loader: profileLoader },
  { name: "routes/business.sites._index.tsx", path: "/business/sites", loader: sitesLoader },
  { name: "routes/business.members.tsx", path: "/business/members", loader: membersLoader },
  {
    name: "routes/business.sites.$siteId.tsx",
    path: "/business/sites/SITE",
    loader: siteLoader,
    params: () => ({ siteId: String(siteA) }),
  },
];

describe("business users get 404 from every DOST page", () => {
  const who = [
    { role: "owner", id: () => a.ownerId },
    { role: "member", id: () => memberA.id },
  ];
  describe.each(dostLoaders)("$name", ({ path, loader }) => {
    test.each(who)("the business $role gets 404", async ({ id }) => {
      expect((await run(loader, await requestAs(id(), path))).status).toBe(404);
    });
  });
});

// Every DOST route file, found by name, so a page added later is covered without editing this list.
const dostRouteModules = import.meta.glob<{ loader?: Fn; action?: Fn }>(["../../app/routes/dost.*.ts", "../../app/routes/dost.*.tsx"], { eager: true });

describe("business users get 404 from every DOST route, loader and action alike", () => {
  const routes = Object.entries(dostRouteModules).map(([file, module]) => ({ name: file.split("/").pop()!, module }));
  const params = { requestId: "1", fileId: "1", activityId: "1", providerId: "1", businessId: "1" };
  test("the list of DOST routes is found", () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
  });
  test.each(routes)("$name", async ({ module }) => {
    for (const id of [a.ownerId, memberA.id]) {
      if (module.loader) expect((await run(module.loader, await requestAs(id, "/dost/x"), params)).status).toBe(404);
      if (module.action) expect((await run(module.action, await requestAs(id, "/dost/x", { form: { intent: "take" } }), params)).status).toBe(404);
    }
  });
});

describe("DOST users get 404 from every business page", () => {
  const who = [
    { role: "reviewer", id: () => reviewer.id },
    { role: "admin", id: () => admin.id },
  ];
  describe.each(businessLoaders)("$name", ({ path, loader, params }) => {
    test.each(who)("the DOST $role gets 404", async ({ id }) => {
      const p = params?.() ?? {};
      const outcome = await run(loader, await requestAs(id(), path.replace("SITE", p.siteId ?? "")), p);
      expect(outcome.status).toBe(404);
    });
  });

  test.each([
    { name: "profile update", call: async (id: number) => run(profileAction, await requestAs(id, "/business/profile", { form: profileForm() })) },
    { name: "site create", call: async (id: number) => run(sitesAction, await requestAs(id, "/business/sites", { form: siteForm() })) },
    {
      name: "site save",
      call: async (id: number) => run(siteAction, await requestAs(id, `/business/sites/${siteA}`, { form: siteForm() }), { siteId: String(siteA) }),
    },
    {
      name: "invite",
      call: async (id: number) =>
        run(membersAction, await requestAs(id, "/business/members", { form: { intent: "invite", email: "dost-invites@test.vn" } })),
    },
  ])("a DOST admin posting to the business $name action gets 404 and changes nothing", async ({ call }) => {
    const before = await businessRows(a.businessId);
    expect((await call(admin.id)).status).toBe(404);
    expect(await businessRows(a.businessId)).toEqual(before);
  });
});

describe("anonymous visitors are sent to log in, and come back where they were going", () => {
  const protectedLoaders = [
    ...businessLoaders.map(({ name, path, loader, params }) => ({ name, path, loader, params })),
    { name: "routes/dost.tsx", path: "/dost", loader: dostLayoutLoader, params: undefined },
    { name: "routes/dost._index.tsx", path: "/dost?q=beta&page=2", loader: dostHomeLoader, params: undefined },
  ];
  test.each(protectedLoaders)("$name redirects to /login?redirectTo=...", async ({ path, loader, params }) => {
    const p = params?.() ?? {};
    const target = path.replace("SITE", p.siteId ?? "");
    const outcome = await run(loader, await requestAs(null, target), p);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/login?${new URLSearchParams({ redirectTo: target })}`);
  });

  test("an anonymous post to an owner-only action is redirected too, and changes nothing", async () => {
    const before = await businessRows(a.businessId);
    const outcome = await run(profileAction, await requestAs(null, "/business/profile", { form: profileForm() }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/login\?redirectTo=/);
    expect(await businessRows(a.businessId)).toEqual(before);
  });

  test("/dev/outbox is 404 for everyone outside demo mode, even before the login check", async () => {
    expect((await run(outboxLoader, await requestAs(null, "/dev/outbox"))).status).toBe(404);
    expect((await run(outboxLoader, await requestAs(admin.id, "/dev/outbox"))).status).toBe(404);
  });
});

describe("a member who is not the owner gets 403 from owner-only actions, and nothing changes", () => {
  const ownerOnly: { name: string; call: () => Promise<Outcome> }[] = [
    { name: "profile update", call: async () => run(profileAction, await requestAs(memberA.id, "/business/profile", { form: profileForm() })) },
    { name: "site create", call: async () => run(sitesAction, await requestAs(memberA.id, "/business/sites", { form: siteForm() })) },
    {
      name: "site update",
      call: async () =>
        run(siteAction, await requestAs(memberA.id, `/business/sites/${siteA}`, { form: siteForm() }), { siteId: String(siteA) }),
    },
    {
      name: "site delete",
      call: async () =>
        run(siteAction, await requestAs(memberA.id, `/business/sites/${siteA}`, { form: { intent: "delete" } }), { siteId: String(siteA) }),
    },
    {
      name: "invite",
      call: async () =>
        run(membersAction, await requestAs(memberA.id, "/business/members", { form: { intent: "invite", email: "new-colleague@test.vn" } })),
    },
    {
      name: "remove a member",
      call: async () =>
        run(membersAction, await requestAs(memberA.id, "/business/members", { form: { intent: "remove", userId: String(memberA.id) } })),
    },
  ];

  test.each(ownerOnly)("$name", async ({ call }) => {
    // A second site, so that a wrongly allowed delete would really delete.
    await db()
      .insertInto("site")
      .values({
        business_id: a.businessId,
        name: "Cửa hàng Alpha phụ",
        commune_id: "phuong-tan-an",
        commune_other: null,
        street_address: "3 Đường Alpha",
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .execute();
    const before = await businessRows(a.businessId);
    const audit = await db().selectFrom("audit_log").select("id").execute();
    const mails = await db().selectFrom("outbox").select("id").execute();
    const outcome = await call();
    expect(outcome.status).toBe(403);
    expect(await businessRows(a.businessId)).toEqual(before);
    expect(await db().selectFrom("audit_log").select("id").execute()).toEqual(audit);
    expect(await db().selectFrom("outbox").select("id").execute()).toEqual(mails);
  });

  test("the member can still read the site list and the members page", async () => {
    expect((await run(sitesLoader, await requestAs(memberA.id, "/business/sites"))).status).toBe(200);
    const members = await run(membersLoader, await requestAs(memberA.id, "/business/members"));
    expect(members.status).toBe(200);
    expect(members.data).toMatchObject({ canManage: false });
  });
});

describe("the pages of business A never mention business B", () => {
  const pages: { name: string; path: string; loader: Fn }[] = [
    { name: "home", path: "/business", loader: businessHomeLoader },
    { name: "profile", path: "/business/profile", loader: profileLoader },
    { name: "sites", path: "/business/sites", loader: sitesLoader },
    { name: "members", path: "/business/members", loader: membersLoader },
  ];
  const secretsOfB = () => [
    b.input.legalName,
    b.input.taxCode,
    b.email,
    b.input.contactName,
    memberB.email,
    invitationB.email,
    "Trạm bơm Beta số 2",
  ];

  describe.each(pages)("$name", ({ path, loader }) => {
    test.each([
      { role: "owner", id: () => a.ownerId },
      { role: "member", id: () => memberA.id },
    ])("as A's $role", async ({ id }) => {
      const outcome = await run(loader, await requestAs(id(), path));
      expect(outcome.status).toBe(200);
      const json = JSON.stringify(outcome.data);
      for (const secret of secretsOfB()) expect(json).not.toContain(secret);
    });
  });

  test("control: the same check finds A's own name on A's page and both names on DOST's list", async () => {
    const own = await run(profileLoader, await requestAs(a.ownerId, "/business/profile"));
    expect(JSON.stringify(own.data)).toContain(a.input.legalName);
    const dost = await run(dostHomeLoader, await requestAs(reviewer.id, "/dost"));
    expect(dost.status).toBe(200);
    const json = JSON.stringify(dost.data);
    expect(json).toContain(a.input.legalName);
    expect(json).toContain(b.input.legalName);
  });
});
