// The owner's commands on their own business: profile, sites and members (PRODUCT.md §3.1, §5).
import { beforeAll, describe, expect, test } from "vitest";
import { authenticate } from "~/modules/accounts/login.server";
import { action as inviteAction, loader as inviteLoader } from "~/routes/invite.$token";
import { loader as homeLoader } from "~/routes/business._index";
import { action as membersAction, loader as membersLoader } from "~/routes/business.members";
import { action as profileAction, loader as profileLoader } from "~/routes/business.profile";
import { action as siteAction, loader as siteLoader } from "~/routes/business.sites.$siteId";
import { action as sitesAction } from "~/routes/business.sites._index";
import { getSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { hashToken } from "~/utils/tokens.server";
import {
  auditRows,
  buildRequest,
  businessRows,
  cookieFor,
  createBusinessWithOwner,
  createInvitation,
  createUser,
  outboxTo,
  profileForm,
  requestAs,
  run,
  sessionsOf,
  silenceOutboxLog,
  siteForm,
  TEST_ORIGIN,
  TEST_PASSWORD,
  tokenInLink,
} from "../helpers";

silenceOutboxLog();

type Failure = { ok: false; errors: Record<string, string>; values: Record<string, string | string[]> };
const failureOf = (data: unknown) => data as Failure;

async function sitesOf(businessId: number) {
  return db().selectFrom("site").where("business_id", "=", businessId).selectAll().orderBy("id").execute();
}

describe("business profile", () => {
  test("the owner's valid update changes the row, replaces the sectors and writes an audit row with before and after", async () => {
    const { businessId, ownerId, input } = await createBusinessWithOwner({ sectors: ["fuel", "transport"] });
    const form = profileForm({ contactEmail: "Lien.He@Example.VN", sectors: ["water", "electricity"] });

    const outcome = await run(profileAction, await requestAs(ownerId, "/business/profile", { form }));

    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/business/profile");
    expect(outcome.headers.get("Set-Cookie")).toContain("mp_flash=");
    const { business, sectors } = await businessRows(businessId);
    expect(business).toMatchObject({
      legal_name: form.legalName,
      tax_code: input.taxCode,
      ownership: "foreign",
      commune_id: "phuong-cai-khe",
      commune_other: null,
      street_address: "99 Đường Trần Hưng Đạo",
      contact_name: "Trần Thị Liên Hệ",
      phone: "02923888777",
      email: "lien.he@example.vn",
    });
    expect(sectors.map((s) => s.sector)).toEqual(["electricity", "water"]);

    const audit = await auditRows(businessId, { action: "update_profile" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: ownerId, entity: "business", entity_id: String(businessId) });
    expect(audit[0]!.detail).toMatchObject({
      before: { legalName: input.legalName, sectors: ["fuel", "transport"], contactEmail: input.contactEmail },
      after: { legalName: form.legalName, sectors: ["water", "electricity"], contactEmail: "lien.he@example.vn" },
    });
  });

  test("the tax code is not part of the profile form: a posted one is ignored", async () => {
    const { businessId, ownerId, input } = await createBusinessWithOwner();
    const outcome = await run(profileAction, await requestAs(ownerId, "/business/profile", { form: profileForm({ taxCode: "0100109106" }) }));
    expect(outcome.status).toBe(302);
    expect((await businessRows(businessId)).business?.tax_code).toBe(input.taxCode);
  });

  test("a ward missing from the list can be typed in", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const form = profileForm({ communeId: "other", communeOther: "Phường Tân Lộc" });
    expect((await run(profileAction, await requestAs(ownerId, "/business/profile", { form }))).status).toBe(302);
    expect((await businessRows(businessId)).business).toMatchObject({ commune_id: null, commune_other: "Phường Tân Lộc" });
  });

  test("invalid input answers 400 with an error key per field, keeps the typed values and changes nothing", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const before = await businessRows(businessId);
    const form = profileForm({ legalName: "   ", phone: "12ab", contactEmail: "not-an-email", sectors: [] });

    const outcome = await run(profileAction, await requestAs(ownerId, "/business/profile", { form }));

    expect(outcome.status).toBe(400);
    const { errors, values } = failureOf(outcome.data);
    expect(errors).toMatchObject({
      legalName: "errors.required",
      phone: "errors.phone",
      contactEmail: "errors.email",
      sectors: "errors.sectors",
    });
    expect(values).toMatchObject({
      streetAddress: form.streetAddress,
      contactName: form.contactName,
      phone: "12ab",
      contactEmail: "not-an-email",
      sectors: [],
    });
    expect(await businessRows(businessId)).toEqual(before);
    expect(await auditRows(businessId, { action: "update_profile" })).toEqual([]);
  });

  test("an unknown sector or ownership is refused, and the sectors are not half-replaced", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner({ sectors: ["fuel"] });
    const before = await businessRows(businessId);
    const form = profileForm({ sectors: ["water", "uranium"], ownership: "pirate" });
    const outcome = await run(profileAction, await requestAs(ownerId, "/business/profile", { form }));
    expect(outcome.status).toBe(400);
    expect(failureOf(outcome.data).errors).toMatchObject({ sectors: "errors.sectors", ownership: "errors.ownership" });
    expect(failureOf(outcome.data).values.sectors).toEqual(["water", "uranium"]);
    expect(await businessRows(businessId)).toEqual(before);
  });

  test("'other' ward without its name is refused next to the typed-name field", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const before = await businessRows(businessId);
    const outcome = await run(profileAction, await requestAs(ownerId, "/business/profile", { form: profileForm({ communeId: "other", communeOther: "" }) }));
    expect(outcome.status).toBe(400);
    expect(failureOf(outcome.data).errors).toEqual({ communeOther: "errors.communeOther" });
    expect(await businessRows(businessId)).toEqual(before);
  });

  test("the loader shows the saved profile and tells the owner they may edit it", async () => {
    const { ownerId, input } = await createBusinessWithOwner({ sectors: ["water", "fuel"] });
    const outcome = await run(profileLoader, await requestAs(ownerId, "/business/profile"));
    expect(outcome.status).toBe(200);
    expect(outcome.data).toMatchObject({ canEdit: true, business: { legalName: input.legalName, sectors: ["fuel", "water"] } });
  });
});

