// Issue 12, point 11 (and point 4's sign-up limit): sign-up tells no stranger whether an address is
// registered, password re-prompts count with login failures, lockouts are per account *and* address
// with a higher per-account threshold, and sign-ups are limited per network address.
import { describe, expect, test } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT, MAX_SIGNUP_MAILS_PER_EMAIL, MAX_SIGNUPS_PER_ADDRESS } from "~/modules/accounts/rate-limit";
import { action as accountAction } from "~/routes/account";
import { action as submitAction } from "~/routes/business.assessments.$assessmentId.submit";
import { action as listAction } from "~/routes/business.assessments._index";
import { action as loginAction } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { action as confirmAction, loader as confirmLoader } from "~/routes/signup_.confirm.$token";
import { db, nowIso } from "~/utils/db.server";
import { TEST_ORIGIN, TEST_PASSWORD, buildRequest, cookieFor, createBusinessWithOwner, outboxTo, run, signupInput, silenceOutboxLog } from "../helpers";

silenceOutboxLog();

// Logins and sign-ups hash passwords with scrypt (slow on purpose): these tests make many.
const SLOW = 30_000;

function signupForm(overrides: Record<string, string> = {}): Record<string, string | string[]> {
  const input = signupInput();
  return { ...input, sectors: input.sectors, phone: "0292 3820 123", ...overrides };
}

const from = (clientAddress: string) => ({ clientAddress });
type Errors = { errors: Record<string, string>; values: Record<string, string> };

function login(email: string, password: string, clientAddress: string) {
  return run(loginAction, buildRequest("/login", { form: { email, password } }), {}, from(clientAddress));
}

function confirmToken(body: string): string | null {
  return new RegExp(`${TEST_ORIGIN}/signup/confirm/([A-Za-z0-9_-]+)`).exec(body)?.[1] ?? null;
}

describe("sign-up does not reveal registered addresses", () => {
  test(
    "an address with an account gets the same answer as a new one, and a notice by mail instead of a link",
    async () => {
      const existing = await createBusinessWithOwner();
      const fresh = signupForm();
      const taken = signupForm({ contactEmail: existing.email });

      const forNew = await run(signupAction, buildRequest("/signup", { form: fresh }), {}, from("198.51.100.10"));
      const forTaken = await run(signupAction, buildRequest("/signup", { form: taken }), {}, from("198.51.100.11"));
      expect(forTaken.status).toBe(forNew.status);
      expect(forNew.status).toBe(200);
      expect(forTaken.data).toEqual({ ...(forNew.data as object), sentTo: existing.email });
      expect([...forTaken.headers.keys()]).toEqual([...forNew.headers.keys()]);

      // The new address gets a link; the registered one a notice with where to log in or reset.
      const [link] = await outboxTo(String(fresh.contactEmail));
      expect(confirmToken(link!.body_text)).toBeTruthy();
      const notices = await outboxTo(existing.email);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.subject).toBe("Địa chỉ thư của bạn đã có tài khoản — Cổng Đảm bảo Đo lường");
      expect(notices[0]!.body_text).toContain(`${TEST_ORIGIN}/login`);
      expect(notices[0]!.body_text).toContain(`${TEST_ORIGIN}/forgot-password`);
      expect(confirmToken(notices[0]!.body_text)).toBeNull();
      // Nothing was created for the registered address, and its password did not change.
      expect(await db().selectFrom("business").where("tax_code", "=", String(taken.taxCode)).select("id").executeTakeFirst()).toBeUndefined();
      expect((await login(existing.email, TEST_PASSWORD, "198.51.100.12")).status).toBe(302);
    },
    SLOW,
  );

  test(
    "a second link for an address that got its account meanwhile opens nothing and says so",
    async () => {
      const form = signupForm();
      for (const ip of ["198.51.100.20", "198.51.100.21"]) await run(signupAction, buildRequest("/signup", { form }), {}, from(ip));
      const tokens = (await outboxTo(String(form.contactEmail))).map((m) => confirmToken(m.body_text)!);
      expect(tokens).toHaveLength(2);
      const first = await run(confirmAction, buildRequest(`/signup/confirm/${tokens[0]}`, { form: { intent: "confirm" } }), { token: tokens[0]! });
      expect(first.status).toBe(302);
      // One address, one account: the other link was spent with the first.
      const second = await run(confirmAction, buildRequest(`/signup/confirm/${tokens[1]}`, { form: { intent: "confirm" } }), { token: tokens[1]! });
      expect(second.status).toBe(400);
      expect((await run(confirmLoader, buildRequest(`/signup/confirm/${tokens[1]}`), { token: tokens[1]! })).data).toMatchObject({ pending: null });
      expect(await db().selectFrom("user").where("email", "=", String(form.contactEmail)).select("id").execute()).toHaveLength(1);
    },
    SLOW,
  );

  test(
    "an expired link opens nothing",
    async () => {
      const form = signupForm();
      await run(signupAction, buildRequest("/signup", { form }), {}, from("198.51.100.30"));
      const token = confirmToken((await outboxTo(String(form.contactEmail)))[0]!.body_text)!;
      await db().updateTable("signup_request").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("email", "=", String(form.contactEmail)).execute();
      const outcome = await run(confirmAction, buildRequest(`/signup/confirm/${token}`, { form: { intent: "confirm" } }), { token });
      expect(outcome.status).toBe(400);
      expect((outcome.data as Errors).errors).toEqual({ form: "errors.signupLinkInvalid" });
      expect(await db().selectFrom("user").where("email", "=", String(form.contactEmail)).select("id").executeTakeFirst()).toBeUndefined();
    },
    SLOW,
  );

  test(
    `one inbox gets at most ${MAX_SIGNUP_MAILS_PER_EMAIL} sign-up mails an hour; the page answers the same after that`,
    async () => {
      const existing = await createBusinessWithOwner();
      for (let i = 0; i <= MAX_SIGNUP_MAILS_PER_EMAIL; i++) {
        const outcome = await run(signupAction, buildRequest("/signup", { form: signupForm({ contactEmail: existing.email }) }), {}, from(`198.51.100.${40 + i}`));
        expect(outcome.status).toBe(200);
        expect(outcome.data).toMatchObject({ sentTo: existing.email });
      }
      expect(await outboxTo(existing.email)).toHaveLength(MAX_SIGNUP_MAILS_PER_EMAIL);
    },
    SLOW,
  );
});

