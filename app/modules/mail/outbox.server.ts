import nodemailer from "nodemailer";
import { type Queryable, db, nowIso } from "~/utils/db.server";
import { env } from "~/utils/env.server";

export type Mail = { to: string; subject: string; text: string };

let logQueuedMail = true;

/**
 * Runs `work` without writing the mail it queues to the log: seeding the demo queues dozens of
 * mails for back-dated events, which would bury the start-up output (they stay readable at
 * /dev/outbox).
 */
export async function withoutMailLog<T>(work: () => Promise<T>): Promise<T> {
  const before = logQueuedMail;
  logQueuedMail = false;
  try {
    return await work();
  } finally {
    logQueuedMail = before;
  }
}

/** Written in the caller's transaction; sent only after it commits (see deliverOutbox). */
export async function enqueueMail(tx: Queryable, mail: Mail): Promise<void> {
  await tx
    .insertInto("outbox")
    .values({ to_address: mail.to, subject: mail.subject, body_text: mail.text, created_at: nowIso() })
    .execute();
  if (logQueuedMail && !env().smtpUrl) console.info(`[outbox] to ${mail.to}: ${mail.subject}\n${mail.text}`);
}

let transport: nodemailer.Transporter | undefined;

/**
 * Sends what waits in the outbox by SMTP when SMTP_URL is set. Without it the mail stays in
 * the outbox table (readable at /dev/outbox in the demo) and is written to the log.
 */
export async function deliverOutbox(): Promise<void> {
  const { smtpUrl, mailFrom } = env();
  if (!smtpUrl) return;
  const pending = await db()
    .selectFrom("outbox")
    .where("sent_at", "is", null)
    // Retried every minute for a day; after that a mail is left with its last error for an admin to read.
    .where("created_at", ">", new Date(Date.now() - 86_400_000).toISOString())
    .select(["id", "to_address", "subject", "body_text"])
    .orderBy("id")
    .limit(50)
    .execute();
  for (const mail of pending) {
    try {
      transport ??= nodemailer.createTransport(smtpUrl);
      await transport.sendMail({ from: mailFrom, to: mail.to_address, subject: mail.subject, text: mail.body_text });
      await db().updateTable("outbox").set({ sent_at: nowIso() }).where("id", "=", mail.id).execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[outbox] mail #${mail.id} failed: ${message}`);
      await db().updateTable("outbox").set({ last_error: message }).where("id", "=", mail.id).execute();
    }
  }
}

/** Fire and forget after a commit: a slow SMTP server must not hold up the response. */
export function deliverOutboxSoon(): void {
  // In a worker without the mail timer, the worker that has it sends within a minute.
  if (process.env.PORTAL_BACKGROUND_JOBS === "0") return;
  setImmediate(() => {
    deliverOutbox().catch((error) => console.error("[outbox] delivery failed", error));
  });
}