describe("sites", () => {
  test("the owner adds a site: row of their business, audit row, back to the list", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const form = siteForm({ name: "Cửa hàng xăng dầu số 7" });
    const outcome = await run(sitesAction, await requestAs(ownerId, "/business/sites", { form }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/business/sites");
    const sites = await sitesOf(businessId);
    expect(sites).toHaveLength(2);
    const added = sites.find((s) => s.name === "Cửa hàng xăng dầu số 7")!;
    expect(added).toMatchObject({ commune_id: "phuong-tan-an", commune_other: null, street_address: "5 Đường Nguyễn Trãi" });
    const audit = await auditRows(businessId, { entity: "site", action: "create" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: ownerId, entity_id: String(added.id) });
    expect(audit[0]!.detail).toMatchObject({ name: "Cửa hàng xăng dầu số 7" });
  });

  test("a site without a name is refused with the other input kept, and no row is written", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const outcome = await run(sitesAction, await requestAs(ownerId, "/business/sites", { form: siteForm({ name: "" }) }));
    expect(outcome.status).toBe(400);
    expect(failureOf(outcome.data).errors).toEqual({ name: "errors.required" });
    expect(failureOf(outcome.data).values.streetAddress).toBe("5 Đường Nguyễn Trãi");
    expect(await sitesOf(businessId)).toHaveLength(1);
    expect(await auditRows(businessId, { entity: "site" })).toEqual([]);
  });

  test("the owner opens and updates a site: row changed, audit row written", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const [site] = await sitesOf(businessId);
    const page = await run(siteLoader, await requestAs(ownerId, `/business/sites/${site!.id}`), { siteId: String(site!.id) });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ site: { id: site!.id, name: site!.name } });

    const form = siteForm({ name: "Trụ sở chính", communeId: "other", communeOther: "Xã Mới" });
    const outcome = await run(siteAction, await requestAs(ownerId, `/business/sites/${site!.id}`, { form }), { siteId: String(site!.id) });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/business/sites");
    const [after] = await sitesOf(businessId);
    expect(after).toMatchObject({ id: site!.id, name: "Trụ sở chính", commune_id: null, commune_other: "Xã Mới" });
    const audit = await auditRows(businessId, { entity: "site", action: "update" });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entity_id).toBe(String(site!.id));
  });

  test("an invalid update is refused and the site stays as it was", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const [site] = await sitesOf(businessId);
    const form = siteForm({ streetAddress: "" });
    const outcome = await run(siteAction, await requestAs(ownerId, `/business/sites/${site!.id}`, { form }), { siteId: String(site!.id) });
    expect(outcome.status).toBe(400);
    expect(failureOf(outcome.data).errors).toEqual({ streetAddress: "errors.required" });
    expect(failureOf(outcome.data).values.name).toBe(form.name);
    expect(await sitesOf(businessId)).toEqual([site]);
  });

  test("the owner deletes a site when another remains: row gone, audit row with its name", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    await run(sitesAction, await requestAs(ownerId, "/business/sites", { form: siteForm({ name: "Kho cũ" }) }));
    const old = (await sitesOf(businessId)).find((s) => s.name === "Kho cũ")!;
    const outcome = await run(siteAction, await requestAs(ownerId, `/business/sites/${old.id}`, { form: { intent: "delete" } }), {
      siteId: String(old.id),
    });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/business/sites");
    expect((await sitesOf(businessId)).map((s) => s.id)).not.toContain(old.id);
    const audit = await auditRows(businessId, { entity: "site", action: "delete" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_id: String(old.id), detail: { name: "Kho cũ" } });
  });

  test("the last site cannot be deleted: 409 with a form error, the site stays, no audit row", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const [only] = await sitesOf(businessId);
    const outcome = await run(siteAction, await requestAs(ownerId, `/business/sites/${only!.id}`, { form: { intent: "delete" } }), {
      siteId: String(only!.id),
    });
    expect(outcome.status).toBe(409);
    expect(failureOf(outcome.data).errors).toEqual({ form: "errors.lastSite" });
    expect(await sitesOf(businessId)).toEqual([only]);
    expect(await auditRows(businessId, { entity: "site", action: "delete" })).toEqual([]);
  });
});

