import { type BusinessScope } from "~/utils/auth.server";
import { db, nowIso } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { isBusinessRole } from "./permissions";

const INVITATION_DAYS = 7;

export function listMembers(scope: BusinessScope) {
  return db()
    .selectFrom("user")
    .where("business_id", "=", scope.businessId)
    .where("disabled_at", "is", null)
    .select(["id", "email", "full_name as fullName", "role", "created_at as createdAt"])
    .orderBy("role", "desc")
    .orderBy("full_name")
    .execute();
}

export function listOpenInvitations(scope: BusinessScope) {
  return db()
    .selectFrom("invitation")
    .where("business_id", "=", scope.businessId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", nowIso())
    .select(["id", "email", "created_at as createdAt", "expires_at as expiresAt"])
    .orderBy("created_at", "desc")
    .execute();
}

type InviteMailText = (link: string, days: number) => { subject: string; text: string };

export type InviteResult = "sent" | "alreadyMember" | "alreadyInvited" | "otherAccount";

export async function inviteMember(
  scope: BusinessScope,
  email: string,
  origin: string,
  mailText: InviteMailText,
): Promise<InviteResult> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const existing = await tx.selectFrom("user").where("email", "=", email).select(["business_id", "role", "disabled_at"]).executeTakeFirst();
      // A removed member's account is disabled, not deleted: it may be invited again (see acceptInvitation).
      const invitable = !existing || (existing.disabled_at !== null && isBusinessRole(existing.role));
      if (!invitable) return existing.business_id === scope.businessId ? "alreadyMember" : "otherAccount";
      const open = await tx
        .selectFrom("invitation")
        .where("business_id", "=", scope.businessId)
        .where("email", "=", email)
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", nowIso())
        .select("id")
        .executeTakeFirst();
      if (open) return "alreadyInvited";
      const { token, hash } = newToken();
      const invitation = await tx
        .insertInto("invitation")
        .values({
          business_id: scope.businessId,
          email,
          token_hash: hash,
          invited_by: scope.user.id,
          created_at: nowIso(),
          expires_at: new Date(Date.now() + INVITATION_DAYS * 86_400_000).toISOString(),
          accepted_at: null,
          revoked_at: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await enqueueMail(tx, { to: email, ...mailText(`${origin}/invite/${token}`, INVITATION_DAYS) });
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: scope.businessId,
        entity: "invitation",
        entityId: invitation.id,
        action: "create",
        detail: { email },
      });
      return "sent";
    });
}

export async function revokeInvitation(scope: BusinessScope, invitationId: number): Promise<boolean> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const result = await tx
        .updateTable("invitation")
        .set({ revoked_at: nowIso() })
        .where("business_id", "=", scope.businessId)
        .where("id", "=", invitationId)
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      if (!result.numUpdatedRows) return false;
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: scope.businessId,
        entity: "invitation",
        entityId: invitationId,
        action: "revoke",
      });
      return true;
    });
}

export type RemoveMemberResult = "removed" | "notFound" | "isOwner";

/** The owner stays; a removed member's account is disabled and signed out everywhere. */
export async function removeMember(scope: BusinessScope, userId: number): Promise<RemoveMemberResult> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const member = await tx
        .selectFrom("user")
        .where("business_id", "=", scope.businessId)
        .where("id", "=", userId)
        .where("disabled_at", "is", null)
        .select(["id", "role", "email"])
        .executeTakeFirst();
      if (!member) return "notFound";
      if (member.role === "business_owner") return "isOwner";
      await tx.updateTable("user").set({ disabled_at: nowIso() }).where("id", "=", userId).execute();
      await tx.deleteFrom("session").where("user_id", "=", userId).execute();
      await recordAudit(tx, {
        actorUserId: scope.user.id,
        businessId: scope.businessId,
        entity: "user",
        entityId: userId,
        action: "remove_member",
        detail: { email: member.email },
      });
      return "removed";
    });
}

export function findOpenInvitation(token: string) {
  return db()
    .selectFrom("invitation")
    .innerJoin("business", "business.id", "invitation.business_id")
    .where("invitation.token_hash", "=", hashToken(token))
    .where("invitation.accepted_at", "is", null)
    .where("invitation.revoked_at", "is", null)
    .where("invitation.expires_at", ">", nowIso())
    .select(["invitation.id as id", "invitation.email as email", "business.legal_name as businessName"])
    .executeTakeFirst();
}

export type AcceptResult = { ok: true; userId: number } | { ok: false; reason: "invalid" | "emailTaken" };

export async function acceptInvitation(token: string, fullName: string, password: string): Promise<AcceptResult> {
  const passwordHash = await hashPassword(password);
  return db()
    .transaction()
    .execute(async (tx) => {
      const invitation = await tx
        .selectFrom("invitation")
        .where("token_hash", "=", hashToken(token))
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", nowIso())
        .select(["id", "email", "business_id"])
        .executeTakeFirst();
      if (!invitation) return { ok: false as const, reason: "invalid" as const };
      const existing = await tx
        .selectFrom("user")
        .where("email", "=", invitation.email)
        .select(["id", "role", "disabled_at"])
        .executeTakeFirst();
      const comesBack = existing && existing.disabled_at !== null && isBusinessRole(existing.role);
      if (existing && !comesBack) return { ok: false as const, reason: "emailTaken" as const };
      const account = {
        full_name: fullName,
        password_hash: passwordHash,
        role: "business_member" as const,
        business_id: invitation.business_id,
        disabled_at: null,
      };
      const user = existing
        ? await tx.updateTable("user").set(account).where("id", "=", existing.id).returning("id").executeTakeFirstOrThrow()
        : await tx
            .insertInto("user")
            .values({ ...account, email: invitation.email, created_at: nowIso() })
            .returning("id")
            .executeTakeFirstOrThrow();
      await tx.updateTable("invitation").set({ accepted_at: nowIso() }).where("id", "=", invitation.id).execute();
      await recordAudit(tx, {
        actorUserId: user.id,
        businessId: invitation.business_id,
        entity: "invitation",
        entityId: invitation.id,
        action: "accept",
      });
      return { ok: true as const, userId: user.id };
    });
}
