import { type TFunction } from "i18next";
import { type InstrumentPurpose } from "@db/schema";
import { formatDate } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { db, nowIso } from "~/utils/db.server";
import { type Catalogue, legalCatalogue } from "./catalogue.server";
import { REMINDER_KINDS, type ReminderKind, digestSections, remindersDueToday } from "./reminders";

function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** In-service instruments of every business due within 30 days or overdue, with what was already sent for that date. */
async function candidates(today: string) {
  const instruments = await db()
    .selectFrom("instrument")
    .innerJoin("business", "business.id", "instrument.business_id")
    .innerJoin("site", "site.id", "instrument.site_id")
    .where("instrument.status", "=", "in_service")
    .where("instrument.next_due_on", "is not", null)
    .where("instrument.next_due_on", "<=", plusDays(today, 30))
    .select([
      "instrument.id as instrumentId",
      "instrument.business_id as businessId",
      "business.legal_name as businessName",
      "business.email as businessEmail",
      "instrument.tag as tag",
      "instrument.name as name",
      "instrument.type_id as typeId",
      "instrument.purpose as purpose",
      "instrument.next_due_on as dueOn",
      "site.name as siteName",
    ])
    .execute();
  const sent = await db()
    .selectFrom("reminder_sent")
    .innerJoin("instrument", (join) =>
      join.onRef("instrument.id", "=", "reminder_sent.instrument_id").onRef("instrument.next_due_on", "=", "reminder_sent.due_on"),
    )
    .where("instrument.status", "=", "in_service")
    .where("instrument.next_due_on", "<=", plusDays(today, 30))
    .select(["reminder_sent.instrument_id as instrumentId", "reminder_sent.kind as kind", "reminder_sent.due_on as dueOn"])
    .execute();
  return { instruments: instruments.map((i) => ({ ...i, dueOn: i.dueOn! })), sent };
}

// A water utility may see thousands of meters fall due in one week: the mail names the first ones
// and sends the reader to the register for the rest (every reminder is still recorded as sent).
const MAX_ITEMS_PER_SECTION = 100;
// Rows per INSERT, well under SQLite's limit on bound variables.
const INSERT_CHUNK = 500;

type DigestItem = { instrumentId: number; tag: string; name: string; siteName: string; typeId: string; purpose: InstrumentPurpose; dueOn: string; kind: ReminderKind };

/** What a change of the legal catalogue did to this business (legal_notice.detail). */
export type LegalNoticeDetail = {
  typeId: string;
  change: "cycle" | "listed" | "removed" | "retracted" | "other";
  fromMonths: number | null;
  toMonths: number | null;
  document: string;
  effectiveFrom: string;
  instruments: number;
};

function noticeLine(t: TFunction, catalogue: Catalogue, notice: LegalNoticeDetail): string {
  const values = {
    type: catalogue.typeName(notice.typeId, "vi"),
    from: notice.fromMonths ?? "—",
    to: notice.toMonths ?? "—",
    document: notice.document,
    date: formatDate(notice.effectiveFrom),
    count: notice.instruments,
  };
  return `- ${t(`digest.legal.${notice.change}`, values)}`;
}

function digestMail(
  t: TFunction,
  catalogue: Catalogue,
  input: { businessName: string; today: string; origin: string; items: DigestItem[]; notices: LegalNoticeDetail[] },
) {
  const { businessName, today, origin, items, notices } = input;
  const count = (kind: ReminderKind) => items.filter((i) => i.kind === kind).length;
  const isLegal = (item: DigestItem) => catalogue.status(item.typeId, item.purpose).group === 2;
  const lines: string[] = [t("digest.greeting", { business: businessName }), ""];
  if (items.length) lines.push(t("digest.intro", { date: formatDate(today) }));
  if (notices.length) {
    lines.push("", t("digest.legal.title").toUpperCase(), t("digest.legal.intro"));
    for (const notice of notices) lines.push(noticeLine(t, catalogue, notice));
    lines.push(t("digest.legal.basis", { url: `${origin}/legal` }));
  }
  for (const section of digestSections(items)) {
    lines.push("", t(`digest.section.${section.kind}`).toUpperCase());
    if (section.kind === "overdue" && section.items.some(isLegal)) lines.push(t("digest.overdueLegal"));
    for (const item of section.items.slice(0, MAX_ITEMS_PER_SECTION)) {
      const legal = isLegal(item);
      lines.push(
        t("digest.item", { tag: item.tag, name: item.name, site: item.siteName, due: formatDate(item.dueOn) }) + (legal ? ` ${t("digest.legalMark")}` : ""),
        `  ${origin}/business/instruments/${item.instrumentId}`,
      );
    }
    if (section.items.length > MAX_ITEMS_PER_SECTION) lines.push(t("digest.more", { number: section.items.length - MAX_ITEMS_PER_SECTION }));
  }
  lines.push("", t("digest.register", { url: `${origin}/business/instruments` }), t("digest.calendar", { url: `${origin}/business/calendar` }), "", t("digest.onceOnly"), t("digest.recipient", { url: `${origin}/business/profile` }));
  const parts = REMINDER_KINDS.filter((kind) => count(kind) > 0).map((kind) => t(`digest.subjectPart.${kind}`, { number: count(kind) }));
  if (notices.length) parts.push(t("digest.subjectPart.legal", { number: notices.length }));
  return { subject: t("digest.subject", { business: businessName, parts: parts.join(", ") }), text: lines.join("\n") };
}