describe("members: invitations", () => {
  async function invite(ownerId: number, email: string) {
    return run(membersAction, await requestAs(ownerId, "/business/members", { form: { intent: "invite", email } }));
  }

  test("the owner invites by e-mail: invitation row, one mail with an /invite/<token> link that opens it, audit row", async () => {
    const { businessId, ownerId, input } = await createBusinessWithOwner();
    const outcome = await invite(ownerId, "  Nhan.Vien@Example.VN ");

    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/business/members");
    const { invitations } = await businessRows(businessId);
    expect(invitations).toHaveLength(1);
    const invitation = invitations[0]!;
    expect(invitation).toMatchObject({ email: "nhan.vien@example.vn", invited_by: ownerId, accepted_at: null, revoked_at: null });
    const days = (Date.parse(invitation.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const mails = await outboxTo("nhan.vien@example.vn");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(input.legalName);
    const token = tokenInLink(mails[0]!.body_text, "invite");
    expect(token).not.toBeNull();
    expect(hashToken(token!)).toBe(invitation.token_hash);
    const page = await run(inviteLoader, buildRequest(`/invite/${token}`), { token: token! });
    expect(page.data).toMatchObject({ invitation: { email: "nhan.vien@example.vn", businessName: input.legalName } });

    const audit = await auditRows(businessId, { entity: "invitation", action: "create" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: ownerId, entity_id: String(invitation.id), detail: { email: "nhan.vien@example.vn" } });

    const list = await run(membersLoader, await requestAs(ownerId, "/business/members"));
    expect(list.data).toMatchObject({ canManage: true, invitations: [{ id: invitation.id, email: "nhan.vien@example.vn" }] });
  });

  describe("inviting an address that cannot be invited is a field error and sends nothing", () => {
    let business: Awaited<ReturnType<typeof createBusinessWithOwner>>;
    const emails: Record<string, string> = {};
    beforeAll(async () => {
      business = await createBusinessWithOwner();
      const other = await createBusinessWithOwner();
      emails["a member of this business"] = (await createUser("business_member", business.businessId)).email;
      emails["the owner themself"] = business.email;
      emails["someone from another business"] = other.email;
      emails["a DOST account"] = (await createUser("dost_reviewer", null)).email;
      emails["an address already invited"] = (await createInvitation(business.businessId, business.ownerId)).email;
    });

    test.each([
      { who: "a member of this business", expected: "errors.invite.alreadyMember" },
      { who: "the owner themself", expected: "errors.invite.alreadyMember" },
      { who: "someone from another business", expected: "errors.invite.otherAccount" },
      { who: "a DOST account", expected: "errors.invite.otherAccount" },
      { who: "an address already invited", expected: "errors.invite.alreadyInvited" },
    ])("$who → $expected", async ({ who, expected }) => {
      const email = emails[who]!;
      const before = await businessRows(business.businessId);

      const outcome = await invite(business.ownerId, email.toUpperCase());

      expect(outcome.status).toBe(409);
      expect(failureOf(outcome.data).errors).toEqual({ email: expected });
      expect(failureOf(outcome.data).values.email).toBe(email.toUpperCase());
      expect(await businessRows(business.businessId)).toEqual(before);
      expect(await outboxTo(email)).toEqual([]);
      expect(await auditRows(business.businessId, { entity: "invitation", action: "create" })).toEqual([]);
    });
  });

  test("an address that is not an e-mail is refused with 400", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const outcome = await invite(ownerId, "khong-phai-email");
    expect(outcome.status).toBe(400);
    expect(failureOf(outcome.data).errors).toEqual({ email: "errors.email" });
    expect((await businessRows(businessId)).invitations).toEqual([]);
  });

  test("the owner revokes an open invitation: marked revoked, gone from the list, its link dead, audit row", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const invitation = await createInvitation(businessId, ownerId);
    const outcome = await run(
      membersAction,
      await requestAs(ownerId, "/business/members", { form: { intent: "revoke", invitationId: String(invitation.id) } }),
    );
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/business/members");
    const row = (await businessRows(businessId)).invitations[0]!;
    expect(row.revoked_at).not.toBeNull();
    const list = await run(membersLoader, await requestAs(ownerId, "/business/members"));
    expect((list.data as { invitations: unknown[] }).invitations).toEqual([]);
    const page = await run(inviteLoader, buildRequest(`/invite/${invitation.token}`), { token: invitation.token });
    expect(page.data).toMatchObject({ invitation: null });
    const audit = await auditRows(businessId, { entity: "invitation", action: "revoke" });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entity_id).toBe(String(invitation.id));
  });

  test("after revoking, the same address can be invited again", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const invitation = await createInvitation(businessId, ownerId);
    await run(membersAction, await requestAs(ownerId, "/business/members", { form: { intent: "revoke", invitationId: String(invitation.id) } }));
    expect((await invite(ownerId, invitation.email)).status).toBe(302);
    expect(await outboxTo(invitation.email)).toHaveLength(1);
  });

  test("an expired invitation does not block a new one to the same address", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const old = await createInvitation(businessId, ownerId);
    await db().updateTable("invitation").set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where("id", "=", old.id).execute();
    expect((await invite(ownerId, old.email)).status).toBe(302);
    expect((await businessRows(businessId)).invitations).toHaveLength(2);
    expect(await outboxTo(old.email)).toHaveLength(1);
  });

  test("an accepted invitation cannot be revoked (404)", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const invitation = await createInvitation(businessId, ownerId);
    await db().updateTable("invitation").set({ accepted_at: new Date().toISOString() }).where("id", "=", invitation.id).execute();
    const outcome = await run(
      membersAction,
      await requestAs(ownerId, "/business/members", { form: { intent: "revoke", invitationId: String(invitation.id) } }),
    );
    expect(outcome.status).toBe(404);
    expect((await businessRows(businessId)).invitations[0]!.revoked_at).toBeNull();
  });

  test("revoking an invitation twice keeps the first revocation and writes one audit row", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const invitation = await createInvitation(businessId, ownerId);
    const revoke = async () =>
      run(membersAction, await requestAs(ownerId, "/business/members", { form: { intent: "revoke", invitationId: String(invitation.id) } }));
    expect((await revoke()).status).toBe(302);
    const first = (await businessRows(businessId)).invitations[0]!.revoked_at;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect([302, 404]).toContain((await revoke()).status); // either "already done" or "no open invitation"
    expect((await businessRows(businessId)).invitations[0]!.revoked_at).toBe(first);
    expect(await auditRows(businessId, { entity: "invitation", action: "revoke" })).toHaveLength(1);
  });
});

