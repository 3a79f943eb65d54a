// E-mailed links: password reset and member invitations (PRODUCT.md §3.1). Each link is a secret that works
// once, for a limited time, and the mail is written to the outbox in the same transaction as the token.
import { describe, expect, test } from "vitest";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as acceptAction, loader as inviteLoader } from "~/routes/invite.$token";
import { action as membersAction } from "~/routes/business.members";
import { action as loginAction } from "~/routes/login";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { getSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { hashToken } from "~/utils/tokens.server";
import {
  auditRows,
  buildRequest,
  cookieFor,
  createBusinessWithOwner,
  createInvitation,
  createUser,
  outboxTo,
  requestAs,
  run,
  sessionsOf,
  silenceOutboxLog,
  TEST_PASSWORD,
  tokenInLink,
  type Outcome,
} from "../helpers";

silenceOutboxLog();

const NEW_PASSWORD = "mat-khau-moi-2026";
const errorsOf = (outcome: Outcome) => (outcome.data as { errors: Record<string, string> }).errors;

async function forgot(email: string) {
  return run(forgotAction, buildRequest("/forgot-password", { form: { email } }));
}

/** Asks for a reset link the way a user does and returns the token from the mail. */
async function resetTokenFor(email: string): Promise<string> {
  await forgot(email);
  const mails = await outboxTo(email.toLowerCase());
  const token = tokenInLink(mails.at(-1)!.body_text, "reset-password");
  if (!token) throw new Error("no reset link in the mail");
  return token;
}

async function reset(token: string, password = NEW_PASSWORD, passwordConfirm = password) {
  return run(resetAction, buildRequest(`/reset-password/${token}`, { form: { password, passwordConfirm } }), { token });
}

async function login(email: string, password: string) {
  return run(loginAction, buildRequest("/login", { form: { email, password } }));
}

async function passwordHashOf(userId: number) {
  return (await db().selectFrom("user").where("id", "=", userId).select("password_hash").executeTakeFirstOrThrow()).password_hash;
}

describe("forgot password", () => {
  test("at most three reset mails an hour reach one inbox, and the page looks the same every time", async () => {
    const { email } = await createBusinessWithOwner();
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await forgot(email));
    expect(new Set(outcomes.map((o) => JSON.stringify([o.status, o.data]))).size).toBe(1);
    expect(await outboxTo(email)).toHaveLength(3);
  });

  test("an existing account gets exactly one mail with a /reset-password/<token> link, valid for 2 hours", async () => {
    const { email, ownerId } = await createBusinessWithOwner();
    const outcome = await forgot(email.toUpperCase());

    expect(outcome.status).toBe(200);
    expect(outcome.data).toMatchObject({ ok: true, sentTo: email });
    const mails = await outboxTo(email);
    expect(mails).toHaveLength(1);
    const token = tokenInLink(mails[0]!.body_text, "reset-password");
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const row = await db().selectFrom("password_reset").where("token_hash", "=", hashToken(token!)).selectAll().executeTakeFirstOrThrow();
    expect(row.user_id).toBe(ownerId);
    expect(row.used_at).toBeNull();
    const hours = (Date.parse(row.expires_at) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThanOrEqual(2);
  });

  test("an unknown address gets no mail and no token, and the same answer as an existing one", async () => {
    const { email } = await createBusinessWithOwner();
    const unknown = "khong-co-tai-khoan@test.vn";
    const resetsBefore = await db().selectFrom("password_reset").select("token_hash").execute();

    const known = await forgot(email);
    const resetsAfterKnown = await db().selectFrom("password_reset").select("token_hash").execute();
    const missing = await forgot(unknown);

    expect(await outboxTo(unknown)).toEqual([]);
    expect(await db().selectFrom("password_reset").select("token_hash").execute()).toEqual(resetsAfterKnown);
    expect(resetsAfterKnown).toHaveLength(resetsBefore.length + 1);
    // Same status, same headers, same body apart from echoing the address the user typed.
    expect(missing.status).toBe(known.status);
    expect([...missing.headers]).toEqual([...known.headers]);
    expect({ ...(missing.data as object), sentTo: "X" }).toEqual({ ...(known.data as object), sentTo: "X" });
  });

  test("a disabled account gets no mail either", async () => {
    const { businessId } = await createBusinessWithOwner();
    const member = await createUser("business_member", businessId);
    await db().updateTable("user").set({ disabled_at: new Date().toISOString() }).where("id", "=", member.id).execute();
    expect((await forgot(member.email)).status).toBe(200);
    expect(await outboxTo(member.email)).toEqual([]);
  });

  test("an address that is not an e-mail is refused with 400", async () => {
    const outcome = await forgot("abc");
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome)).toEqual({ email: "errors.email" });
  });
});

