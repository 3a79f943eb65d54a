import { randomBytes } from "node:crypto";
import ical, { ICalCalendarMethod, ICalEventTransparency } from "ical-generator";
import { type TFunction } from "i18next";
import { recordAudit } from "~/modules/audit/audit.server";
import { formatDate } from "~/modules/i18n/format";
import { type BusinessScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { type DueRule } from "./due-dates";
import { escapedText, multiLine, singleLine } from "./ical-text";

/** 192 random bits: the URL is the only key to the feed, since calendar clients send no cookie. */
export function newCalendarToken(): string {
  return randomBytes(24).toString("base64url");
}

export const CALENDAR_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** The user's feed token, made on the first visit to the settings page. */
export async function ensureCalendarToken(scope: BusinessScope): Promise<string> {
  const current = await db().selectFrom("user").where("id", "=", scope.user.id).select("calendar_token").executeTakeFirstOrThrow();
  if (current.calendar_token) return current.calendar_token;
  // Only where still empty: two tabs opening the page at once end up with the same token.
  await db().updateTable("user").set({ calendar_token: newCalendarToken() }).where("id", "=", scope.user.id).where("calendar_token", "is", null).execute();
  const row = await db().selectFrom("user").where("id", "=", scope.user.id).select("calendar_token").executeTakeFirstOrThrow();
  return row.calendar_token!;
}

/** A new token: the old URL answers 404 from now on, in every calendar that subscribed to it. */
export async function resetCalendarToken(scope: BusinessScope): Promise<string> {
  const token = newCalendarToken();
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx.updateTable("user").set({ calendar_token: token }).where("id", "=", scope.user.id).execute();
      await recordAudit(tx, { actorUserId: scope.user.id, businessId: scope.businessId, entity: "user", entityId: scope.user.id, action: "reset_calendar_token" });
    });
  return token;
}

/**
 * What the feed at /calendar/<token>.ics shows: the due dates of the in-service instruments of the
 * token owner's business. Null when no active business user holds the token (reset, removed, disabled).
 */
export async function calendarFeedData(token: string) {
  if (!CALENDAR_TOKEN_PATTERN.test(token)) return null;
  const owner = await db()
    .selectFrom("user")
    .innerJoin("business", "business.id", "user.business_id")
    .where("user.calendar_token", "=", token)
    .where("user.disabled_at", "is", null)
    .where("user.role", "in", ["business_owner", "business_member"])
    .select(["business.id as businessId", "business.legal_name as businessName"])
    .executeTakeFirst();
  if (!owner) return null;
  const instruments = await db()
    .selectFrom("instrument")
    .innerJoin("site", "site.id", "instrument.site_id")
    .where("instrument.business_id", "=", owner.businessId)
    .where("instrument.status", "=", "in_service")
    .where("instrument.next_due_on", "is not", null)
    .select([
      "instrument.id as id",
      "instrument.tag as tag",
      "instrument.name as name",
      "instrument.next_due_on as dueOn",
      "instrument.due_rule as dueRule",
      "site.name as siteName",
    ])
    .orderBy("instrument.next_due_on")
    .orderBy("instrument.id")
    .execute();
  return { ...owner, instruments: instruments.map((i) => ({ ...i, dueOn: i.dueOn! })) };
}

export type FeedData = NonNullable<Awaited<ReturnType<typeof calendarFeedData>>>;

/** The rule that made a due date, in words: "12/03/2027 = verified 12/03/2026 + 12 months, legal cycle, …". */
export function describeDueRule(t: TFunction, dueOn: string, ruleJson: string | null): string {
  if (!ruleJson) return t("reminders:rule.none", { due: formatDate(dueOn) });
  let rule: DueRule;
  try {
    rule = JSON.parse(ruleJson) as DueRule;
  } catch {
    return t("reminders:rule.none", { due: formatDate(dueOn) });
  }
  switch (rule.kind) {
    case "legal":
      return t("reminders:rule.legal", { due: formatDate(dueOn), from: formatDate(rule.from), months: rule.months, source: rule.source });
    case "own":
      return t("reminders:rule.own", { due: formatDate(dueOn), from: formatDate(rule.from), months: rule.months });
    case "override":
      return t("reminders:rule.override", { due: formatDate(dueOn), reason: rule.reason });
  }
}

/** Which schedule a date belongs to, for the event's title; an override may stand for either. */
function ruleKind(ruleJson: string | null): "legal" | "own" | "other" {
  if (!ruleJson) return "other";
  try {
    const kind = (JSON.parse(ruleJson) as DueRule).kind;
    return kind === "legal" || kind === "own" ? kind : "other";
  } catch {
    return "other";
  }
}

function nextDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
}

/**
 * The feed as iCalendar text (RFC 5545), written by ical-generator. One all-day event per
 * instrument and due date: the UID names both, so a client updates the event it already has
 * while the date stands and shows a new one when a verification moves it.
 */
export function buildCalendarFeed(feed: FeedData, options: { origin: string; t: TFunction }): string {
  const { origin, t } = options;
  const host = new URL(origin).host;
  const calendar = ical({
    prodId: { company: "Measurement Assurance Portal", product: "due-dates", language: "VI" },
    // ical-generator writes these two as given: escaped here (names saved before control
    // characters were refused may still hold a line break).
    name: escapedText(singleLine(t("reminders:calendar.name", { business: singleLine(feed.businessName) }))),
    description: escapedText(t("reminders:calendar.description", { business: singleLine(feed.businessName) })),
    method: ICalCalendarMethod.PUBLISH,
    // Asks clients that honour it to fetch again twice a day; Google and Outlook choose their own pace.
    ttl: 12 * 3600,
  });
  for (const instrument of feed.instruments) {
    const url = `${origin}/business/instruments/${instrument.id}`;
    calendar.createEvent({
      id: `instrument-${instrument.id}-due-${instrument.dueOn}@${host}`,
      // A "YYYY-MM-DD" string is midnight UTC, and without a calendar time zone ical-generator
      // writes it as that very date: the server's own time zone never shifts the day.
      start: `${instrument.dueOn}T00:00:00Z`,
      end: nextDay(instrument.dueOn),
      allDay: true,
      // Event texts ical-generator escapes itself; control characters other than line breaks go first.
      summary: singleLine(t(`reminders:calendar.summary.${ruleKind(instrument.dueRule)}`, { tag: singleLine(instrument.tag), name: singleLine(instrument.name) })),
      description: multiLine(
        t("reminders:calendar.eventDescription", {
          rule: multiLine(describeDueRule(t, instrument.dueOn, instrument.dueRule)),
          site: singleLine(instrument.siteName),
          url,
        }),
      ),
      location: singleLine(instrument.siteName),
      url,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}