describe("members: removal", () => {
  async function remove(ownerId: number, userId: number | string) {
    return run(membersAction, await requestAs(ownerId, "/business/members", { form: { intent: "remove", userId: String(userId) } }));
  }

  test("removing a member disables the account, ends all its sessions and writes an audit row", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const member = await createUser("business_member", businessId);
    const memberCookie = await cookieFor(member.id);
    await cookieFor(member.id); // a second browser
    expect(await getSessionUser(buildRequest("/business", { cookie: memberCookie }))).not.toBeNull();

    const outcome = await remove(ownerId, member.id);

    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/business/members");
    const user = await db().selectFrom("user").where("id", "=", member.id).selectAll().executeTakeFirstOrThrow();
    expect(user.disabled_at).not.toBeNull();
    expect(await sessionsOf(member.id)).toEqual([]);
    expect(await getSessionUser(buildRequest("/business", { cookie: memberCookie }))).toBeNull();
    expect(await authenticate(member.email, TEST_PASSWORD, "203.0.113.9")).toEqual({ ok: false, reason: "invalid" });

    const list = await run(membersLoader, await requestAs(ownerId, "/business/members"));
    expect((list.data as { members: { id: number }[] }).members.map((m) => m.id)).toEqual([ownerId]);
    const audit = await auditRows(businessId, { entity: "user", action: "remove_member" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: ownerId, entity_id: String(member.id), detail: { email: member.email } });
  });

  test("even a session created a moment before removal no longer opens any page", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const member = await createUser("business_member", businessId);
    const cookie = await cookieFor(member.id);
    await remove(ownerId, member.id);
    const outcome = await run(membersLoader, buildRequest("/business/members", { cookie }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/login\?/);
  });

  test("the owner cannot be removed: 409 with a form error, account and sessions untouched", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const ownerCookie = await cookieFor(ownerId);
    const outcome = await run(
      membersAction,
      buildRequest("/business/members", { form: { intent: "remove", userId: String(ownerId) }, cookie: ownerCookie }),
    );
    expect(outcome.status).toBe(409);
    expect(failureOf(outcome.data).errors).toEqual({ form: "errors.cannotRemoveOwner" });
    expect((await businessRows(businessId)).users.find((u) => u.id === ownerId)?.disabled_at).toBeNull();
    expect(await getSessionUser(buildRequest("/business", { cookie: ownerCookie }))).not.toBeNull();
    expect(await auditRows(businessId, { action: "remove_member" })).toEqual([]);
  });

  test.each([
    { name: "an already removed member", userId: "removed" },
    { name: "an empty id", userId: "" },
    { name: "a non-numeric id", userId: "1 or 1=1" },
  ])("removing $name is 404", async ({ userId }) => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const member = await createUser("business_member", businessId);
    if (userId === "removed") expect((await remove(ownerId, member.id)).status).toBe(302);
    const before = await businessRows(businessId);
    expect((await remove(ownerId, userId === "removed" ? member.id : userId)).status).toBe(404);
    expect(await businessRows(businessId)).toEqual(before);
  });

  test("a removed member can be invited back", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const member = await createUser("business_member", businessId);
    expect((await remove(ownerId, member.id)).status).toBe(302);
    const outcome = await run(membersAction, await requestAs(ownerId, "/business/members", { form: { intent: "invite", email: member.email } }));
    expect(failureOf(outcome.data)?.errors).toBeUndefined();
    expect(outcome.status).toBe(302);
    const [mail] = await outboxTo(member.email);
    const token = tokenInLink(mail!.body_text, "invite")!;
    const accepted = await run(
      inviteAction,
      buildRequest(`/invite/${token}`, {
        form: { fullName: "Người Trở Lại", password: "back-again-2026", passwordConfirm: "back-again-2026" },
      }),
      { token },
    );
    expect(accepted.status).toBe(302);
    const account = await db().selectFrom("user").where("id", "=", member.id).select(["disabled_at", "business_id", "full_name"]).executeTakeFirstOrThrow();
    expect(account).toEqual({ disabled_at: null, business_id: businessId, full_name: "Người Trở Lại" });
    expect((await authenticate(member.email, "back-again-2026", "192.0.2.9")).ok).toBe(true);
  });
});