describe("sign-up is limited per network address", () => {
  test(
    `the ${MAX_SIGNUPS_PER_ADDRESS + 1}th sign-up in an hour from one address is refused with a wait; another address still signs up`,
    async () => {
      for (let i = 0; i < MAX_SIGNUPS_PER_ADDRESS; i++) {
        expect((await run(signupAction, buildRequest("/signup", { form: signupForm() }), {}, from("203.0.113.50"))).status).toBe(200);
      }
      const form = signupForm();
      const refused = await run(signupAction, buildRequest("/signup", { form }), {}, from("203.0.113.50"));
      expect(refused.status).toBe(429);
      expect((refused.data as Errors).errors).toEqual({ form: "errors.signupLimited" });
      expect(Number((refused.data as Errors).values.retryAfter)).toBeGreaterThanOrEqual(59);
      // The typed input comes back, the passwords do not.
      expect((refused.data as Errors).values.legalName).toBe(form.legalName);
      expect((refused.data as Errors).values).not.toHaveProperty("password");
      expect(await outboxTo(String(form.contactEmail))).toEqual([]);

      const elsewhere = await run(signupAction, buildRequest("/signup", { form }), {}, from("203.0.113.51"));
      expect(elsewhere.status).toBe(200);
      expect(await outboxTo(String(form.contactEmail))).toHaveLength(1);
    },
    SLOW,
  );
});