describe("reset password", () => {
  test("the page says valid, with the account's address, for a live link and invalid for a made-up one", async () => {
    const { email } = await createBusinessWithOwner();
    const token = await resetTokenFor(email);
    const valid = await run(resetLoader, buildRequest(`/reset-password/${token}`), { token });
    expect(valid.data).toMatchObject({ valid: true, email });
    const invalid = await run(resetLoader, buildRequest("/reset-password/made-up-token"), { token: "made-up-token" });
    expect(invalid.data).toMatchObject({ valid: false, email: null });
  });

  test("resetting sets the new password (login works with it, not with the old one) and writes an audit row", async () => {
    const { email, ownerId } = await createBusinessWithOwner();
    const token = await resetTokenFor(email);

    const outcome = await reset(token);

    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/login");
    expect((await login(email, NEW_PASSWORD)).status).toBe(302);
    const old = await login(email, TEST_PASSWORD);
    expect(old.status).toBe(400);
    expect(errorsOf(old)).toEqual({ form: "errors.loginInvalid" });
    const audit = await auditRows(null, { entity: "user", action: "reset_password" });
    expect(audit.filter((row) => row.entity_id === String(ownerId))).toHaveLength(1);
  });

  test("the link is spent: the second use is refused and the page then says invalid", async () => {
    const { email, ownerId } = await createBusinessWithOwner();
    const token = await resetTokenFor(email);
    expect((await reset(token)).status).toBe(302);
    const hashAfterFirst = await passwordHashOf(ownerId);

    const second = await reset(token, "mot-mat-khau-khac-2026");

    expect(second.status).toBe(400);
    expect(errorsOf(second)).toEqual({ form: "errors.resetLinkInvalid" });
    expect(await passwordHashOf(ownerId)).toBe(hashAfterFirst);
    const page = await run(resetLoader, buildRequest(`/reset-password/${token}`), { token });
    expect(page.data).toMatchObject({ valid: false });
    const row = await db().selectFrom("password_reset").where("token_hash", "=", hashToken(token)).select("used_at").executeTakeFirstOrThrow();
    expect(row.used_at).not.toBeNull();
  });

  test("resetting ends every open session of the account", async () => {
    const { email, ownerId } = await createBusinessWithOwner();
    const laptop = await cookieFor(ownerId);
    const phone = await cookieFor(ownerId);
    const token = await resetTokenFor(email);

    expect((await reset(token)).status).toBe(302);

    expect(await sessionsOf(ownerId)).toEqual([]);
    for (const cookie of [laptop, phone]) expect(await getSessionUser(buildRequest("/business", { cookie }))).toBeNull();
  });

  test("an expired link is refused and the password stays as it was", async () => {
    const { email, ownerId } = await createBusinessWithOwner();
    const token = await resetTokenFor(email);
    await db()
      .updateTable("password_reset")
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where("token_hash", "=", hashToken(token))
      .execute();
    const hashBefore = await passwordHashOf(ownerId);

    const page = await run(resetLoader, buildRequest(`/reset-password/${token}`), { token });
    expect(page.data).toMatchObject({ valid: false });
    const outcome = await reset(token);
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome)).toEqual({ form: "errors.resetLinkInvalid" });
    expect(await passwordHashOf(ownerId)).toBe(hashBefore);
  });

  test("a short or mismatched new password is refused and the link stays usable", async () => {
    const { email } = await createBusinessWithOwner();
    const token = await resetTokenFor(email);
    const short = await reset(token, "short");
    expect(short.status).toBe(400);
    expect(errorsOf(short)).toEqual({ password: "errors.passwordShort" });
    const mismatch = await reset(token, NEW_PASSWORD, `${NEW_PASSWORD}x`);
    expect(mismatch.status).toBe(400);
    expect(errorsOf(mismatch)).toEqual({ passwordConfirm: "errors.passwordMismatch" });
    expect(JSON.stringify(mismatch.data)).not.toContain(NEW_PASSWORD);
    expect((await run(resetLoader, buildRequest(`/reset-password/${token}`), { token })).data).toMatchObject({ valid: true });
  });

  test("a successful reset also spends the account's other open reset links", async () => {
    const { email } = await createBusinessWithOwner();
    const older = await resetTokenFor(email);
    const newer = await resetTokenFor(email);
    expect((await reset(newer)).status).toBe(302);
    const page = await run(resetLoader, buildRequest(`/reset-password/${older}`), { token: older });
    expect(page.data).toMatchObject({ valid: false });
    expect((await reset(older, "ke-gian-doi-mat-khau")).status).toBe(400);
  });
});