test("mail links point at the request's origin", async () => {
  const { ownerId } = await createBusinessWithOwner();
  await run(membersAction, await requestAs(ownerId, "/business/members", { form: { intent: "invite", email: "goc@test.vn" } }));
  const [mail] = await outboxTo("goc@test.vn");
  expect(mail!.body_text).toContain(`${TEST_ORIGIN}/invite/`);
});

test("the home page's set-up counts: this business's sites, active members and open invitations only", async () => {
  const { businessId, ownerId } = await createBusinessWithOwner();
  const other = await createBusinessWithOwner();
  const cookie = await cookieFor(ownerId);
  await run(sitesAction, buildRequest("/business/sites", { method: "POST", cookie, form: siteForm({ name: "Cửa hàng số 2" }) }));
  await createUser("business_member", businessId);
  await createUser("business_member", businessId).then(({ id }) => db().updateTable("user").set({ disabled_at: new Date().toISOString() }).where("id", "=", id).execute());
  await createInvitation(businessId, ownerId);
  const expired = await createInvitation(businessId, ownerId);
  await db().updateTable("invitation").set({ expires_at: "2020-01-01T00:00:00.000Z" }).where("id", "=", expired.id).execute();
  await createInvitation(other.businessId, other.ownerId);

  const { data } = await run(homeLoader, buildRequest("/business", { cookie }));
  const home = data as { siteCount: number; memberCount: number; invitationCount: number };
  const sites = await sitesOf(businessId);
  expect({ sites: home.siteCount, members: home.memberCount, invitations: home.invitationCount }).toEqual({ sites: sites.length, members: 2, invitations: 1 });
});
