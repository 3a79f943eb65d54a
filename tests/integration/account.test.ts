import { expect, test } from "vitest";
import { authenticate } from "~/modules/accounts/login.server";
import { action as accountAction, loader as accountLoader } from "~/routes/account";
import { db } from "~/utils/db.server";
import { buildRequest, cookieFor, createBusinessWithOwner, run, TEST_PASSWORD } from "../helpers";

test("changing the password needs the current one, keeps this session and ends the others", async () => {
  const { ownerId, email } = await createBusinessWithOwner();
  const here = await cookieFor(ownerId);
  await cookieFor(ownerId); // a second device

  const wrong = await run(
    accountAction,
    buildRequest("/account", { cookie: here, form: { currentPassword: "not-it", password: "a-new-pass-2026", passwordConfirm: "a-new-pass-2026" } }),
  );
  expect(wrong.status).toBe(400);
  expect((wrong.data as { errors: Record<string, string> }).errors).toEqual({ currentPassword: "errors.currentPasswordWrong" });

  const changed = await run(
    accountAction,
    buildRequest("/account", { cookie: here, form: { currentPassword: TEST_PASSWORD, password: "a-new-pass-2026", passwordConfirm: "a-new-pass-2026" } }),
  );
  expect(changed.status).toBe(302);
  const sessions = await db().selectFrom("session").where("user_id", "=", ownerId).select("id").execute();
  expect(sessions).toHaveLength(1);
  expect((await run(accountLoader, buildRequest("/account", { cookie: here }))).status).toBe(200);
  expect((await authenticate(email, TEST_PASSWORD, "198.51.100.1")).ok).toBe(false);
  expect((await authenticate(email, "a-new-pass-2026", "198.51.100.1")).ok).toBe(true);
  const audit = await db().selectFrom("audit_log").where("action", "=", "change_password").where("entity_id", "=", String(ownerId)).select("id").execute();
  expect(audit).toHaveLength(1);
});

test("the account page needs a login", async () => {
  const outcome = await run(accountLoader, buildRequest("/account"));
  expect(outcome.status).toBe(302);
  expect(outcome.location).toBe("/login?redirectTo=%2Faccount");
});
