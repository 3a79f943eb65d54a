import { formatDate } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { type Tx } from "~/utils/db.server";

export type RequestNotice =
  | "submitted"
  | "needsInformation"
  | "answered"
  | "approved"
  | "rejected"
  | "withdrawn"
  | "rescheduled"
  | "completed"
  | "messageFromBusiness"
  | "messageFromDost";

/** Notices that ask the business to act or tell it of a decision; the rest go to DOST. */
const TO_BUSINESS: readonly RequestNotice[] = ["needsInformation", "approved", "rejected", "rescheduled", "completed", "messageFromDost"];

async function businessRecipients(tx: Tx, requestId: number): Promise<string[]> {
  const row = await tx
    .selectFrom("support_request")
    .innerJoin("business", "business.id", "support_request.business_id")
    .innerJoin("user", "user.id", "support_request.created_by")
    .where("support_request.id", "=", requestId)
    .select(["business.email as businessEmail", "user.email as creatorEmail", "user.disabled_at as creatorDisabled"])
    .executeTakeFirstOrThrow();
  return [...new Set([row.businessEmail, ...(row.creatorDisabled ? [] : [row.creatorEmail])])];
}

/** The assignee when there is one; otherwise every active reviewer, so nothing waits unseen. */
async function dostRecipients(tx: Tx, assigneeId: number | null): Promise<string[]> {
  let query = tx.selectFrom("user").where("role", "in", ["dost_reviewer", "dost_admin"]).where("disabled_at", "is", null).select("email");
  if (assigneeId !== null) query = query.where("id", "=", assigneeId);
  const rows = await query.execute();
  return rows.map((r) => r.email);
}

/**
 * E-mails the other side, in the caller's transaction (outbox rule: sent only once it commits).
 * Mails are in Vietnamese, the portal's default; every one carries the tracking code.
 */
export async function notify(tx: Tx, request: { id: number; assignee_id: number | null }, notice: RequestNotice, origin: string): Promise<void> {
  const current = await tx
    .selectFrom("support_request")
    .innerJoin("business", "business.id", "support_request.business_id")
    .where("support_request.id", "=", request.id)
    .select(["code", "title", "appointment_on", "plan_on", "plan_provider", "business.legal_name as businessName", "assignee_id"])
    .executeTakeFirstOrThrow();
  const toBusiness = TO_BUSINESS.includes(notice);
  const recipients = toBusiness ? await businessRecipients(tx, request.id) : await dostRecipients(tx, current.assignee_id);
  const t = await i18nServer.getFixedT("vi", "requests");
  const code = current.code ?? "";
  const link = `${origin}/${toBusiness ? "business" : "dost"}/requests/${request.id}`;
  const values = {
    code,
    title: current.title,
    business: current.businessName,
    appointment: formatDate(current.appointment_on),
    planOn: formatDate(current.plan_on),
    provider: current.plan_provider ?? "",
  };
  const text = [
    t(`mail.${notice}.body`, values),
    "",
    t("mail.request", values),
    t("mail.open", { link }),
    "",
    t("mail.signature"),
  ].join("\n");
  for (const to of recipients) await enqueueMail(tx, { to, subject: `[${code}] ${t(`mail.${notice}.subject`, values)}`, text });
}
