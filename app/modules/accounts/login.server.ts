import { type Role } from "@db/schema";
import { type Queryable, db, nowIso } from "~/utils/db.server";
import { DUMMY_HASH, hashPassword, verifyPassword } from "~/utils/password.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { type Gate, LOGIN_WINDOW_MINUTES, loginGate } from "./rate-limit";

export type LoginResult =
  | { ok: true; userId: number; role: Role }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterMinutes: number };

/**
 * Whether a password may be tried now for this account from this address: failed logins and failed
 * password re-prompts inside the window, counted per account and address, per account and per
 * address (see rate-limit.ts).
 */
export async function passwordGate(email: string, ip: string): Promise<Gate> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  const failures = (column: "email" | "ip", value: string) =>
    db()
      .selectFrom("login_attempt")
      .where(column, "=", value)
      .where("at", ">", since)
      .where("succeeded", "=", 0)
      .select(["at", "email", "ip"])
      .orderBy("at")
      .execute();
  const [account, address] = await Promise.all([failures("email", email), failures("ip", ip)]);
  return loginGate(
    {
      pair: account.filter((f) => f.ip === ip).map((f) => f.at),
      account: account.map((f) => f.at),
      address: address.map((f) => f.at),
    },
    new Date(),
  );
}

async function recordPasswordAttempt(email: string, ip: string, succeeded: boolean): Promise<void> {
  await db()
    .insertInto("login_attempt")
    .values({ email, ip, at: nowIso(), succeeded: succeeded ? 1 : 0 })
    .execute();
}

/** A wrong password typed where the portal asks for it again (submitting an assessment): it counts like a failed login. */
export function recordPasswordFailure(email: string, ip: string): Promise<void> {
  return recordPasswordAttempt(email, ip, false);
}

export async function authenticate(email: string, password: string, ip: string): Promise<LoginResult> {
  const gate = await passwordGate(email, ip);
  if (!gate.allowed) return { ok: false, reason: "locked", retryAfterMinutes: gate.retryAfterMinutes };

  const user = await db()
    .selectFrom("user")
    .where("email", "=", email)
    .where("disabled_at", "is", null)
    .select(["id", "role", "password_hash"])
    .executeTakeFirst();
  const valid = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  await recordPasswordAttempt(email, ip, Boolean(valid && user));
  if (!valid || !user) return { ok: false, reason: "invalid" };
  return { ok: true, userId: user.id, role: user.role };
}

const RESET_HOURS = 2;

type ResetMailText = (link: string, hours: number) => { subject: string; text: string };

/** Always looks the same from outside, whether or not the address has an account. */
const MAX_RESET_MAILS_PER_HOUR = 3;

export async function requestPasswordReset(email: string, origin: string, mailText: ResetMailText): Promise<void> {
  const user = await db().selectFrom("user").where("email", "=", email).where("disabled_at", "is", null).select("id").executeTakeFirst();
  if (!user) return;
  // Nobody can flood an inbox with reset mails: a few an hour is plenty for a person.
  const { recent } = await db()
    .selectFrom("password_reset")
    .where("user_id", "=", user.id)
    .where("created_at", ">", new Date(Date.now() - 3_600_000).toISOString())
    .select((eb) => eb.fn.countAll<number>().as("recent"))
    .executeTakeFirstOrThrow();
  if (Number(recent) >= MAX_RESET_MAILS_PER_HOUR) return;
  const { token, hash } = newToken();
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx
        .insertInto("password_reset")
        .values({
          token_hash: hash,
          user_id: user.id,
          created_at: nowIso(),
          expires_at: new Date(Date.now() + RESET_HOURS * 3_600_000).toISOString(),
          used_at: null,
        })
        .execute();
      await enqueueMail(tx, { to: email, ...mailText(`${origin}/reset-password/${token}`, RESET_HOURS) });
    });
}

/** The account a reset link opens: unused, unexpired, and the account still active. */
export async function findValidReset(token: string, q: Queryable = db()) {
  return q
    .selectFrom("password_reset")
    .innerJoin("user", "user.id", "password_reset.user_id")
    .where("password_reset.token_hash", "=", hashToken(token))
    .where("password_reset.used_at", "is", null)
    .where("password_reset.expires_at", ">", nowIso())
    .where("user.disabled_at", "is", null)
    .select(["user.id as userId", "user.email as email"])
    .executeTakeFirst();
}

/** An older link must not overwrite the password just chosen. */
async function spendResetLinks(tx: Queryable, userId: number) {
  await tx.updateTable("password_reset").set({ used_at: nowIso() }).where("user_id", "=", userId).where("used_at", "is", null).execute();
}

/** Sets the new password, spends the link and ends every open session of the account. */
export async function resetPassword(token: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db()
    .transaction()
    .execute(async (tx) => {
      const reset = await findValidReset(token, tx);
      if (!reset) return false;
      await tx.updateTable("user").set({ password_hash: passwordHash }).where("id", "=", reset.userId).execute();
      await spendResetLinks(tx, reset.userId);
      await tx.deleteFrom("session").where("user_id", "=", reset.userId).execute();
      await recordAudit(tx, {
        actorUserId: reset.userId,
        businessId: null,
        entity: "user",
        entityId: reset.userId,
        action: "reset_password",
      });
      return true;
    });
}

export type ChangePasswordResult =
  | { ok: true }
  | { ok: false; reason: "wrongPassword" }
  | { ok: false; reason: "locked"; retryAfterMinutes: number };

/**
 * Needs the current password, which counts with the login failures of the account and address (a
 * stolen session must not be a way to guess it without limit); every other session of the account
 * ends, this one stays.
 */
export async function changePassword(
  userId: number,
  keepSessionId: string | null,
  currentPassword: string,
  newPassword: string,
  ip: string,
): Promise<ChangePasswordResult> {
  const user = await db().selectFrom("user").where("id", "=", userId).select(["email", "password_hash", "business_id"]).executeTakeFirst();
  if (!user) return { ok: false, reason: "wrongPassword" };
  const gate = await passwordGate(user.email, ip);
  if (!gate.allowed) return { ok: false, reason: "locked", retryAfterMinutes: gate.retryAfterMinutes };
  if (!(await verifyPassword(currentPassword, user.password_hash))) {
    await recordPasswordFailure(user.email, ip);
    return { ok: false, reason: "wrongPassword" };
  }
  const passwordHash = await hashPassword(newPassword);
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.updateTable("user").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
      await spendResetLinks(tx, userId);
      await tx
        .deleteFrom("session")
        .where("user_id", "=", userId)
        .where("id", "!=", keepSessionId ?? "")
        .execute();
      await recordAudit(tx, { actorUserId: userId, businessId: user.business_id, entity: "user", entityId: userId, action: "change_password" });
    });
  return { ok: true };
}