describe("accepting an invitation", () => {
  const acceptForm = { fullName: "Lê Văn Mới", password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD };

  async function accept(token: string, cookie: string | null = null, form: Record<string, string> = acceptForm) {
    return run(acceptAction, buildRequest(`/invite/${token}`, { form, cookie }), { token });
  }

  /** The session cookie the browser keeps after the response: the last non-empty mp_session. */
  function sessionCookieFrom(outcome: Outcome): string | null {
    const cookies = outcome.headers.getSetCookie().map((c) => c.split(";")[0]!);
    return cookies.filter((c) => c.startsWith("mp_session=") && c !== "mp_session=").at(-1) ?? null;
  }

  test("from the owner's mail to a signed-in member of the right business, with the invitation marked accepted", async () => {
    const { businessId, ownerId, input } = await createBusinessWithOwner();
    const other = await createBusinessWithOwner(); // must not be the one joined
    await run(membersAction, await requestAs(ownerId, "/business/members", { form: { intent: "invite", email: "thanh.vien.moi@test.vn" } }));
    const token = tokenInLink((await outboxTo("thanh.vien.moi@test.vn"))[0]!.body_text, "invite")!;

    const page = await run(inviteLoader, buildRequest(`/invite/${token}`), { token });
    expect(page.data).toMatchObject({ invitation: { email: "thanh.vien.moi@test.vn", businessName: input.legalName } });

    const outcome = await accept(token);

    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/business");
    const user = await db().selectFrom("user").where("email", "=", "thanh.vien.moi@test.vn").selectAll().executeTakeFirstOrThrow();
    expect(user).toMatchObject({ full_name: "Lê Văn Mới", role: "business_member", business_id: businessId, disabled_at: null });
    expect(user.business_id).not.toBe(other.businessId);
    const cookie = sessionCookieFrom(outcome);
    expect(cookie).not.toBeNull();
    expect(await getSessionUser(buildRequest("/business", { cookie }))).toMatchObject({
      id: user.id,
      role: "business_member",
      businessId,
      businessName: input.legalName,
    });
    const invitation = await db().selectFrom("invitation").where("token_hash", "=", hashToken(token)).selectAll().executeTakeFirstOrThrow();
    expect(invitation.accepted_at).not.toBeNull();
    const audit = await auditRows(businessId, { entity: "invitation", action: "accept" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: user.id, entity_id: String(invitation.id) });
    expect((await login("thanh.vien.moi@test.vn", NEW_PASSWORD)).status).toBe(302);
  });

  test("whoever was signed in on that browser is signed out", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const stranger = await createBusinessWithOwner();
    const strangerCookie = await cookieFor(stranger.ownerId);
    const invitation = await createInvitation(businessId, ownerId);

    const outcome = await accept(invitation.token, strangerCookie);

    expect(outcome.status).toBe(302);
    expect(await getSessionUser(buildRequest("/business", { cookie: strangerCookie }))).toBeNull();
    expect((await getSessionUser(buildRequest("/business", { cookie: sessionCookieFrom(outcome) })))?.businessId).toBe(businessId);
  });

  test.each([
    {
      name: "revoked",
      spoil: (id: number) => db().updateTable("invitation").set({ revoked_at: new Date().toISOString() }).where("id", "=", id).execute(),
    },
    {
      name: "already used",
      spoil: (id: number) => db().updateTable("invitation").set({ accepted_at: new Date().toISOString() }).where("id", "=", id).execute(),
    },
    {
      name: "expired",
      spoil: (id: number) =>
        db().updateTable("invitation").set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where("id", "=", id).execute(),
    },
  ])("a $name invitation is refused: the page says so, no account, no session", async ({ spoil }) => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const invitation = await createInvitation(businessId, ownerId);
    await spoil(invitation.id);

    const page = await run(inviteLoader, buildRequest(`/invite/${invitation.token}`), { token: invitation.token });
    expect(page.data).toMatchObject({ invitation: null });
    const outcome = await accept(invitation.token);
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome)).toEqual({ form: "errors.inviteInvalid" });
    expect(sessionCookieFrom(outcome)).toBeNull();
    expect(await db().selectFrom("user").where("email", "=", invitation.email).select("id").executeTakeFirst()).toBeUndefined();
  });

  test("the same link cannot be used twice: one account only", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const invitation = await createInvitation(businessId, ownerId);
    expect((await accept(invitation.token)).status).toBe(302);
    const second = await accept(invitation.token, null, { ...acceptForm, fullName: "Kẻ Thứ Hai" });
    expect(second.status).toBe(400);
    expect(errorsOf(second)).toEqual({ form: "errors.inviteInvalid" });
    const users = await db().selectFrom("user").where("email", "=", invitation.email).select("full_name").execute();
    expect(users).toEqual([{ full_name: "Lê Văn Mới" }]);
  });

  test("an address that got an account in the meantime is refused with its own message", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const invitation = await createInvitation(businessId, ownerId);
    await createUser("business_owner", (await createBusinessWithOwner()).businessId, invitation.email);
    const outcome = await accept(invitation.token);
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome)).toEqual({ form: "errors.inviteEmailTaken" });
    const row = await db().selectFrom("invitation").where("id", "=", invitation.id).select("accepted_at").executeTakeFirstOrThrow();
    expect(row.accepted_at).toBeNull();
  });

  test("bad input is refused with the name kept, the passwords not echoed, and the invitation still open", async () => {
    const { businessId, ownerId } = await createBusinessWithOwner();
    const invitation = await createInvitation(businessId, ownerId);
    const outcome = await accept(invitation.token, null, { fullName: "Lê Văn Mới", password: "short", passwordConfirm: "short" });
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome)).toEqual({ password: "errors.passwordShort" });
    expect((outcome.data as { values: Record<string, string> }).values).toEqual({ fullName: "Lê Văn Mới" });
    const page = await run(inviteLoader, buildRequest(`/invite/${invitation.token}`), { token: invitation.token });
    expect(page.data).toMatchObject({ invitation: { email: invitation.email } });
  });
});