describe("login lockout per account and address", () => {
  test(
    "five failures from one address lock the account there, not from another address",
    async () => {
      const { email } = await createBusinessWithOwner();
      for (let i = 0; i < 5; i++) expect((await login(email, "wrong-password", "198.51.100.60")).status).toBe(400);
      expect((await login(email, TEST_PASSWORD, "198.51.100.60")).status).toBe(429);
      const elsewhere = await login(email, TEST_PASSWORD, "192.0.2.61");
      expect(elsewhere.status).toBe(302);
      expect(elsewhere.location).toBe("/business");
    },
    SLOW,
  );

  test(
    `${MAX_FAILURES_PER_ACCOUNT} failures from many addresses lock the account everywhere`,
    async () => {
      const { email } = await createBusinessWithOwner();
      // A guesser spread over ten addresses, five tries each (the most each pair allows).
      const at = nowIso();
      const failures = Array.from({ length: MAX_FAILURES_PER_ACCOUNT - 1 }, (_, i) => ({ email, ip: `10.0.${Math.floor(i / 5)}.${i % 5}`, at, succeeded: 0 as const }));
      await db().insertInto("login_attempt").values(failures).execute();
      // One short of the threshold: the owner still gets in from home.
      expect((await login(email, TEST_PASSWORD, "192.0.2.70")).status).toBe(302);
      expect((await login(email, "wrong-password", "10.0.9.4")).status).toBe(400);
      const locked = await login(email, TEST_PASSWORD, "192.0.2.71");
      expect(locked.status).toBe(429);
      expect((locked.data as Errors).errors).toEqual({ form: "errors.loginLocked" });
    },
    SLOW,
  );

  test(
    "one address trying many accounts is still stopped after twenty failures",
    async () => {
      const accounts = await Promise.all(Array.from({ length: 5 }, () => createBusinessWithOwner()));
      for (const { email } of accounts.slice(0, 4)) {
        for (let i = 0; i < 5; i++) await login(email, "wrong-password", "198.51.100.80");
      }
      expect((await login(accounts[4]!.email, TEST_PASSWORD, "198.51.100.80")).status).toBe(429);
      expect((await login(accounts[4]!.email, TEST_PASSWORD, "198.51.100.81")).status).toBe(302);
    },
    SLOW,
  );
});

describe("password re-prompts count with login failures", () => {
  test(
    "wrong current passwords at a change of password lock logins from that address, and the form then says when to retry",
    async () => {
      const { ownerId, email } = await createBusinessWithOwner();
      const cookie = await cookieFor(ownerId);
      const change = (currentPassword: string) =>
        run(
          accountAction,
          buildRequest("/account", { cookie, form: { currentPassword, password: "a-new-pass-2026", passwordConfirm: "a-new-pass-2026" } }),
          {},
          from("198.51.100.90"),
        );
      for (let i = 0; i < 5; i++) expect((await change("not-my-password")).status).toBe(400);
      const locked = await change(TEST_PASSWORD);
      expect(locked.status).toBe(429);
      expect((locked.data as Errors).errors).toEqual({ form: "errors.passwordLocked" });
      expect(Number((locked.data as Errors).values.retryAfter)).toBeGreaterThan(0);
      expect((await login(email, TEST_PASSWORD, "198.51.100.90")).status).toBe(429);
      // The password did not change.
      expect((await login(email, TEST_PASSWORD, "192.0.2.91")).status).toBe(302);
    },
    SLOW,
  );

  test(
    "wrong passwords when submitting an assessment count too",
    async () => {
      const { ownerId, email } = await createBusinessWithOwner();
      const cookie = await cookieFor(ownerId);
      const started = await run(listAction, buildRequest("/business/assessments", { cookie, form: {} }));
      const id = String(started.location!.split("/").pop());
      const submit = (password: string) =>
        run(submitAction, buildRequest(`/business/assessments/${id}/submit`, { cookie, form: { password } }), { assessmentId: id }, from("198.51.100.95"));
      for (let i = 0; i < 5; i++) {
        const wrong = await submit("not-my-password");
        expect((wrong.data as Errors).errors).toEqual({ password: "assessments:errors.password" });
      }
      const locked = await submit(TEST_PASSWORD);
      expect(locked.status).toBe(429);
      expect((locked.data as Errors).errors).toEqual({ form: "accounts:errors.passwordLocked" });
      expect((await login(email, TEST_PASSWORD, "198.51.100.95")).status).toBe(429);
      const failures = await db().selectFrom("login_attempt").where("email", "=", email).where("succeeded", "=", 0).select("ip").execute();
      expect(failures).toHaveLength(5);
    },
    SLOW,
  );
});
