import { describe, expect, test } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { getSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { buildRequest, cookieFor, createBusinessWithOwner, run, signupInput, TEST_PASSWORD, validTaxCode } from "../helpers";

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

describe("sign up", () => {
  test("creates the business, its sectors, a first site, its owner, a session and an audit row", async () => {
    const form = signupForm();
    const outcome = await run(signupAction, buildRequest("/signup", { form }));
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

  test("a tax code already registered is refused, and nothing is half-saved", async () => {
    const first = signupForm();
    expect((await run(signupAction, buildRequest("/signup", { form: first }))).status).toBe(302);
    const second = signupForm({ taxCode: first.taxCode as string });
    const outcome = await run(signupAction, buildRequest("/signup", { form: second }));
    expect(outcome.status).toBe(400);
    expect((outcome.data as { errors: Record<string, string> }).errors.taxCode).toBe("errors.taxCode.taken");
    expect(await db().selectFrom("user").where("email", "=", second.contactEmail as string).select("id").executeTakeFirst()).toBeUndefined();
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
    expect((await run(signupAction, buildRequest("/signup", { form }))).status).toBe(302);
    const business = await db().selectFrom("business").where("tax_code", "=", form.taxCode as string).select(["commune_id", "commune_other"]).executeTakeFirstOrThrow();
    expect(business).toEqual({ commune_id: null, commune_other: "Phường Tân Lộc" });
  });
});

describe("log in", () => {
  test("the right password opens a session stored in the database", async () => {
    const form = signupForm();
    await run(signupAction, buildRequest("/signup", { form }));
    const outcome = await run(loginAction, buildRequest("/login", { form: { email: String(form.contactEmail).toUpperCase(), password: TEST_PASSWORD } }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/business");
    const cookie = outcome.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  test("redirectTo only follows paths on this site", async () => {
    const form = signupForm();
    await run(signupAction, buildRequest("/signup", { form }));
    const outcome = await run(
      loginAction,
      buildRequest("/login", { form: { email: String(form.contactEmail), password: TEST_PASSWORD, redirectTo: "//evil.example/x" } }),
    );
    expect(outcome.location).toBe("/business");
  });

  test("after five wrong passwords the account waits, even with the right one", async () => {
    const form = signupForm();
    await run(signupAction, buildRequest("/signup", { form }));
    const email = String(form.contactEmail);
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