/** Notices not yet told, with their business's name and address. */
async function unsentNotices() {
  const rows = await db()
    .selectFrom("legal_notice")
    .innerJoin("business", "business.id", "legal_notice.business_id")
    .where("legal_notice.sent_at", "is", null)
    .select(["legal_notice.id as id", "legal_notice.business_id as businessId", "business.legal_name as businessName", "business.email as businessEmail", "legal_notice.detail as detail"])
    .orderBy("legal_notice.id")
    .execute();
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as LegalNoticeDetail }));
}

export type DigestRun = { businesses: number; reminders: number };

/**
 * Sends today's reminder digests: one mail per business listing what newly fell into the
 * 30-day, 7-day or overdue window, each reminder once per instrument and due date.
 *
 * The digest goes to the business's contact e-mail (its profile), not to every user: one mail
 * per business, as the programme asks, to the address the business chose for the portal's
 * notices (the owner's at sign-up; a shared quality mailbox if it prefers), and staff who
 * only read the register are not sent copies they cannot act on.
 *
 * Each business is one transaction: the reminder_sent rows and the outbox mail land together.
 * Rows are inserted with ON CONFLICT DO NOTHING and the mail lists only the rows that went in,
 * so two runs at once (the daily timer and `npm run reminders`) cannot send a reminder twice.
 */
export async function sendReminderDigests(options: { today: string; origin: string }): Promise<DigestRun> {
  const { today, origin } = options;
  const [{ instruments, sent }, notices, catalogue] = await Promise.all([candidates(today), unsentNotices(), legalCatalogue()]);
  const due = remindersDueToday(instruments, sent, today);
  type Recipient = { businessName: string; businessEmail: string };
  const byBusiness = new Map<number, { to: Recipient; reminders: typeof due; notices: typeof notices }>();
  const entry = (businessId: number, to: Recipient) => {
    let found = byBusiness.get(businessId);
    if (!found) byBusiness.set(businessId, (found = { to, reminders: [], notices: [] }));
    return found;
  };
  for (const reminder of due) entry(reminder.businessId, reminder).reminders.push(reminder);
  // A change of the legal catalogue that moved this business's dates is told in the same digest.
  for (const notice of notices) entry(notice.businessId, notice).notices.push(notice);

  // The business has no language setting yet: digests are in Vietnamese, the portal's default.
  const t = await i18nServer.getFixedT("vi", "reminders");
  const run: DigestRun = { businesses: 0, reminders: 0 };
  for (const { to, reminders, notices: told } of byBusiness.values()) {
    const sentAt = nowIso();
    const outcome = await db()
      .transaction()
      .execute(async (tx) => {
        const rows: Array<{ instrument_id: number; kind: ReminderKind; due_on: string }> = [];
        for (let start = 0; start < reminders.length; start += INSERT_CHUNK) {
          const chunk = reminders.slice(start, start + INSERT_CHUNK);
          rows.push(
            ...(await tx
              .insertInto("reminder_sent")
              .values(chunk.map((r) => ({ instrument_id: r.instrumentId, kind: r.kind, due_on: r.dueOn, sent_at: sentAt })))
              .onConflict((oc) => oc.doNothing())
              .returning(["instrument_id", "kind", "due_on"])
              .execute()),
          );
        }
        // Marked as told only by the run that marks them, so two runs cannot both tell them.
        const marked = told.length
          ? await tx
              .updateTable("legal_notice")
              .set({ sent_at: sentAt })
              .where("id", "in", told.map((n) => n.id))
              .where("sent_at", "is", null)
              .returning("id")
              .execute()
          : [];
        if (!rows.length && !marked.length) return { reminders: 0, notices: 0 };
        const fresh = new Set(rows.map((r) => `${r.instrument_id}|${r.kind}|${r.due_on}`));
        const items = reminders.filter((r) => fresh.has(`${r.instrumentId}|${r.kind}|${r.dueOn}`));
        const markedIds = new Set(marked.map((m) => m.id));
        const noticeDetails = told.filter((n) => markedIds.has(n.id)).map((n) => n.detail);
        const mail = digestMail(t, catalogue, { businessName: to.businessName, today, origin, items, notices: noticeDetails });
        await enqueueMail(tx, { to: to.businessEmail, ...mail });
        return { reminders: rows.length, notices: marked.length };
      });
    if (outcome.reminders || outcome.notices) {
      run.businesses += 1;
      run.reminders += outcome.reminders;
    }
  }
  return run;
}
