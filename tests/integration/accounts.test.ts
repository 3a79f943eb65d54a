import { describe, expect, test } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { action as confirmAction, loader as confirmLoader } from "~/routes/signup_.confirm.$token";
import { getSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { buildRequest, cookieFor, createBusinessWithOwner, outboxTo, run, signupInput, silenceOutboxLog, TEST_ORIGIN, TEST_PASSWORD, validTaxCode } from "../helpers";

silenceOutboxLog();

function signupForm(overrides: Record<string, string | string[]> = {}) {
  const input = signupInput();
  return {
    legalName: input.legalName,
    taxCode: input.taxCode,
    ownership: input.ownership,
    sectors: ["fuel", "water"],
    communeId: input.communeId,
    communeOther: "",
    streetAddress: input.streetAddress,
    contactName: input.contactName,
    phone: "0292 3820 123",
    contactEmail: input.contactEmail,
    password: TEST_PASSWORD,
    passwordConfirm: TEST_PASSWORD,
    ...overrides,
  };
}

/** Posts the sign-up form, follows the link in the mail and opens the account, as the browser would. */
async function signUpAndConfirm(form: Record<string, string | string[]>, clientAddress = "203.0.113.7") {
  const sent = await run(signupAction, buildRequest("/signup", { form }), {}, { clientAddress });
  expect(sent.status).toBe(200);
  const mails = await outboxTo(String(form.contactEmail));
  const token = new RegExp(`${TEST_ORIGIN}/signup/confirm/([A-Za-z0-9_-]+)`).exec(mails.at(-1)?.body_text ?? "")?.[1];
  expect(token, "a confirmation link in the mail").toBeTruthy();
  return run(confirmAction, buildRequest(`/signup/confirm/${token}`, { form: { intent: "confirm" } }), { token: token! });
}

describe("sign up", () => {
  test("a valid form mails a link; the link creates the business, its sectors, a first site, its owner, a session and an audit row", async () => {
    const form = signupForm();
    const sent = await run(signupAction, buildRequest("/signup", { form }));
    expect(sent.status).toBe(200);
    expect(sent.data).toMatchObject({ ok: true, sentTo: form.contactEmail });
    expect(sent.headers.get("Set-Cookie")).toBeNull();
    // Nothing exists until the address confirms.
    expect(await db().selectFrom("business").where("tax_code", "=", form.taxCode as string).select("id").executeTakeFirst()).toBeUndefined();
    const [mail] = await outboxTo(String(form.contactEmail));
    expect(mail!.subject).toBe("Hoàn tất đăng ký — Cổng Đảm bảo Đo lường");
    const token = new RegExp(`${TEST_ORIGIN}/signup/confirm/([A-Za-z0-9_-]+)`).exec(mail!.body_text)![1]!;

    const page = await run(confirmLoader, buildRequest(`/signup/confirm/${token}`), { token });
    expect(page.data).toMatchObject({ pending: { legalName: form.legalName, email: form.contactEmail } });
    // Opening the link creates nothing: a mail scanner following it must not.
    expect(await db().selectFrom("business").where("tax_code", "=", form.taxCode as string).select("id").executeTakeFirst()).toBeUndefined();

    const outcome = await run(confirmAction, buildRequest(`/signup/confirm/${token}`, { form: { intent: "confirm" } }), { token });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/business");
    expect(outcome.headers.get("Set-Cookie")).toContain("mp_session=");
    const business = await db().selectFrom("business").where("tax_code", "=", form.taxCode as string).selectAll().executeTakeFirstOrThrow();
    expect(business.phone).toBe("02923820123");
    const sectors = await db().selectFrom("business_sector").where("business_id", "=", business.id).select("sector").execute();
    expect(sectors.map((s) => s.sector).sort()).toEqual(["fuel", "water"]);
    const owner = await db().selectFrom("user").where("business_id", "=", business.id).selectAll().executeTakeFirstOrThrow();
    expect(owner.role).toBe("business_owner");
    expect(owner.password_hash).toMatch(/^scrypt\$/);
    const sites = await db().selectFrom("site").where("business_id", "=", business.id).select("name").execute();
    expect(sites).toHaveLength(1);
    const audit = await db().selectFrom("audit_log").where("business_id", "=", business.id).where("action", "=", "signup").select("id").execute();
    expect(audit).toHaveLength(1);
    // The owner logs in with the password typed on the form.
    const login = await run(loginAction, buildRequest("/login", { form: { email: String(form.contactEmail), password: TEST_PASSWORD } }));
    expect(login.status).toBe(302);

    // The link works once.
    const again = await run(confirmAction, buildRequest(`/signup/confirm/${token}`, { form: { intent: "confirm" } }), { token });
    expect(again.status).toBe(400);
    expect((again.data as { errors: Record<string, string> }).errors).toEqual({ form: "errors.signupLinkInvalid" });
    expect((await run(confirmLoader, buildRequest(`/signup/confirm/${token}`), { token })).data).toMatchObject({ pending: null });
  });

  test("a tax code with a wrong check digit is refused next to the field, and the other input comes back", async () => {
    const good = validTaxCode();
    const wrong = `${good.slice(0, 9)}${(Number(good[9]) + 1) % 10}`;
    const form = signupForm({ taxCode: wrong });
    const outcome = await run(signupAction, buildRequest("/signup", { form }));
    expect(outcome.status).toBe(400);
    const result = outcome.data as { errors: Record<string, string>; values: Record<string, unknown> };
    expect(result.errors).toEqual({ taxCode: "errors.taxCode.checkDigit" });
    expect(result.values.legalName).toBe(form.legalName);
    expect(result.values.sectors).toEqual(["fuel", "water"]);
    expect(result.values).not.toHaveProperty("password");
    expect(await db().selectFrom("business").where("tax_code", "=", wrong).select("id").executeTakeFirst()).toBeUndefined();
  });

  test("a tax code already registered is refused on the form, and nothing is sent or half-saved", async () => {
    const first = signupForm();
    expect((await signUpAndConfirm(first)).status).toBe(302);
    const second = signupForm({ taxCode: first.taxCode as string });
    const outcome = await run(signupAction, buildRequest("/signup", { form: second }));
    expect(outcome.status).toBe(400);
    expect((outcome.data as { errors: Record<string, string> }).errors.taxCode).toBe("errors.taxCode.taken");
    expect(await db().selectFrom("user").where("email", "=", second.contactEmail as string).select("id").executeTakeFirst()).toBeUndefined();
    expect(await outboxTo(String(second.contactEmail))).toEqual([]);
  });

  test.each([
    { kind: "an enterprise's 10 digits", typed: (code: string) => code, stored: (code: string) => code, ownership: "private" },
    { kind: "a branch's 13 digits with the dash", typed: (code: string) => `${code}-002`, stored: (code: string) => `${code}-002`, ownership: "private" },
    { kind: "a branch's 13 digits typed without the dash", typed: (code: string) => `${code}003`, stored: (code: string) => `${code}-003`, ownership: "state" },
    { kind: "a household business's 12-digit personal number", typed: () => "092 085 0" + String(Date.now()).slice(-5), stored: (_: string, typed: string) => typed.replace(/\s/g, ""), ownership: "household" },
  ])("signs up with $kind", async ({ typed, stored, ownership }) => {
    const code = validTaxCode();
    const taxCode = typed(code);
    const form = signupForm({ taxCode, ownership });
    // Each from its own address: sign-ups are limited per address.
    expect((await signUpAndConfirm(form, `198.51.100.${Math.floor(Math.random() * 250) + 1}`)).status).toBe(302);
    const business = await db().selectFrom("business").where("tax_code", "=", stored(code, taxCode)).select(["ownership"]).executeTakeFirst();
    expect(business).toEqual({ ownership });
  });

  test("a 12-digit personal number is refused for a company, with what to do instead", async () => {
    const outcome = await run(signupAction, buildRequest("/signup", { form: signupForm({ taxCode: "092085012345", ownership: "private" }) }));
    expect(outcome.status).toBe(400);
    expect((outcome.data as { errors: Record<string, string> }).errors).toEqual({ taxCode: "errors.taxCode.personalNeedsHousehold" });
  });

  test("every missing field is reported at once", async () => {
    const outcome = await run(signupAction, buildRequest("/signup", { form: { legalName: "" } }));
    expect(outcome.status).toBe(400);
    const errors = (outcome.data as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(
      ["communeId", "contactEmail", "contactName", "legalName", "ownership", "password", "passwordConfirm", "phone", "sectors", "streetAddress", "taxCode"].sort(),
    );
  });

  test("a ward missing from the list can be typed in", async () => {
    const form = signupForm({ communeId: "other", communeOther: "Phường Tân Lộc" });
    expect((await signUpAndConfirm(form)).status).toBe(302);
    const business = await db().selectFrom("business").where("tax_code", "=", form.taxCode as string).select(["commune_id", "commune_other"]).executeTakeFirstOrThrow();
    expect(business).toEqual({ commune_id: null, commune_other: "Phường Tân Lộc" });
  });

  test("a name with a line break is refused with its reason", async () => {
    const form = signupForm({ legalName: "Công ty A\r\nBEGIN:VEVENT" });
    const outcome = await run(signupAction, buildRequest("/signup", { form }));
    expect(outcome.status).toBe(400);
    expect((outcome.data as { errors: Record<string, string> }).errors).toEqual({ legalName: "errors.controlCharacters" });
  });
});

describe("log in", () => {
  test("the right password opens a session stored in the database", async () => {
    const { email } = await createBusinessWithOwner();
    const outcome = await run(loginAction, buildRequest("/login", { form: { email: email.toUpperCase(), password: TEST_PASSWORD } }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/business");
    const cookie = outcome.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  test("redirectTo only follows paths on this site", async () => {
    const { email } = await createBusinessWithOwner();
    const login = (redirectTo: string) => run(loginAction, buildRequest("/login", { form: { email, password: TEST_PASSWORD, redirectTo } }));
    for (const redirectTo of ["//evil.example/x", "/%09/evil.example", "/%0a/evil.example", "/\\evil.example", "/\n/x", "https://evil.example/"]) {
      const outcome = await login(redirectTo);
      expect(outcome.status, redirectTo).toBe(302);
      expect(outcome.location, redirectTo).toBe("/business");
    }
    expect((await login("/business/instruments?site=3&status=overdue")).location).toBe("/business/instruments?site=3&status=overdue");
  });

  test("after five wrong passwords the account waits, even with the right one", async () => {
    const { email } = await createBusinessWithOwner();
    for (let i = 0; i < 5; i++) {
      const wrong = await run(loginAction, buildRequest("/login", { form: { email, password: "wrong-password" } }));
      expect((wrong.data as { errors: Record<string, string> }).errors.form).toBe("errors.loginInvalid");
    }
    const locked = await run(loginAction, buildRequest("/login", { form: { email, password: TEST_PASSWORD } }));
    expect(locked.status).toBe(429);
    expect((locked.data as { errors: Record<string, string> }).errors.form).toBe("errors.loginLocked");
  });
});

describe("who is logged in", () => {
  test("a page load looks the user up once; a form post looks again each time", async () => {
    const { ownerId } = await createBusinessWithOwner();
    const cookie = await cookieFor(ownerId);

    const pageLoad = buildRequest("/business", { cookie });
    const first = getSessionUser(pageLoad);
    expect(getSessionUser(pageLoad)).toBe(first);
    expect((await first)?.id).toBe(ownerId);
    // Another page load does not share the answer.
    expect(getSessionUser(buildRequest("/business", { cookie }))).not.toBe(first);

    const post = buildRequest("/logout", { method: "POST", cookie, form: {} });
    expect((await getSessionUser(post))?.id).toBe(ownerId);
    await db().deleteFrom("session").where("user_id", "=", ownerId).execute();
    expect(await getSessionUser(post)).toBeNull();
  });
});
